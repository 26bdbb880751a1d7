"""Write the current version of every scenario back out as YAML files."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from ruptures.library import dump_yaml, parse_scenario
from ruptures.models import Scenario


class Command(BaseCommand):
    help = "Export each scenario's current version to DIR/<rupture_type>/<slug>.yaml."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path)

    def handle(self, *args: object, directory: Path, **options: object) -> None:
        scenarios = Scenario.objects.filter(current_version__isnull=False).select_related(
            "current_version"
        )
        count = 0
        for scenario in scenarios:
            # Re-validating what we stored catches drift between the database and the format.
            spec = parse_scenario(scenario.current_version.spec, source=f"db:{scenario.slug}")
            target = directory / spec.rupture_type / f"{spec.slug}.yaml"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(dump_yaml(spec), encoding="utf-8")
            count += 1
        self.stdout.write(self.style.SUCCESS(f"Exported {count} scenarios to {directory}."))
