"""Forms for the trainee flow. Messages speak to the trainee, not the developer."""

from __future__ import annotations

from collections.abc import Iterable

from django import forms
from django.core import validators

from ruptures.library import default_catalogue
from ruptures.library.checks import UNSTORABLE
from ruptures.models import Difficulty, DifficultyRating, RuptureType
from ruptures.presentation.vignette import KIND_MOVES
from ruptures.rubric import MAX_CHARS

MAX_ANSWER = MAX_CHARS  # the longest answer the engine scores
# Drafts may run over the answer limit so that a long text is never lost; the
# submit then tells the trainee how much to cut.
MAX_DRAFT = 20000

# A radio group as one fieldset: legend, hint, errors, one line per choice.
RADIO_GROUP = "ruptures/forms/radio_group.html"
# The markers as one list of checkboxes, each with its definition beside it.
MARKER_GROUP = "ruptures/forms/marker_group.html"

# What the answer form says when its try number is missing, malformed or not
# one the page could have offered: the words stay, the page catches up.
STALE_PAGE = (
    "This page was out of date, so your answer was not sent. Your words are still in the "
    "box and the page is up to date now: submit again."
)

REPLACEMENT = "\ufffd"


def has_unstorable(text: str) -> bool:
    return bool(UNSTORABLE.search(text))


def without_unstorable(text: str) -> str:
    """The text with every character that cannot be stored shown as "\ufffd"."""
    return UNSTORABLE.sub(REPLACEMENT, text)


class StorableTextField(forms.CharField):
    """Free text that refuses, with a clear message, what the database cannot store.

    Replaces Django's own null-character check, whose message does not say
    what to do. The box shows such characters as "\ufffd", so that the trainee
    can find them, and a page never echoes what it could not encode.
    """

    unstorable_message = (
        "Your text holds a character that cannot be saved (an invisible null character, "
        "usually left over from pasting; the box now shows it as \ufffd). Nothing was saved: "
        "delete that character and try again."
    )

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.validators = [
            v
            for v in self.validators
            if not isinstance(v, validators.ProhibitNullCharactersValidator)
        ]
        self.validators.append(self._refuse_unstorable)

    def _refuse_unstorable(self, value: str) -> None:
        if has_unstorable(value):
            raise forms.ValidationError(self.unstorable_message, code="unstorable")

    def prepare_value(self, value: object) -> object:
        value = super().prepare_value(value)
        return without_unstorable(value) if isinstance(value, str) else value


class PracticeFilterForm(forms.Form):
    """The practice list's search and filters. An unknown value filters nothing."""

    q = forms.CharField(
        label="Search",
        required=False,
        max_length=100,
        widget=forms.SearchInput(attrs={"placeholder": "Title, client or setting"}),
    )
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

    @property
    def narrowed(self) -> bool:
        """Whether any search or filter is in use."""
        return any(self.filters().values())


def marker_choices() -> list[tuple[str, str]]:
    """The whole catalogue in one list by label, the kinds mixed.

    The markers that don't apply are the distractors, and no heading may say
    which kind a marker belongs to: that is part of the answer.
    """
    markers = sorted(default_catalogue().markers, key=lambda m: m.label.lower())
    return [(m.code, m.label) for m in markers]


class MarkerCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes that carry each marker's definition, for the field template to show."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        marker = default_catalogue().by_code.get(value)
        option["definition"] = marker.description if marker else ""
        option["attrs"]["aria-describedby"] = f"{option['attrs']['id']}-definition"
        return option


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
            (kind, f"{kind.label}: {KIND_MOVES[kind]}")
            for kind in (RuptureType.WITHDRAWAL, RuptureType.CONFRONTATION)
        ],
        widget=forms.RadioSelect,
        required=False,
        help_text="if you see a rupture",
        template_name=RADIO_GROUP,
    )
    markers = forms.MultipleChoiceField(
        label="Which markers do you see?",
        choices=marker_choices,
        widget=MarkerCheckboxes,
        required=False,
        help_text="tick every one you see",
        template_name=MARKER_GROUP,
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


_NUMBER_ERRORS = ("required", "invalid", "min_value", "max_value")


class AnswerForm(forms.Form):
    text = StorableTextField(
        label="Your answer",
        strip=True,
        required=True,
        # The browser stops at the draft limit, not the answer limit: a longer
        # text is kept as a draft and the submit says how much to cut.
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": MAX_DRAFT}),
        error_messages={"required": "Write your answer before submitting. Your draft is kept."},
    )
    try_number = forms.IntegerField(
        min_value=1,
        max_value=1000,
        widget=forms.HiddenInput,
        error_messages=dict.fromkeys(
            ("required", "invalid", "min_value", "max_value"), STALE_PAGE
        ),
    )

    def clean_text(self) -> str:
        text = self.cleaned_data["text"]
        if len(text) > MAX_ANSWER:
            raise forms.ValidationError(
                f"Your answer is {len(text):,} characters long; the limit is {MAX_ANSWER:,}. "
                "Shorten it and submit again: your text is still here."
            )
        return text

    def draft(self) -> tuple[str, int] | None:
        """What to keep as a draft of a refused answer: (text, try), or None.

        A text that could not be scored (too long, say) is kept for its try;
        nothing is kept when the try is unknown or the text cannot be stored.
        """
        if "try_number" in self.errors or self.has_error("text", "unstorable"):
            return None
        return self.data.get("text", "")[:MAX_DRAFT], self.cleaned_data["try_number"]


class DraftForm(forms.Form):
    text = StorableTextField(required=False, strip=False, max_length=MAX_DRAFT)
    try_number = forms.IntegerField(min_value=1, max_value=1000)

    def status(self) -> str:
        """What the draft status line says about this autosave, valid or not."""
        if self.is_valid():
            return DRAFT_SAVED
        if self.has_error("text", "unstorable"):
            return (
                "Not saved: the text holds a character that cannot be saved (an invisible "
                "null character, usually left over from pasting). Delete it or retype the "
                "passage; your words are kept in this browser meanwhile."
            )
        if "text" in self.errors:
            return "Not saved: this draft is too long to keep; shorten it."
        return "Not saved: this page is out of date. Reload it to keep typing safely."


DRAFT_SAVED = "Draft saved"


class ReflectionForm(forms.Form):
    difficulty_rating = forms.ChoiceField(
        label="How hard did this vignette feel?",
        choices=DifficultyRating.choices,
        widget=forms.RadioSelect,
        required=False,
        help_text="optional: it helps choose your next vignette",
        template_name=RADIO_GROUP,
    )
    journal = StorableTextField(
        label="Your reflection",
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
