"""Forms of the review loop: the supervisor's review and filters, the trainee's request, sharing.

The trainee's practice forms are in `forms.py`. A review page holds one
`StepReviewForm` per step and one `OverallCommentForm` inside a single HTML
form, so their fields carry the step in their names: `level_notice`,
`comment_notice`, `version_notice`, ..., `comment_overall`.
"""

from __future__ import annotations

from collections.abc import Iterable

from django import forms

from ruptures.forms import RADIO_GROUP
from ruptures.models import StepName, User
from ruptures.rubric import LEVEL_LABELS, PITFALLS, pitfall_label
from ruptures.services.reviews import OVERALL, CommentInput, StepInput

MAX_STEP_COMMENT = 2000
MAX_OVERALL_COMMENT = 4000
MAX_REQUEST_REASON = 1000

LEVEL_CHOICES = [(level, f"{level} · {label}") for level, label in LEVEL_LABELS.items()]


def pitfall_choices() -> list[tuple[str, str]]:
    """Any pitfall, then each by its label from the rubric data, alphabetically."""
    labelled = sorted(((name, pitfall_label(name)) for name in PITFALLS), key=lambda c: c[1])
    return [("", "Any"), *labelled]


# A missing or unreadable version means the page did not come from us as it is now.
_OUT_OF_DATE = "This form is out of date or incomplete: reload the page and save again."
_VERSION_ERRORS = {"required": _OUT_OF_DATE, "invalid": _OUT_OF_DATE, "min_value": _OUT_OF_DATE}


def _too_long(what: str) -> str:
    return (
        f"This {what} is %(show_value)d characters long; the limit is %(limit_value)d. "
        "Shorten it and save again: your text is still here."
    )


class _Suffixed(forms.Form):
    """Fields named `<field>_<prefix>` (level_notice) rather than Django's `<prefix>-<field>`."""

    def add_prefix(self, field_name: str) -> str:
        return f"{field_name}_{self.prefix}" if self.prefix else field_name


class StepReviewForm(_Suffixed):
    """One step's review. A step without a try in the trainee's own words takes no level."""

    level = forms.TypedChoiceField(
        label="Your level",
        choices=LEVEL_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
        template_name=RADIO_GROUP,
        error_messages={"invalid_choice": "Choose a level from 0 (harmful) to 3 (strong)."},
    )
    comment = forms.CharField(
        label="Your comment",
        required=False,
        max_length=MAX_STEP_COMMENT,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _too_long("comment")},
    )
    version = forms.IntegerField(
        min_value=0, widget=forms.HiddenInput, error_messages=_VERSION_ERRORS
    )

    def __init__(self, *args: object, step: str, levelled: bool, **kwargs: object) -> None:
        super().__init__(*args, prefix=step, **kwargs)
        if levelled:
            self.fields["level"].label = f"Your level for {StepName(step).label}"
        else:
            del self.fields["level"]
        self.fields["comment"].label = f"Your comment on {StepName(step).label}"

    def step_input(self) -> StepInput:
        data = self.cleaned_data
        return StepInput(
            level=data.get("level"), comment=data["comment"].strip(), version=data["version"]
        )


class OverallCommentForm(_Suffixed):
    comment = forms.CharField(
        label="Overall comment",
        required=False,
        max_length=MAX_OVERALL_COMMENT,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": _too_long("comment")},
    )
    version = forms.IntegerField(
        min_value=0, widget=forms.HiddenInput, error_messages=_VERSION_ERRORS
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, prefix=OVERALL, **kwargs)

    def comment_input(self) -> CommentInput:
        return CommentInput(self.cleaned_data["comment"].strip(), self.cleaned_data["version"])


class ReviewRequestForm(forms.Form):
    reason = forms.CharField(
        label="What should your supervisor look at? (optional)",
        required=False,
        max_length=MAX_REQUEST_REASON,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": _too_long("reason")},
    )


class JournalShareForm(forms.Form):
    shared = forms.BooleanField(required=False)


class QueueFilterForm(forms.Form):
    """The review queue's filters; an unknown value filters nothing."""

    trainee = forms.TypedChoiceField(label="Trainee", required=False, coerce=int)
    scenario = forms.TypedChoiceField(label="Vignette", required=False, coerce=int)
    step = forms.ChoiceField(
        label="Step not yet levelled", required=False, choices=[("", "Any"), *StepName.choices]
    )
    pitfall = forms.ChoiceField(label="Pitfall", required=False, choices=pitfall_choices)

    def __init__(
        self,
        *args: object,
        trainees: Iterable[User],
        scenarios: Iterable[tuple[int, str]],
        **kwargs: object,
    ) -> None:
        super().__init__(*args, auto_id="queue-%s", **kwargs)
        self.fields["trainee"].choices = [
            ("", "Anyone"),
            *((t.pk, t.get_full_name() or t.username) for t in trainees),
        ]
        self.fields["scenario"].choices = [("", "Any"), *scenarios]

    def filters(self) -> dict[str, object]:
        self.is_valid()
        return {name: self.cleaned_data.get(name) or None for name in self.fields}
