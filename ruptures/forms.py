"""Forms for the trainee flow. Messages speak to the trainee, not the developer."""

from __future__ import annotations

from collections.abc import Iterable

from django import forms

from ruptures.library import RUPTURE_KINDS, default_catalogue
from ruptures.models import Difficulty, DifficultyRating, RuptureType
from ruptures.rubric import MAX_CHARS

MAX_ANSWER = MAX_CHARS  # the longest answer the engine scores
# Drafts may run over the answer limit so that a long text is never lost; the
# submit then tells the trainee how much to cut.
MAX_DRAFT = 20000

# A radio group as one fieldset: legend, hint, errors, one line per choice.
RADIO_GROUP = "ruptures/forms/radio_group.html"


class PracticeFilterForm(forms.Form):
    """The practice list's filters. An unknown value filters nothing."""

    difficulty = forms.ChoiceField(
        label="Difficulty", required=False, choices=[("", "Any difficulty"), *Difficulty.choices]
    )
    setting = forms.ChoiceField(label="Setting", required=False)

    def __init__(self, *args: object, settings_in_use: Iterable[str], **kwargs: object) -> None:
        super().__init__(*args, auto_id="filter-%s", **kwargs)
        self.fields["setting"].choices = [
            ("", "Any setting"),
            *((setting, setting.capitalize()) for setting in settings_in_use),
        ]

    def filters(self) -> dict[str, str]:
        """The valid filters, "" for any left out or unknown."""
        self.is_valid()
        return {name: self.cleaned_data.get(name, "") for name in self.fields}


def marker_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """The whole catalogue, grouped by kind: the markers that don't apply are the distractors."""
    catalogue = default_catalogue()
    return [
        (f"{kind.capitalize()} markers", [(m.code, m.label) for m in catalogue.for_kind(kind)])
        for kind in RUPTURE_KINDS
    ]


class RecognitionForm(forms.Form):
    rupture = forms.TypedChoiceField(
        label="Has the alliance ruptured here?",
        choices=[("yes", "Yes, something ruptured"), ("no", "No, nothing ruptured")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether you see a rupture."},
        template_name=RADIO_GROUP,
    )
    rupture_type = forms.ChoiceField(
        label="Which kind?",
        choices=[
            (RuptureType.WITHDRAWAL, "Withdrawal: the client moves away"),
            (RuptureType.CONFRONTATION, "Confrontation: the client moves against you"),
        ],
        widget=forms.RadioSelect,
        required=False,
        help_text="if you see a rupture",
        template_name=RADIO_GROUP,
    )
    markers = forms.MultipleChoiceField(
        label="Which markers do you see?",
        choices=marker_choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def clean(self) -> dict:
        data = super().clean()
        if data.get("rupture") is True:
            if not data.get("rupture_type"):
                self.add_error("rupture_type", "Choose the kind of rupture you see.")
            if not data.get("markers"):
                self.add_error("markers", "Tick at least one marker you see in the transcript.")
        elif data.get("rupture") is False and (data.get("markers") or data.get("rupture_type")):
            self.add_error(
                None,
                "You said nothing ruptured but also chose a kind or markers. "
                "Clear them, or change your answer to yes.",
            )
        return data


class AnswerForm(forms.Form):
    text = forms.CharField(
        label="Your answer",
        strip=True,
        required=True,
        # The browser stops at the draft limit, not the answer limit: a longer
        # text is kept as a draft and the submit says how much to cut.
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": MAX_DRAFT}),
        error_messages={"required": "Write your answer before submitting. Your draft is kept."},
    )
    try_number = forms.IntegerField(min_value=1, max_value=1000, widget=forms.HiddenInput)

    def clean_text(self) -> str:
        text = self.cleaned_data["text"]
        if len(text) > MAX_ANSWER:
            raise forms.ValidationError(
                f"Your answer is {len(text):,} characters long; the limit is {MAX_ANSWER:,}. "
                "Shorten it and submit again: your text is still here."
            )
        return text


class DraftForm(forms.Form):
    text = forms.CharField(required=False, strip=False, max_length=MAX_DRAFT)
    try_number = forms.IntegerField(min_value=1, max_value=1000)


class ReflectionForm(forms.Form):
    difficulty_rating = forms.ChoiceField(
        label="How hard did this vignette feel?",
        choices=DifficultyRating.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Say how hard it felt, so the next one fits you."},
        template_name=RADIO_GROUP,
    )
    journal = forms.CharField(
        label="Your reflection",
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
