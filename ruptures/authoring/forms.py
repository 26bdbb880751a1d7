"""The program admin's plain forms: library filters, upload, cohorts, people.

The scenario and rubric editors are not Django forms (see `scenario_editor`
and `rubric_editor`): their fields are named by data paths so that the
library's and the engine's messages land beside them.
"""

from __future__ import annotations

from django import forms
from django.conf import settings

from ruptures.forms import RADIO_GROUP
from ruptures.library import SETTINGS
from ruptures.models import (
    PROGRAM_ADMIN,
    SUPERVISOR,
    TRAINEE,
    Cohort,
    Difficulty,
    RuptureType,
    Scenario,
    ScenarioStatus,
    User,
)

ROLES = [(TRAINEE, "Trainee"), (SUPERVISOR, "Supervisor"), (PROGRAM_ADMIN, "Program admin")]


class _Filters(forms.Form):
    def filters(self) -> dict[str, str]:
        """The valid filters, "" for any left out or unknown."""
        self.is_valid()
        return {name: self.cleaned_data.get(name) or "" for name in self.fields}


class LibraryFilterForm(_Filters):
    q = forms.CharField(label="Search titles", required=False, max_length=100)
    rupture_type = forms.ChoiceField(
        label="Type", required=False, choices=[("", "Any type"), *RuptureType.choices]
    )
    difficulty = forms.ChoiceField(
        label="Difficulty", required=False, choices=[("", "Any difficulty"), *Difficulty.choices]
    )
    setting = forms.ChoiceField(
        label="Setting",
        required=False,
        choices=[("", "Any setting"), *((s, s.capitalize()) for s in SETTINGS)],
    )
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Any status"), *ScenarioStatus.choices]
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, auto_id="filter-%s", **kwargs)


class PeopleFilterForm(_Filters):
    query = forms.CharField(label="Search names", required=False, max_length=100)
    role = forms.ChoiceField(label="Role", required=False, choices=[("", "Any role"), *ROLES])
    active = forms.ChoiceField(
        label="Account",
        required=False,
        choices=[("", "Active or not"), ("yes", "Active"), ("no", "Deactivated")],
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, auto_id="filter-%s", **kwargs)


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Scenario file",
        help_text="One scenario as .yaml, or a .zip of them laid out like the export.",
        error_messages={"required": "Choose a file to import."},
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        limit = settings.AUTHORING_UPLOAD_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                f"This file is {upload.size:,} bytes; uploads are limited to {limit:,} bytes."
            )
        return upload


class _PersonChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: User) -> str:
        name = obj.get_full_name()
        return f"{name} ({obj.username})" if name else obj.username


class _SupervisorChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        name = obj.get_full_name()
        return f"{name} ({obj.username})" if name else obj.username


class _ScenarioChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Scenario) -> str:
        draft = " (draft)" if obj.status == ScenarioStatus.DRAFT else ""
        return f"{obj.title}{draft}"


class CohortForm(forms.ModelForm):
    supervisor = _SupervisorChoice(queryset=User.objects.none(), label="Supervisor")
    trainees = _PersonChoice(
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Trainees",
    )
    scenarios = _ScenarioChoice(
        queryset=Scenario.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Assigned scenarios",
        help_text="The cohort practises these; with none assigned, every published scenario.",
    )

    class Meta:
        model = Cohort
        fields = ["name", "supervisor", "trainees", "scenarios"]

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        people = User.objects.manageable().filter(is_active=True).order_by("username")
        self.fields["supervisor"].queryset = people.in_role(SUPERVISOR)
        self.fields["trainees"].queryset = people.in_role(TRAINEE)
        self.fields["scenarios"].queryset = Scenario.objects.only("title", "status")


class PersonForm(forms.ModelForm):
    """A new user: who they are and their one role. No password: they choose it by link."""

    role = forms.ChoiceField(label="Role", choices=ROLES)

    class Meta:
        model = User
        fields = ["username", "first_name", "last_name", "email"]

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.fields["email"].help_text = "The link to choose a password goes here."


class RoleForm(forms.Form):
    """Another person's one role. Staff and superuser status are no choice here."""

    role = forms.ChoiceField(
        label="Role",
        choices=ROLES,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose trainee, supervisor or program admin.",
            "invalid_choice": "Choose trainee, supervisor or program admin.",
        },
        template_name=RADIO_GROUP,
    )


class DeleteTraineeForm(forms.Form):
    confirm = forms.CharField(label="Type the username to confirm", max_length=150)

    def __init__(self, *args: object, username: str, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.username = username

    def clean_confirm(self) -> str:
        value = self.cleaned_data["confirm"].strip()
        if value != self.username:
            raise forms.ValidationError(f"Type {self.username} exactly; nothing was deleted.")
        return value
