"""Write the current version of every scenario back out as YAML files."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from ruptures.authoring.exports import scenario_file
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
            name, text = scenario_file(scenario)
            target = directory / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            count += 1
        self.stdout.write(self.style.SUCCESS(f"Exported {count} scenarios to {directory}."))
