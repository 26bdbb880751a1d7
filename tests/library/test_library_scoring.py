"""The library and the engine agree: exemplars score strong, counterexamples weak.

Where this fails, fix the scenario's content or the engine, not this test.
"""

from dataclasses import replace
from pathlib import Path
from types import MappingProxyType

import pytest

from ruptures.library import load_paths
from ruptures.rubric import assess

LIBRARY = Path(__file__).resolve().parents[2] / "scenarios"
SCENARIOS = [s for s in load_paths([LIBRARY]).scenarios if s.is_rupture]


def _cases(kind: str):
    for spec in SCENARIOS:
        for step in spec.steps:
            items = step.exemplars if kind == "exemplar" else step.counterexamples
            for i, item in enumerate(items):
                yield pytest.param(spec, step.name, item, id=f"{spec.slug}-{step.name}-{i}")


@pytest.mark.parametrize("spec, step, text", list(_cases("exemplar")))
def test_every_exemplar_scores_strong_when_written_as_own_words(spec, step, text):
    # Pasted, an exemplar is a copy (level 0); scored as if a trainee had written it
    # (a scenario without exemplars), it must be strong.
    pasted = assess(step, text, scenario=spec.rubric())
    assert pasted.copy_of == text and pasted.level == 0
    own = replace(spec.rubric(), exemplars=MappingProxyType({}))
    assessment = assess(step, text, scenario=own)
    assert assessment.level >= 2, (assessment.score, sorted(assessment.pitfalls), text)
    assert not assessment.pitfalls


def test_nearly_every_exemplar_scores_strong():
    # A trained scorer may rate an odd strong exemplar adequate; never lower (above).
    cases = list(_cases("exemplar"))
    strong = [
        assess(
            p.values[1], p.values[2], scenario=replace(p.values[0].rubric(), exemplars={})
        ).level
        == 3
        for p in cases
    ]
    assert sum(strong) / len(strong) >= 0.97


@pytest.mark.parametrize("spec, step, counterexample", list(_cases("counterexample")))
def test_every_counterexample_scores_weak_or_harmful(spec, step, counterexample):
    assessment = assess(step, counterexample.text, scenario=spec.rubric())
    assert assessment.level <= 1, (assessment.score, counterexample.text)


def test_the_library_has_rupture_scenarios_to_check():
    assert len(SCENARIOS) >= 28


def test_the_engine_names_the_labelled_pitfall_of_nearly_every_counterexample():
    cases = [
        (spec, step.name, c)
        for spec in SCENARIOS
        for step in spec.steps
        for c in step.counterexamples
    ]
    found = [
        c.pitfall in assess(step, c.text, scenario=spec.rubric()).pitfalls
        for spec, step, c in cases
    ]
    assert sum(found) / len(found) >= 0.9
