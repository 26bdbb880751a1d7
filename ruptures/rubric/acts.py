"""Acts: what each clause of an answer does, each with the words that show it.

The rule layer of the engine. An answer is split into sentences and clauses
(`text.py`); phrase cues (`cues.yaml`, negation-aware) and grammar (questions,
"yes, but", hedges, negation read as meant) find *acts*: an open question, a
reflection of feeling, an owned observation, an apology, a justification of
the therapist, advice, a causal claim about the client, a minimiser, sarcasm,
a reference to the vignette... The trained model (`model.py`) decides how much
each act counts at each step; the coherence guard (`guard.py`) adds the acts
that say an answer is not really an answer (a word list, a description of
what one would say). Every act keeps its span, so every point and pitfall can
show the words behind it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from .lexicon import CuePattern, Lexicon, PatternIndex, load_lexicon
from .questions import Question, find_questions
from .text import Analysed, analyse, clauses_of, is_hedged, is_negated, lemma
from .types import Span

MAX_SPANS = 8  # evidence enough to explain a verdict; caps work on very long answers

# Which cues of the lexicon show which act ("cue" -> "act").
CUE_ACTS: dict[str, str] = {
    "noticing": "owned_observation",
    "tentative": "tentative",
    "names_shift": "names_shift",
    "reflection": "reflection",
    "welcoming": "welcoming",
    "here_and_now": "here_and_now",
    "open_exploration_cue": "curiosity",
    "pattern_link": "pattern_link",
    "collaborative": "collaborative",
    "owns_part": "ownership",
    "validation_cue": "validation",
    "stock_acknowledgment": "acknowledgment",
    "defensive": "justification",
    "disclaimer": "justification",
    "blaming": "blame",
    "interpreting": "causal_claim",
    "minimizing": "minimiser",
    "ignoring": "steering",
    "advice": "advice",
    "pushing": "pushing",
    "apology": "apology",
    "guilt": "guilt",
    "remorse": "guilt",
    "self_reproach": "self_reproach",
    "sarcasm": "sarcasm",
    "reassurance": "reassurance",
    "directive": "directive",
    "closing_apology": "closing_apology",
}

QUESTION_ACTS = (
    "question_open",
    "permission_invite",
    "question_why",
    "question_closed",
    "proposal",
    "check",
)
GRAMMAR_ACTS = ("yes_but", "specific", "developed", "last_question_open", "last_question_closed")
GUARD_ACTS = ("describes_answer", "word_list", "gibberish", "too_short")
ACT_KINDS: tuple[str, ...] = tuple(
    sorted(set(CUE_ACTS.values()) | set(QUESTION_ACTS) | set(GRAMMAR_ACTS) | set(GUARD_ACTS))
)
"""Every act the engine can report; criteria in the rubric data name these."""

# Acts whose force depends on being hedged ("maybe this connects to…?" is a hunch).
HEDGEABLE = frozenset({"causal_claim", "advice", "pushing", "directive"})
_PERMISSION = re.compile(
    r"\b(?:can|could|would|will) (?:you|u|we)\b|\bwould you (?:be|like|want|care|mind)\b"
)
_CONTRAST = re.compile(
    r"(?:^|[\s,;:\u2014-])(?:but|however|though|although|that said|at the same time|yet|still|"
    r"even so|nevertheless|then again)\b"
)
_THERAPIST_VIEW = re.compile(
    r"\b(?:i|i'm|im|i've|i'd|i'll|we|we're|my|our|the (?:policy|rules?|fee|fees|clinic|contract|"
    r"agreement|schedule|plan|worksheet|homework))\b"
)
_NEGATIVE = frozenset(
    {"justification", "blame", "advice", "directive", "minimiser", "steering", "causal_claim"}
)
_POSITIVE_TURN = frozenset({"welcoming", "reflection", "validation", "reassurance", "curiosity"})
_ACK_KINDS = frozenset({"acknowledgment", "validation", "reflection"})


@dataclass(frozen=True)
class Act:
    """One act found in an answer: its kind, where, and whether it was hedged."""

    kind: str
    span: Span
    hedged: bool = False


@dataclass(frozen=True)
class Acts:
    """All acts of one answer, with the analysed text, its clauses and questions."""

    doc: Analysed
    clauses: tuple[Span, ...]
    acts: tuple[Act, ...]
    questions: tuple[Question, ...]
    overlap: int  # distinct content words shared with the vignette
    _by_kind: dict[str, tuple[Act, ...]] = field(default_factory=dict, repr=False, compare=False)

    def of(self, kind: str) -> tuple[Act, ...]:
        """The acts of one kind, in text order."""
        if not self._by_kind:
            grouped: dict[str, list[Act]] = {}
            for act in self.acts:
                grouped.setdefault(act.kind, []).append(act)
            self._by_kind.update({k: tuple(v) for k, v in grouped.items()})
        return self._by_kind.get(kind, ())

    def has(self, kind: str) -> bool:
        """Whether the answer shows this act at least once."""
        return bool(self.of(kind))

    def spans(self, kind: str) -> tuple[Span, ...]:
        """Evidence spans of one kind of act."""
        return tuple(a.span for a in self.of(kind))[:MAX_SPANS]

    def clause_of(self, pos: int) -> Span:
        """The clause holding character `pos` (the whole text when none does)."""
        starts = [s for s, _ in self.clauses]
        i = bisect_right(starts, pos) - 1
        if 0 <= i < len(self.clauses) and self.clauses[i][0] <= pos < self.clauses[i][1]:
            return self.clauses[i]
        return (0, len(self.doc.text))


# --- cue scanning (negation-aware, prefiltered) --------------------------------


def _present_fragments(text: str, lexicon: Lexicon) -> frozenset[str]:
    """Prefilter fragments occurring in `text`, looked up by the text's trigrams."""
    trigrams = {text[i : i + 3] for i in range(len(text) - 2)}
    index = lexicon.fragments
    return frozenset(f for key in trigrams.intersection(index) for f in index[key] if f in text)


def _matches(cue: CuePattern, text: str, negatable: bool) -> list[Span]:
    """Non-empty, non-negated matches of one pattern that start where a word starts."""
    found, pos = [], 0
    while (m := cue.regex.search(text, pos)) is not None:
        start, end = m.span()
        pos = max(end, start + 1)
        if cue.word_start and start and (text[start - 1].isalnum() or text[start - 1] == "_"):
            pos = start + 1  # inside a word: retry from the next character
            continue
        while start < end and not text[start].isalnum() and text[start] not in "/":
            start += 1  # patterns anchored on punctuation ("^|[.!?] ") report the words
        if end > start and not (negatable and is_negated(text, start)):
            found.append((start, end))
    return found


def _scan(
    text: str,
    patterns: tuple[CuePattern, ...],
    index: PatternIndex | None,
    negatable: bool,
    present: frozenset[str],
) -> set[Span]:
    spans: set[Span] = set()
    chosen = index.candidates(present) if index is not None else range(len(patterns))
    for i in chosen:
        pattern = patterns[i]
        if pattern.needs is not None and pattern.needs.isdisjoint(present):
            continue
        spans.update(_matches(pattern, text, negatable))
    return spans


def _cue_acts(doc: Analysed, lexicon: Lexicon) -> list[Act]:
    text = doc.masked
    present = _present_fragments(text, lexicon)
    acts: list[Act] = []
    for cue_name, kind in CUE_ACTS.items():
        cue = lexicon.cues.get(cue_name)
        if cue is None:
            continue
        strong = _scan(text, cue.strong, cue.strong_index, cue.negatable, present)
        soft = _scan(text, cue.soft, cue.soft_index, cue.negatable, present)
        for span in sorted(strong | soft)[: MAX_SPANS * 2]:
            hedged = span in soft and span not in strong
            if kind in HEDGEABLE:
                hedged = hedged or is_hedged(doc, span[0])
            acts.append(Act(kind, span, hedged))
    return acts


# --- grammar acts ---------------------------------------------------------------


def _question_acts(doc: Analysed, questions: tuple[Question, ...]) -> list[Act]:
    acts = []
    for q in questions:
        if q.kind == "open":
            permission = q.form == "invitation" and _PERMISSION.search(doc.masked, *q.span)
            kind = "question_why" if q.form == "why" else "question_open"
            acts.append(Act("permission_invite" if permission else kind, q.span))
        elif q.form in ("proposal", "check"):
            acts.append(Act(q.form, q.span))
        else:
            acts.append(Act("question_closed", q.span))
    asked = [q for q in questions if q.form not in ("proposal", "check")]
    if asked:
        last = asked[-1]
        acts.append(Act(f"last_question_{last.kind}", last.span))
    return acts


def _yes_but(doc: Analysed, acts: list[Act]) -> list[Act]:
    """An acknowledgment that a "but" turns to the therapist's side ("I hear you, but the
    policy…"): the validation before it is cancelled."""
    found = []
    sentences = doc.sentences
    negative = [a.span for a in acts if a.kind in _NEGATIVE]
    positive = [a.span for a in acts if a.kind in _POSITIVE_TURN]
    for act in acts:
        if act.kind not in _ACK_KINDS:
            continue
        i = next((k for k, (s, e) in enumerate(sentences) if s <= act.span[0] < e), None)
        if i is None:
            continue
        s, e = sentences[i]
        m = _CONTRAST.search(doc.masked, act.span[1], e)
        if m is None and i + 1 < len(sentences):  # "I hear you. But…"
            s2, e2 = sentences[i + 1]
            m = _CONTRAST.match(" " + doc.masked[s2:e2])
            m_start, e = (s2, e2) if m else (0, e)
        else:
            m_start = m.start() if m else 0
        if m is None:
            continue
        turn = doc.masked[m_start:e]
        bad = any(m_start <= a < e for a, _ in negative)
        kind_turn = any(m_start <= a < e for a, _ in positive) or turn.rstrip().endswith("?")
        if bad or (_THERAPIST_VIEW.search(turn) and not kind_turn):
            found.append(Act("yes_but", (act.span[0], e)))
    return _dedupe(found)


def _dedupe(acts: list[Act]) -> list[Act]:
    seen, out = set(), []
    for act in acts:
        if (act.kind, act.span) not in seen:
            seen.add((act.kind, act.span))
            out.append(act)
    return out


def _overlaps(a: Span, spans: list[Span]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


def _resolve(acts: list[Act]) -> list[Act]:
    """Read negation as meant and let a turn cancel what it turns from."""
    reassured = [a.span for a in acts if a.kind == "reassurance"]
    cancelled = [a.span for a in acts if a.kind == "yes_but"]
    sarcastic = [a.span for a in acts if a.kind == "sarcasm"]
    out = []
    for act in acts:
        if act.kind in ("blame", "justification", "minimiser", "directive") and _overlaps(
            act.span, reassured
        ):
            continue  # "None of this is your fault" reassures; it does not blame
        if act.kind in ("validation", "reflection") and _overlaps(act.span, cancelled):
            continue  # "I hear you, but…" takes the validation back
        if act.kind in ("validation", "reflection", "welcoming") and _overlaps(
            act.span, sarcastic
        ):
            continue  # mockery in therapy words is not validation
        out.append(act)
    return out


@lru_cache(maxsize=256)
def _context_lemmas(context: str, lexicon: Lexicon) -> frozenset[str]:
    """Content-word lemmas of a vignette (cached: contexts repeat)."""
    syn = dict(lexicon.synonyms)
    words = re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", context.lower().replace("\u2019", "'"))
    return frozenset(
        lemma(w, syn) for w in words if w.replace("'", "") not in lexicon.stopwords and len(w) > 2
    )


def _specific(doc: Analysed, context: str, lexicon: Lexicon) -> tuple[list[Act], int]:
    """Words the answer shares with the vignette (stemmed; stopwords and generic words out)."""
    if not context:
        return [], 0
    wanted = _context_lemmas(context, lexicon)
    syn = dict(lexicon.synonyms)
    acts, seen = [], set()
    for tok in doc.tokens:
        if tok.word in lexicon.stopwords or len(tok.word) < 3 or tok.word[0].isdigit():
            continue
        stem = lemma(tok.word, syn)
        if stem in wanted:
            if len(acts) < MAX_SPANS:
                acts.append(Act("specific", (tok.start, tok.end)))
            seen.add(stem)
    return acts, len(seen)


def detect_acts(text: str, context: str = "", *, lexicon: Lexicon | None = None) -> Acts:
    """Every act in `text`; `context` is the vignette, for references to it."""
    from .guard import guard_acts  # the guard reads acts; import here to keep one direction

    lexicon = lexicon or load_lexicon()
    doc = analyse(text)
    questions = find_questions(doc)
    acts = _cue_acts(doc, lexicon) + _question_acts(doc, questions)
    acts += _yes_but(doc, acts)
    acts = _resolve(acts)
    specific, overlap = _specific(doc, context, lexicon)
    acts += specific
    acts += guard_acts(doc, acts, lexicon)
    acts.sort(key=lambda a: (a.span, a.kind))
    return Acts(
        doc=doc,
        clauses=clauses_of(doc),
        acts=tuple(acts),
        questions=questions,
        overlap=overlap,
    )
