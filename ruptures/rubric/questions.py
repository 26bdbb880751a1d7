"""Open versus closed questions, judged by what a sentence invites, not by its '?'.

Counselling coders (e.g. MITI) call a question open when it invites the
client to say more in their own words, closed when it asks for yes/no or a
short fact. So "Can you say more about that?" is open although it starts like
a yes/no question, "Tell me more" is open although it has no question mark,
and "…, isn't it?" is closed. Two kinds of yes/no question are set apart
because they are good practice, not missed invitations: proposals ("Could we
look at this together?") and checks ("Does that fit?").

This is grammar, not rubric policy, so it lives in code rather than YAML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .prefilter import prefiltered
from .text import Analysed, analyse
from .types import Span

_FILLER = re.compile(
    r"^(?:(?:ok(?:ay)?|so|and|but|well|yeah|yes|no|hmm+|right|alright|oh|um+|uh+|gosh|sure|"
    r"honestly|now|then|also|look|listen|fair(?: enough)?|great|cool|wow|hey|hi|sorry)"
    r"\b[\s,.!;:-]*)+"
)
_WH_WORDS = ("what", "wat", "wot", "how", "where", "who", "whom", "whose", "which", "why", "when")
_WH = rf"(?:{'|'.join(_WH_WORDS)})"  # wat: texting spelling
_AUX = (
    r"(?:is|isn'?t|are|aren'?t|am|was|wasn'?t|were|weren'?t|do|don'?t|does|doesn'?t|did|"
    r"didn'?t|have|haven'?t|has|hasn'?t|had|hadn'?t|can|can'?t|could|couldn'?t|would|"
    r"wouldn'?t|will|won'?t|should|shouldn'?t|shall|may|might|must)"
)
_TELL = r"(?:say|tell|share|describe|talk|walk me|help me understand|put|explain|expand|elaborate)"
# An invitation opens the clause ("tell me more") or comes anywhere in it ("could you
# say more"); the second kind is searched for only in clauses holding its words.
_INVITE_OPENING = re.compile(
    r"^(?:please )?(?:tell me|say (?:a bit|a little|more|something)|talk me through|"
    r"walk me through|help me understand|describe|share|go on|keep going)\b"
)
_INVITE_ANYWHERE = prefiltered(
    r"\b(?:can|could|would|will) you (?:please |maybe |perhaps )?"
    rf"{_TELL}\b(?! (?:me )?(?:if|whether)\b)"
    rf"|\bwould you (?:be (?:willing|open|able|up for it)|like|want|care) to {_TELL}\b"
    r"|\bi(?:'?m| am) (?:really |genuinely |so |more |also |just |still )?(?:curious|wondering) "
    r"(?:about|what|how|where|when|who|which)\b"
    r"|\bi(?:'ve| have) been wondering (?:about|what|how)\b"
    r"|\bi wonder (?:what|how|where|when|who|which)\b"
    r"|\bi(?:'?d| would)? (?:really |genuinely |honestly |truly )?(?:like|love|want) to "
    r"(?:hear|know|understand)\b(?!\s*(?:[,.;!]|$))"
)
# A wh-word opening a clause that goes on like a question ("what was…"), so that
# statements such as "what I mean is…" or "when you left, I…" are not questions.
_WH_QUESTION = re.compile(
    rf"^{_WH}(?:'s|'re|'d|'ve| else| about| kind| sort| part| if| do| does| did| is| are|"
    r" was| were| has| have| had| can| could| would| will| should| might| made| makes|"
    r" happened| happens| comes| came| went| goes| gets| got| felt| feels| tends| would)\b"
    r"|^how come\b|^(?:and |so )?(?:what|how)\b[^?]*\?$"
)
_WH_ANY = re.compile(rf"^{_WH}\b")
# "When I ask about feelings, does it feel like a waste of time?": a when-clause with its
# own subject, and no question word of its own ("when you say it… what's it like?"), sets
# the scene; the sentence's other clause is the question.
_WHEN_CLAUSE = re.compile(
    r"^when(?:ever)? (?:i|you|we|he|she|they|it|your|my|our|his|her|their)\b"
    r"(?!.*\b(?:what|how|why|where|who)\b)"
)
# A preposition before a wh-word: "in which moments does it come?", "with whom…?"
_PREPOSITION = re.compile(
    r"^(?:in|at|on|from|with|for|about|to|by|during|under) (?=(?:what|which|whom|whose)\b)"
)
# A relative clause after a comma is a statement: "…, which is why I've been asking".
_RELATIVE = re.compile(r"^which(?:'s| is| was) (?:why|what|how|when|where|the)\b|^which means\b")
# Wh-questions that ask for a short fact are closed in counselling coding
# ("How long…?", "When did…?", "Which one…?"); "how come" is a why.
_WH_FACT = re.compile(
    rf"^(?:how (?:many|much|long|old|often|far|soon)|what (?:time|day|date|year|age)\b"
    rf"|when {_AUX}|which (?:one|of)|who (?:else|{_AUX})"
    r"|what(?:'s| is| was| were) (?:the|your|their|his|her) (?:name|date|number|address|dose"
    r"|dosage|time|day|age|title|score|price|cost)s?"
    r"|which \w+(?: \w+)? (?:was|is|were|are|did|do) (?:it|that|this|they|those|you)$)\b"
)
_WH_PROPOSAL = re.compile(r"^(?:what|how) (?:if|about)\b")
# How every clause the four patterns above match begins: most clauses are spared them.
_WH_OPENINGS = (*_WH_WORDS, "and ", "so ")
_AUX_START = re.compile(rf"^{_AUX}\b")
_PROPOSAL = re.compile(
    r"^(?:maybe |perhaps )?(?:can|could|shall|should|might) we\b"
    r"|^(?:\w+ ){0,3}(?:maybe |perhaps )?we (?:can|could|might)\b"
    r"|^is there anything (?:else )?(?:that )?(?:would|might|could|i could|i can|we could) "
    r"(?:help|make|change|do)\b"
    r"|^would it (?:help|be (?:ok|okay|alright|all right|useful|helpful))\b"
    r"|^is it (?:ok|okay|alright|all right) (?:if|to)\b"
    r"|^would you be (?:open|willing|up for) (?:to )?(?:trying|us|it|that|this)\b"
    r"|^(?:does|would|will) (?:that|this|it) (?:work|suit|help)\b"
)
_CHECK = re.compile(
    r"^(?:does|did) (?:that|this|any of (?:that|this)) (?:fit|sound|seem|feel|ring|make sense)\b"
    r"|^am i (?:off|wrong|right|close|on)\b|^is (?:that|this) (?:right|fair|close|ok|okay)\b"
    r"|^(?:have|did) i (?:got|get|understood|heard) (?:that|this|it|you)\b"
    r"|^(?:deal|ok(?:ay)?|alright|all right|agreed|fair|yes|yeah|sound good|does that work)$"
)
_TAG = re.compile(
    rf"^(?:{_AUX} (?:i|you|we|it|he|she|they|there|that|this)"
    r"|right|ok(?:ay)?|yeah|eh|huh|correct|true|no)$"
)
_CLAUSE = re.compile(r"[,;:\u2014\u2013]| - ")
# A clause opening with an auxiliary and its subject asks yes/no even unpunctuated
# ("did you sleep ok last night"); imperatives such as "don't worry" do not.
_AUX_SUBJECT = re.compile(rf"^{_AUX} (?:you|i|we|it|he|she|they|there|that|this|your|my)\b")
# Talk about asking is a statement: "I'm asking because I want to understand."
_META_ASK = prefiltered(
    r"\b(?:i(?:'?m| am) (?:only |just )?asking|i ask|(?:my|the|that|this) question)\b"
)
_WHY_INVITE = re.compile(rf"\b{_TELL}(?: me)? why\b")
# An unpunctuated question inside a run-on clause, as dictated or texted answers have
# them ("when you've been lying awake what did you think of me"): a wh-word followed
# closely by an auxiliary and "you" in question order.
_WH_INNER = re.compile(
    r"\s(?:what|wat|how|why)\b(?: [\w']+){0,5}? "
    r"(?:did|do|does|are|is|was|were|have|has|can|could|would|will) (?:you|u)\b"
)


@dataclass(frozen=True)
class Question:
    """A question or invitation found in an answer."""

    span: Span
    kind: str  # "open" or "closed"
    form: str  # "why", "wh", "invitation", "yes_no", "tag", "proposal" or "check"


def _clauses(sentence: str) -> list[str]:
    """Clauses of a sentence with leading fillers and trailing punctuation removed."""
    out = []
    for part in _CLAUSE.split(sentence):
        clause = _FILLER.sub("", part.strip().strip("\"'()")).strip(" .!?\"'")
        clause = _PREPOSITION.sub("", clause)  # "in which moments…" asks "which moments…"
        if clause:
            out.append(clause)
    return out


_CHOICE = re.compile(r"^(?:would you (?:like|prefer|rather)|do you want|shall i|should i)\b.* or ")


def _classify(sentence: str) -> tuple[str, str] | None:
    """(kind, form) of one sentence of normalised text, or None for a statement."""
    asks = sentence.rstrip().endswith("?")
    clauses = _clauses(sentence)
    if not asks and _META_ASK.search(sentence):
        return None
    fact = False
    for clause in clauses:
        if _INVITE_OPENING.match(clause) or _INVITE_ANYWHERE.search(clause):
            return "open", "why" if _WHY_INVITE.search(clause) else "invitation"
        if not clause.startswith(_WH_OPENINGS) or (not asks and _RELATIVE.match(clause)):
            continue
        if len(clauses) > 1 and _WHEN_CLAUSE.match(clause):
            continue
        if _WH_PROPOSAL.match(clause):
            return "closed", "proposal"
        if _WH_FACT.match(clause):
            fact = True
            continue
        if (asks and _WH_ANY.match(clause)) or _WH_QUESTION.match(clause):
            return "open", "why" if clause.startswith(("why", "how come")) else "wh"
    if fact:
        return "closed", "fact"
    if not asks and any(_WH_INNER.search(clause) for clause in clauses):
        return "open", "wh"
    if not asks:
        if not (clauses and _AUX_SUBJECT.match(clauses[0])):
            return None
        asks = True
    if not clauses:  # a bare "Okay?" or "Right?" checks in
        return "closed", "check"
    parts = _CLAUSE.split(sentence)
    if len(parts) > 1 and _TAG.match(parts[-1].strip(" .!?\"'")):
        return "closed", "tag"
    if _CHOICE.search(_FILLER.sub("", sentence.strip())):  # offers options: a proposal
        return "closed", "proposal"
    for clause in clauses:
        if _CHECK.match(clause):
            return "closed", "check"
        if _PROPOSAL.match(clause):
            return "closed", "proposal"
        if _AUX_START.match(clause):
            return "closed", "yes_no"
    return "closed", "yes_no"


def find_questions(doc: Analysed) -> tuple[Question, ...]:
    """Every question or open invitation in the answer, in order."""
    found = []
    for start, end in doc.sentences:
        verdict = _classify(doc.masked[start:end])
        if verdict:
            found.append(Question((start, end), *verdict))
    return tuple(found)


def kind_of(questions: tuple[Question, ...]) -> str | None:
    """Return the kind of the last question, or None when there is none.

    With several questions in a turn the client answers the last one, so it decides:
    "How did that go? Did you tell her?" asks yes/no.
    """
    return questions[-1].kind if questions else None


def last_question(questions: tuple[Question, ...]) -> Question | None:
    """The last question other than a proposal or a check, which end a turn well."""
    asked = [q for q in questions if q.form not in ("proposal", "check")]
    return asked[-1] if asked else None


def question_kind(text: str) -> str | None:
    """Classify a therapist utterance: "open", "closed", or None (no question)."""
    return kind_of(find_questions(analyse(text)))
