"""The shipped model: matches its corpus, trains reproducibly, loads fast, stays small."""

import json
import time
from importlib import resources

import pytest

from ruptures.rubric import ENGINE_VERSION
from ruptures.rubric import model as model_module
from ruptures.rubric.corpus import (
    REPO,
    TRAINED_SETS,
    WRITER_SETS,
    load_corpus,
    load_items,
    resolve,
    sha256,
)
from ruptures.rubric.train import DEFAULT_CORPUS, DEFAULT_OUT, dump, fit, folds, train

pytest.importorskip("sklearn")
FIXTURE = REPO / "tests" / "rubric" / "data" / "traps.yaml"


def shipped():
    return json.loads(resources.files("ruptures.rubric").joinpath("model.json").read_text())


def test_training_twice_on_a_fixture_gives_an_identical_model_file():
    items = load_items(FIXTURE)
    assert dump(fit(items)) == dump(fit(list(reversed(items))))


def test_committed_model_matches_its_corpus():
    # Everything the model trains on is in this repository, so this never skips.
    data = shipped()
    names = [entry["file"] for entry in data["corpus"]]
    assert sorted(names) == sorted(DEFAULT_CORPUS)
    assert all(name.startswith("repo:") for name in names)
    paths = {name: resolve(name) for name in names}
    for entry in data["corpus"]:
        assert sha256(paths[entry["file"]]) == entry["sha256"], (
            f"{entry['file']} changed: run python -m ruptures.rubric.train"
        )
    assert dump(train(names)) == DEFAULT_OUT.read_text(encoding="utf-8"), (
        "model.json is not what the corpus trains: run python -m ruptures.rubric.train"
    )


def test_the_report_was_written_with_the_committed_model():
    report = json.loads((REPO / "ruptures" / "rubric" / "report.json").read_text())
    assert report["model_sha256"] == sha256(DEFAULT_OUT), (
        "report.json is stale: run python -m ruptures.rubric.train --cv "
        "--report ruptures/rubric/report.json"
    )
    assert report["engine_version"] == ENGINE_VERSION
    for key in ("cross_validation", "writer_sets", "holdout", "labeller_agreement", "corpus"):
        assert report[key], key


def test_the_held_out_writers_are_never_trained_on():
    assert not any("heldout" in entry["file"] for entry in shipped()["corpus"])
    assert not any("heldout" in name for name in DEFAULT_CORPUS)
    trained = {i.id for name in DEFAULT_CORPUS for i in load_corpus(resolve(name))}
    assert WRITER_SETS
    for held, _ in WRITER_SETS:
        ids = {i.id for i in load_items(resolve(held))}
        assert ids and not ids & trained, held
    # every labelled file is trained on (the corpus, the sets whose errors were read) or
    # is a held-out writer set the report scores, never both
    on_disk = {p.name for p in (REPO / "ruptures" / "rubric" / "labelled").glob("*.yaml")}
    held_out = {name.rsplit("/", 1)[1] for name, _ in WRITER_SETS}
    trained_sets = {name.rsplit("/", 1)[1] for name, _ in TRAINED_SETS}
    assert held_out | trained_sets == on_disk - {"corpus.yaml"}
    assert not held_out & trained_sets
    assert all(name in DEFAULT_CORPUS for name, _ in TRAINED_SETS)
    # a set is trained on only once its errors have guided a version's fixes
    assert all(read_since for _, read_since in TRAINED_SETS)


def test_model_file_is_small_and_loads_fast():
    assert DEFAULT_OUT.stat().st_size < 1_500_000
    text = DEFAULT_OUT.read_text(encoding="utf-8")
    start = time.perf_counter()
    model = model_module.model_from_data(json.loads(text))
    assert time.perf_counter() - start < 1.0
    assert len(model.level) == 3 and set(model.pitfalls) == set(shipped()["pitfalls"])


def test_folds_keep_a_folds_vignettes_and_writer_out_of_its_training_data():
    items = load_items(FIXTURE)
    for train_idx, test_idx in folds(items):
        assert {items[j].vignette for j in train_idx}.isdisjoint(
            items[j].vignette for j in test_idx
        )
    from dataclasses import replace

    writers = [replace(item, writer=f"w{k % 3}") for k, item in enumerate(items)]
    seen = set()
    for train_idx, test_idx in folds(writers, k=2):
        test_v = {writers[j].vignette for j in test_idx}
        test_w = {writers[j].writer for j in test_idx}
        assert len(test_w) == 1
        assert all(
            writers[j].vignette not in test_v and writers[j].writer not in test_w
            for j in train_idx
        )
        seen.update(test_idx)
    assert seen == set(range(len(writers)))
    # more writers than groups: a fold leaves out a group of writers, never part of one
    many = [replace(item, writer=f"w{k % 7}") for k, item in enumerate(items)]
    seen = set()
    for train_idx, test_idx in folds(many, k=2, writer_groups=3):
        test_w = {many[j].writer for j in test_idx}
        assert 2 <= len(test_w) <= 3
        assert all(many[j].writer not in test_w for j in train_idx)
        seen.update(test_idx)
    assert seen == set(range(len(many)))
