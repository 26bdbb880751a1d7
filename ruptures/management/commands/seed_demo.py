"""Create the demo cohort and logins, and load the scenario library.

Safe to run again: every object is looked up before it is created, and the
library loader only writes what changed.
"""

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from ruptures.management.demo_history import history_seed
from ruptures.models import PROGRAM_ADMIN, SUPERVISOR, TRAINEE, Cohort, Scenario, User

DEMO_PASSWORD = "demo-password"
# The one list of demo logins: the login page lists them too (in DEBUG only).
DEMO_USERS = (
    ("trainee", TRAINEE, "Tess", "Lindqvist"),
    ("trainee2", TRAINEE, "Ravi", "Menon"),
    ("supervisor", SUPERVISOR, "Sam", "Okafor"),
    ("admin", PROGRAM_ADMIN, "Ada", "Moreau"),
)
SCENARIO_DIR = settings.BASE_DIR / "scenarios"


class Command(BaseCommand):
    help = "Create demo users and a cohort, and load the scenario library (DEBUG only)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--history",
            action="store_true",
            help="Also give trainee2 a few weeks of practice, a review and a request "
            "(once), so the supervisor's pages have something to show.",
        )

    def handle(self, *args: object, **options: object) -> None:
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo creates well-known passwords: it runs only with DEBUG on."
            )
        if any(SCENARIO_DIR.rglob("*.yaml")):
            call_command("load_scenarios", str(SCENARIO_DIR), verbosity=options["verbosity"])
        with transaction.atomic():
            users = {username: self._user(username, *rest) for username, *rest in DEMO_USERS}
            cohort, _ = Cohort.objects.get_or_create(
                name="Demo cohort", supervisor=users["supervisor"]
            )
            cohort.trainees.add(users["trainee"], users["trainee2"])
        if options["history"]:
            made = history_seed(trainee=users["trainee2"], supervisor=users["supervisor"])
            if made:
                self.stdout.write(f"trainee2 has practised {made} vignettes.")
        logins = ", ".join(f"{username} ({role})" for username, role, *_ in DEMO_USERS)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo ready: {Scenario.objects.count()} scenarios; "
                f"logins (password {DEMO_PASSWORD}): {logins}."
            )
        )

    def _user(self, username: str, role: str, first: str, last: str) -> User:
        user, created = User.objects.get_or_create(
            username=username, defaults={"first_name": first, "last_name": last}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
        # Nobody here is staff: the Django admin is for superusers, and
        # program admins author in the studio's own pages.
        user.is_staff = False
        user.save()
        user.groups.set([Group.objects.get_or_create(name=role)[0]])
        return user
