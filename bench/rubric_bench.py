"""Benchmark the rubric engine on a realistic mix of generated answers.

Run: .venv/bin/python bench/rubric_bench.py [--n 3000]

Answers are built from templates here (never from the dev set): openers,
moves and closers per step, some with pitfalls, of varied length. Prints
assessments per second, mean microseconds per 60-word answer, and how many
times slower `assess` is than a plain tokenising pass over the same texts.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ruptures.rubric import STEPS, ScenarioRubric, assess  # noqa: E402

OPENERS = ["", "Okay. ", "Mm, ", "I hear you. ", "Right, ", "Thank you for saying that. "]
MOVES = [
    "I notice something shifted between us when I mentioned the plan",
    "what was that like for you when I kept looking at my notes",
    "it makes sense that you'd feel let down after waiting all week",
    "could we look at this together and see what happens for you in those moments",
    "I think I moved too quickly last time and that part is mine",
    "how would you like us to handle it if this comes up again",
    "you seem quieter than usual today and I may be wrong about that",
    "I'm curious whether this feels familiar from other relationships",
    "did that upset you",
    "you need to give the exercises more time",
    "everyone feels like this at the start so it's not a big deal",
    "I was only trying to help and that's part of my job",
    "anyway let's get back to the worksheet",
    "I'm so sorry, I feel awful, I'm really sorry",
    "this is really about your father",
    "you should try setting an alarm",
    "I know something is wrong, come on",
]
FILLERS = [
    "and I want to understand it from your side",
    "because what you said about work stayed with me",
    "even if it is hard to put into words right now",
    "and there is no rush with any of this",
    "so we can decide together what comes next",
]
CONTEXT = (
    "Lee arrived late, said the traffic was terrible, and answered questions about the new "
    "exercise with one word while looking at the floor."
)


def make_answer(rng: random.Random, words: int) -> str:
    """A plausible answer of roughly `words` words."""
    parts = [rng.choice(OPENERS) + rng.choice(MOVES)]
    while sum(len(p.split()) for p in parts) < words:
        parts.append(rng.choice(FILLERS + MOVES))
    text = ", ".join(parts)
    text = " ".join(text.split()[:words])
    return text[0].upper() + text[1:] + rng.choice([".", "?", "!", ""])


def time_per_call(fn, items) -> float:
    """Mean seconds per call of fn over items (best of three rounds)."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for item in items:
            fn(item)
        best = min(best, time.perf_counter() - start)
    return best / len(items)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=3000, help="answers in the mixed run")
    args = parser.parse_args()
    rng = random.Random(7)
    scenario = ScenarioRubric(context=CONTEXT, version="bench")
    mixed = [
        (rng.choice(STEPS), make_answer(rng, rng.choice([1, 5, 12, 25, 40, 60, 90, 200])))
        for _ in range(args.n)
    ]
    sixty = [(rng.choice(STEPS), make_answer(rng, 60)) for _ in range(1000)]
    assess("invite", "warm-up", scenario=scenario)  # load the rubric outside the timing

    def run(item):
        return assess(item[0], item[1], scenario=scenario)

    def tokenise(item):
        return re.findall(r"\w+", item[1].lower())

    mixed_s = time_per_call(run, mixed)
    sixty_s = time_per_call(run, sixty)
    sixty_tok = time_per_call(tokenise, sixty)
    mixed_tok = time_per_call(tokenise, mixed)
    words = statistics.mean(len(t.split()) for _, t in mixed)
    print(f"mixed answers: {len(mixed)} (mean {words:.0f} words)")
    print(f"assessments/second (mixed): {1 / mixed_s:,.0f}")
    print(f"mean µs per 60-word answer: {sixty_s * 1e6:,.1f}")
    print(f"plain tokenising pass, 60 words: {sixty_tok * 1e6:,.2f} µs")
    print(
        f"assess / tokenise ratio: {sixty_s / sixty_tok:,.0f}x (60 words), "
        f"{mixed_s / mixed_tok:,.0f}x (mixed)"
    )


if __name__ == "__main__":
    main()
