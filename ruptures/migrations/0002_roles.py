"""Create the three roles as groups, with the model permissions each needs.

Views check the role (group) itself; these permissions matter for the Django
admin, which only program admins may enter.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

TRAINEE_PERMS = [
    "view_scenario",
    "view_scenarioversion",
    "view_step",
    "add_attempt",
    "change_attempt",
    "view_attempt",
    "add_stepresponse",
    "view_stepresponse",
    "add_stepdraft",
    "change_stepdraft",
    "view_stepdraft",
    "view_review",
]
SUPERVISOR_PERMS = [
    "view_scenario",
    "view_scenarioversion",
    "view_step",
    "view_cohort",
    "change_cohort",
    "view_attempt",
    "view_stepresponse",
    "add_review",
    "change_review",
    "view_review",
]


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ours = Permission.objects.filter(content_type__app_label="ruptures")
    trainee, _ = Group.objects.get_or_create(name="Trainee")
    trainee.permissions.set(ours.filter(codename__in=TRAINEE_PERMS))
    supervisor, _ = Group.objects.get_or_create(name="Supervisor")
    supervisor.permissions.set(ours.filter(codename__in=SUPERVISOR_PERMS))
    admin, _ = Group.objects.get_or_create(name="Program admin")
    admin.permissions.set(
        Permission.objects.filter(content_type__app_label__in=["ruptures", "auth"])
    )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=["Trainee", "Supervisor", "Program admin"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("ruptures", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
