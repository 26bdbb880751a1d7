"""Validate scenario files, then write them all in one transaction (or none)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from ruptures.library import load_paths
from ruptures.services.library import library_load


class Command(BaseCommand):
    help = (
        "Load scenario YAML files (default: the scenarios/ folder). Every file is "
        "validated first; one bad file means nothing is written."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="*", type=Path, help="files or folders")
        parser.add_argument(
            "--dry-run", action="store_true", help="report what would change, write nothing"
        )

    def handle(self, *args: object, paths: list[Path], dry_run: bool, **options: object) -> None:
        library = load_paths(paths or [settings.BASE_DIR / "scenarios"])
        if library.problems:
            for problem in library.problems:
                self.stderr.write(str(problem))
            raise CommandError(f"{len(library.problems)} problem(s) found; nothing was loaded.")
        if not library.scenarios:
            raise CommandError("No scenario files found; nothing was loaded.")
        changes = library_load(specs=library.scenarios, dry_run=dry_run)
        verbosity = options["verbosity"]
        if verbosity >= 2 or dry_run:
            for label, slugs in (("new", changes.created), ("new version", changes.updated)):
                for slug in slugs:
                    self.stdout.write(f"{label}: {slug}")
        prefix = "Dry run, would load: " if dry_run else "Loaded: "
        if verbosity >= 1:
            self.stdout.write(self.style.SUCCESS(prefix + changes.summary()))
