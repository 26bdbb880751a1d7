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
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter
from typing import NamedTuple

from .lexicon import CuePattern, Lexicon, load_lexicon
from .questions import Question, find_questions
from .text import (
    NEGATION_WINDOW,
    NEGATOR,
    Analysed,
    analyse,
    clauses_of,
    is_hedged,
    is_negated,
    lemma,
)
from .types import Span

_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")  # a word of the masked text (cf. text._TOKEN)
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

# (act, key of its cue's strong spans, of its soft spans) in `_cue_spans`' result
_CUE_KEYS = tuple((kind, (cue, False), (cue, True)) for cue, kind in CUE_ACTS.items())
_NO_SPANS: frozenset[Span] = frozenset()

QUESTION_ACTS = (
    "question_open",
    "question_fact",
    "permission_invite",
    "question_why",
    "question_closed",
    "proposal",
    "check",
)
GRAMMAR_ACTS = (
    "yes_but",
    "specific",
    "developed",
    "last_question_open",
    "last_question_closed",
    "last_question_fact",
)
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
    r"(?:^|[\s,;:\u2014-])(?:but|however|(?<!as )though|although|that said|at the same time|"
    r"and yet|even so|nevertheless|then again)\b|(?:^|[,;:\u2014-])\s*(?:yet|still)\b"
)
_THERAPIST_VIEW = re.compile(
    r"\b(?:i|i'm|im|i've|i'd|i'll|we|we're|my|our|the (?:policy|rules?|fee|fees|clinic|contract|"
    r"agreement|schedule|plan|worksheet|homework))\b"
)
# A plain acknowledgment a "but" may turn from (cue acts find the stock ones). The
# lookahead on the letters its alternatives begin with spares the regex engine trying
# each of them at every character of the answer (a third faster).
_ACKNOWLEDGE = re.compile(
    r"(?=[cfitwy])"
    r"(?:\b(?:i|we) (?:(?:totally|completely|really|absolutely|fully|do|can|definitely) )*"
    r"(?:hear|get|understand|see|know|respect|accept|appreciate|recogni[sz]e)\b"
    r"|\bi hear u\b|\bi take (?:the|your) point\b|\bfair (?:point|enough)\b"
    r"|(?:^|(?<=[.!?] ))fair\b"
    r"|\byou(?:'re| are|re) (?:right|not wrong)\b"
    r"|\b(?:that|it)(?:'s| is|s) (?:fair|true|valid|understandable|normal|natural)\b"
    r"|\b(?:totally|completely) (?:valid|fair|get it)\b)"
)
# A view held against the acknowledgment in the sentence after it ("I hear that. I do
# still think it can be both."): the whole sentence is the turn.
_HELD_VIEW = re.compile(r"\bi (?:do |would |'d )?still (?:think|believe|say|maintain)\b")
# An acknowledgment of the therapist's own doing ("I know I cancelled…") owns; it is
# not the client's view that a "but" could turn from.
_OWN_ACK = re.compile(
    r"(?:i|we) (?:\w+ ){0,2}?(?:know|get|see|understand|reali[sz]e|recogni[sz]e|accept|"
    r"appreciate|hear)(?: that)? (?:i|i'm|i've|i'd|we|we've|we're)\b"
)
# Someone else's words reported ("people hinting you should be over it"): advice or an
# order in them is not the therapist's.
_REPORTING = re.compile(
    r"\b(?:saying|said|says|hinting|hinted|hints|telling|told|tells|thinks?|thought|implying|"
    r"implied|suggesting|suggested|expects?|expected|insist(?:s|ed|ing)?|reckons?|reckoned)"
    r"(?:\s+(?:you|u|him|her|them))?\s+(?:that\s+)?$"
)
# The therapist as the one doing it ("I'd like to give it more time"): not advice.
_THERAPIST_DOES = re.compile(
    r"\b(?:i(?:'d| would)? (?:like|love|want) to|i(?:'ll| will| can| could)|let me|let's|"
    r"let us|we(?:'ll| will| can| could))\s+$"
)
# The client's own feeling put into words ("feeling like you always end up back here").
_FELT = re.compile(r"\b(?:feel|feels|feeling|felt)(?: like| as if| as though)\s+$")
# A wh-question's stem before the words ("what would you need to…"): asked, not told.
_ASKED = re.compile(
    r"\b(?:what|which|whatever|how much)(?: else)? (?:would|do|did|might|could|will|does)\s+$"
)
# Words recalled or a question reported, not a defence made now: "when I said the policy
# is the same for everyone", "you asked whether I have worked with families like yours".
_RECALLED = re.compile(
    r"\b(?:(?:when|after|the moment|as soon as) i (?:said|told you|mentioned|explained)"
    r"(?: that)?(?: the| my| our)?|whether|if)\s+$"
)
# "what <something> looks like…": the start of a question about it, not a verdict.
_WHAT_IT_IS = re.compile(r"\bwhat (?:[\w']+ ){1,3}$")
# "I barely said sorry" mentions an apology that was not made; it is not one.
_MENTIONED = re.compile(
    r"\b(?:barely|never|didn't|did not|without|not even|hardly)\s+(?:\w+\s+)?"
    r"(?:said|say|saying)\s+$"
)
# Acts the words just before them undo, by kind: (those words, how many characters back).
_UNDONE_BY: dict[str, tuple[tuple[re.Pattern[str], int], ...]] = {
    "advice": ((_THERAPIST_DOES, 24), (_ASKED, 24)),
    "directive": ((_ASKED, 24),),
    "blame": ((_ASKED, 24), (_FELT, 24)),
    "minimiser": ((_FELT, 24),),
    "justification": ((_RECALLED, 32),),
    "causal_claim": ((_WHAT_IT_IS, 40),),
    "apology": ((_MENTIONED, 60),),
}
_FIRST_PERSON = frozenset({"i", "i'd", "i'm", "we", "we'd", "we're", "me"})
# A turn that leaves the choice to the client ("but if you're willing, …").
_OFFER = re.compile(
    r"\bif (?:you|u)(?:'re| are|re|'d| would)? (?:willing|want|like|prefer)|\byour call\b"
)
# What a turn that argues the therapist's side says: evidence, rules, norms, "only".
_COUNTER = re.compile(
    r"\b(?:actually|research\w*|evidence|stud(?:y|ies)|proven|standard|rules?|policy|protocol|"
    r"programme|program|procedure|agreement|contract|everyone|everybody|every parent|"
    r"only|just|honestly|tbh|to be fair|clearly|perfectly|sensible|non-negotiable|"
    r"(?:is|are|was|isn't|aren't) not|"
    r"isn't|aren't|wasn't|works?|helps?|needs? to|have to|has to|must)\b"
)
_NEGATIVE = frozenset(
    {"justification", "blame", "advice", "directive", "minimiser", "steering", "causal_claim"}
)
_POSITIVE_TURN = frozenset(
    {
        "welcoming",
        "reflection",
        "validation",
        "reassurance",
        "curiosity",
        "ownership",
        "collaborative",
    }
)
_ACK_KINDS = frozenset({"acknowledgment", "validation", "reflection"})


class Act(NamedTuple):
    """One act found in an answer: its kind, where, and whether it was hedged (a tuple:
    dozens are made per answer, and a frozen dataclass costs several times as much)."""

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
    # derived views of the answer computed once (e.g. its canonical words, features.py)
    cache: dict[str, object] = field(default_factory=dict, repr=False, compare=False)

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
        return tuple([a.span for a in self.of(kind)[:MAX_SPANS]])

    @property
    def token_starts(self) -> list[int]:
        """Where each token starts, in order (cached: for bisecting spans into words)."""
        starts = self.cache.get("token_starts")
        if starts is None:
            starts = self.cache["token_starts"] = [t.start for t in self.doc.tokens]
        return starts  # type: ignore[return-value]

    def clause_of(self, pos: int) -> Span:
        """The clause holding character `pos` (the whole text when none does)."""
        starts = self.cache.get("clause_starts")
        if starts is None:
            starts = self.cache["clause_starts"] = [s for s, _ in self.clauses]
        i = bisect_right(starts, pos) - 1  # type: ignore[arg-type]
        if 0 <= i < len(self.clauses) and self.clauses[i][0] <= pos < self.clauses[i][1]:
            return self.clauses[i]
        return (0, len(self.doc.text))


# --- cue scanning (negation-aware, prefiltered) --------------------------------


def _matches(
    cue: CuePattern, text: str, negatable: bool, starts: list[int] | None = None
) -> list[Span]:
    """Non-empty, non-negated matches of one pattern that start where a word starts.

    `starts`, when given, holds every place where a match can begin, in order.
    """
    found, pos = [], 0
    while (m := _search(cue.regex, text, pos, starts)) is not None:
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


def _search(
    regex: re.Pattern[str], text: str, pos: int, starts: list[int] | None
) -> re.Match[str] | None:
    """`regex.search(text, pos)`, the regex tried only at `starts` when given (the first
    place from `pos` on where it matches is the same: it can match nowhere else)."""
    if starts is None:
        return regex.search(text, pos)
    for start in starts[bisect_left(starts, pos) :]:
        if (m := regex.match(text, start)) is not None:
            return m
    return None


def _starts(text: str, chars: str) -> list[int]:
    """Where an anchored searched pattern can start: at one of `chars`, at the start of
    the text or of a line (`Dispatch.searched_anchored`). Found with `str.find`, many
    times faster than a regex scanning for a class of characters."""
    found = [0]
    for char in chars + "\n":
        at = text.find(char)
        while at >= 0:
            found.append(at + 1 if char == "\n" else at)
            at = text.find(char, at + 1)
    return sorted(set(found))


# A dispatch entry ready to try: its key in the result, its pattern's anchored match,
# whether a preceding negator cancels it, and the fragments one of which any of its
# matches holds (prefilter.required; None: not known).
_Ready = tuple[
    tuple[str, bool],
    Callable[[str, int], "re.Match[str] | None"],
    bool,
    frozenset[str] | None,
]


@lru_cache(maxsize=8192)
def _starting(word: str, following: str, lexicon: Lexicon) -> tuple[_Ready, ...]:
    """Dispatch entries that can match at a token `word` followed by `following`, in
    entry order (cached: the same words recur in every answer; the lexicon is per
    process)."""
    ready = _ready(lexicon)
    return tuple(ready[k] for k in _starting_indices(word, following, lexicon))


@lru_cache(maxsize=4)
def _ready(lexicon: Lexicon) -> tuple[_Ready, ...]:
    """Every dispatch entry as `_Ready`, by index."""
    index = lexicon.dispatch
    assert index is not None
    return tuple(
        ((name, soft), pattern.regex.match, lexicon.cues[name].negatable, pattern.needs)
        for name, soft, pattern in index.entries
    )


_KEPT_WORDS = 8192


@lru_cache(maxsize=4)
def _fragments_by_word(lexicon: Lexicon) -> dict[str, frozenset[str]]:
    """Word -> the lexicon's prefilter fragments it holds (filled and bounded by
    `_fragments`)."""
    # `_fragments` finds a fragment by its first three letters (prefilter._MIN_FRAGMENT)
    assert all(len(f) >= 3 for found in lexicon.fragments.values() for f in found)
    return {}


def _fragments(words: Sequence[str], lexicon: Lexicon) -> set[str]:
    """The prefilter fragments (`lexicon.fragments`) the text of `words` holds.

    A fragment is a run of letters, so it occurs in the text only inside one of its
    words: the answer's fragments are its words', each word's found once per process.
    """
    known = _fragments_by_word(lexicon)
    found = list(map(known.get, words))
    if None in found:
        if len(known) >= _KEPT_WORDS:
            known.clear()
        index = lexicon.fragments
        for i, word in enumerate(words):
            if found[i] is None:
                found[i] = known[word] = frozenset(
                    f
                    for at in range(len(word) - 2)
                    for f in index.get(word[at : at + 3], ())
                    if word.startswith(f, at)
                )
    return set().union(*found)


@lru_cache(maxsize=4)
def _by_word(lexicon: Lexicon) -> dict[str, tuple[_Ready, ...]]:
    """`_starting(word, "", lexicon)` by word, for the lexicon (a plain dict, bounded by
    `_cue_spans`: most words open no two-word entry, and a dict lookup costs a fraction
    of `lru_cache`'s three-argument key)."""
    return {}


def _starting_indices(word: str, following: str, lexicon: Lexicon) -> tuple[int, ...]:
    """Indices of the dispatch entries that can match at `word` followed by `following`."""
    index = lexicon.dispatch
    assert index is not None
    found = list(index.by_word.get(word, ()))
    for n in index.prefix_lengths:
        if n > len(word):
            break
        found += index.by_prefix.get(word[:n], ())
    pair = index.by_pair.get(word)
    if pair and following:
        for n in pair[0]:
            if n > len(following):
                break
            found += pair[1].get(following[:n], ())
    return tuple(sorted(set(found)))


def _cue_spans(doc: Analysed, lexicon: Lexicon) -> dict[tuple[str, bool], set[Span]]:
    """(cue, soft?) -> spans where its patterns match, not negated.

    Each pattern is tried only where a match can begin: at the tokens whose word
    (or its beginning, or it and the next word) can open the pattern, with an
    anchored match; the few patterns that do not begin with a word are searched
    for, skipped when none of the fragments they need occurs, and those that begin
    at a line start or a punctuation mark ("(?:^|[.!?] )anyway") are tried only
    there (prefilter.py).
    """
    text = doc.masked
    index = lexicon.dispatch
    assert index is not None
    entries, cues, by_pair = index.entries, lexicon.cues, index.by_pair
    negators: list[int] | None = None  # where negators end: found at the first negatable hit
    found: dict[tuple[str, bool], set[Span]] = {}
    by_word = _by_word(lexicon)
    if text is doc.low:  # nothing was masked: the words are the answer's tokens
        words: Sequence[tuple[int, int, str]] = doc.tokens
        present = _fragments(doc.words, lexicon)
    else:
        words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
        present = _fragments([w for _, _, w in words], lexicon)
    last = len(words) - 1
    for i, (start, end, word) in enumerate(words):
        following = ""  # only read for words that open a two-word dispatch (cache hits)
        if i < last and word in by_pair and text[end : words[i + 1][0]].isspace():
            following = words[i + 1][2]
        if following:
            ready = _starting(word, following, lexicon)
        else:
            ready = by_word.get(word)
            if ready is None:
                if len(by_word) >= _KEPT_WORDS:
                    by_word.clear()
                ready = by_word[word] = _starting(word, "", lexicon)
        for key, match, negatable, needs in ready:
            # a third of the entries a word opens need a word the answer lacks ("you …
            # need to"): a set test costs less than the anchored match it spares
            if needs is not None and needs.isdisjoint(present):
                continue
            hit = match(text, start)
            if hit is None:
                continue
            stop = hit.end()
            if stop <= start:
                continue
            # a negator can only count when one ends shortly before (text.is_negated)
            if negatable:
                if negators is None:
                    negators = [m.end() for m in NEGATOR.finditer(text)]
                if negators and _near(negators, start) and is_negated(text, start):
                    continue
            spans = found.get(key)
            if spans is None:
                found[key] = {(start, stop)}
            else:
                spans.add((start, stop))
    starts = None  # where the anchored ones can start, found once
    for k, anchored in zip(index.searched, index.searched_anchored, strict=True):
        name, soft, pattern = entries[k]
        if pattern.needs is not None and pattern.needs.isdisjoint(present):
            continue
        if anchored and starts is None:
            starts = _starts(text, index.start_chars)
        spans = _matches(pattern, text, cues[name].negatable, starts if anchored else None)
        if spans:
            found.setdefault((name, soft), set()).update(spans)
    return found


def _near(ends: list[int], start: int) -> bool:
    """Whether a negator ends within the window `is_negated` reads before `start`."""
    i = bisect_right(ends, start) - 1
    return i >= 0 and ends[i] > start - NEGATION_WINDOW


def _cue_acts(doc: Analysed, lexicon: Lexicon) -> list[Act]:
    found = _cue_spans(doc, lexicon)
    acts: list[Act] = []
    for kind, strong_key, soft_key in _CUE_KEYS:
        strong = found.get(strong_key, _NO_SPANS)
        soft = found.get(soft_key, _NO_SPANS)
        if not strong and not soft:
            continue
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
        elif q.form == "fact":  # "How long…?": closed in coding, but not a yes/no question
            acts.append(Act("question_fact", q.span))
        else:
            acts.append(Act("question_closed", q.span))
    asked = [q for q in questions if q.form not in ("proposal", "check")]
    if asked:
        last = asked[-1]
        kind = "fact" if last.form == "fact" else last.kind
        acts.append(Act(f"last_question_{kind}", last.span))
    return acts


def _yes_but(doc: Analysed, acts: list[Act]) -> list[Act]:
    """An acknowledgment that a "but" turns to the therapist's side ("I hear you, but the
    policy…", "I get that it feels strange, but the technique is well established"): the
    validation before it is cancelled.

    The acknowledgment is a cue act or a plain "I get that", "fair point", "you're right";
    the turn after the contrast takes it back when it holds a negative act, or when it
    argues a point (the therapist's view, rules, evidence, "everyone", "only", a flat "is
    not") with nothing kind in it: no reflection, validation, curiosity, ownership or
    question.
    """
    found = []
    sentences = doc.sentences
    masked = doc.masked
    negative = [a.span for a in acts if a.kind in _NEGATIVE]
    positive = [a.span for a in acts if a.kind in _POSITIVE_TURN]
    starts = [a.span[0] for a in acts if a.kind in _ACK_KINDS]
    starts += [m.start() for m in _ACKNOWLEDGE.finditer(masked)]
    for start in sorted(set(starts)):
        i = next((k for k, (s, e) in enumerate(sentences) if s <= start < e), None)
        if i is None or _OWN_ACK.match(masked, start):
            continue
        s, e = sentences[i]
        m = _CONTRAST.search(masked, start + 1, e)
        if m is None and i + 1 < len(sentences):  # "I hear you. But…"
            s2, e2 = sentences[i + 1]
            m = _CONTRAST.match(" " + masked[s2:e2]) or _HELD_VIEW.search(masked, s2, e2)
            m_start, e = (s2, e2) if m else (0, e)
        else:
            m_start = m.start() if m else 0
        if m is None:
            continue
        turn = masked[m_start:e]
        bad = any(m_start <= a < e for a, _ in negative)
        kind_turn = (
            any(m_start <= a < e for a, _ in positive)
            or turn.rstrip().endswith("?")
            or _OFFER.search(turn) is not None
        )
        arguing = _THERAPIST_VIEW.search(turn) or _COUNTER.search(turn)
        if bad or (arguing and not kind_turn):
            found.append(Act("yes_but", (start, e)))
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


def _reported(doc: Analysed, span: Span) -> bool:
    """Whether a span is someone else's words reported ("they keep telling you you should…")."""
    m = _REPORTING.search(doc.masked, max(0, span[0] - 40), span[0])
    if m is None:
        return False
    speaker = doc.masked[max(0, m.start() - 24) : m.start()].split()[-2:]
    return not _FIRST_PERSON.intersection(speaker)


def _resolve(acts: list[Act], doc: Analysed) -> list[Act]:
    """Read negation as meant, leave reported words out, and let a turn cancel what it
    turns from."""
    reassured = [a.span for a in acts if a.kind == "reassurance"]
    cancelled = [a.span for a in acts if a.kind == "yes_but"]
    sarcastic = [a.span for a in acts if a.kind == "sarcasm"]
    out = []
    for act in acts:
        if act.kind in ("blame", "justification", "minimiser", "directive") and _overlaps(
            act.span, reassured
        ):
            continue  # "None of this is your fault" reassures; it does not blame
        if act.kind in ("advice", "directive") and _reported(doc, act.span):
            continue  # "people hinting you should be over it": not the therapist's advice
        start = act.span[0]
        if any(
            before.search(doc.masked, max(0, start - reach), start)
            for before, reach in _UNDONE_BY.get(act.kind, ())
        ):
            continue  # "I barely said sorry", "what would you need to…" (see the table)
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


@lru_cache(maxsize=8192)
def _lemma(word: str, lexicon: Lexicon) -> str:
    """`lemma` with the lexicon's synonyms (cached: the same words recur)."""
    return lemma(word, lexicon.synonyms)


def _specific(doc: Analysed, context: str, lexicon: Lexicon) -> tuple[list[Act], int]:
    """Words the answer shares with the vignette (stemmed; stopwords and generic words out)."""
    if not context:
        return [], 0
    wanted = _context_lemmas(context, lexicon)
    stopwords = lexicon.stopwords
    acts, seen = [], set()
    for tok in doc.tokens:
        word = tok.word
        if len(word) < 3 or word in stopwords or word[0].isdigit():
            continue
        stem = _lemma(word, lexicon)
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
    acts = _resolve(acts, doc)
    specific, overlap = _specific(doc, context, lexicon)
    acts += specific
    acts += guard_acts(doc, acts, lexicon)
    acts.sort(key=itemgetter(1, 0))  # (span, kind)
    return Acts(
        doc=doc,
        clauses=clauses_of(doc),
        acts=tuple(acts),
        questions=questions,
        overlap=overlap,
    )
