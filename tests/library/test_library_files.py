"""Reading scenario files and folders: size, encoding, YAML syntax and cross-file rules."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ruptures.library import (
    MAX_FILE_BYTES,
    Problem,
    ScenarioError,
    load_file,
    load_paths,
    parse_text,
    yamlio,
)

FIXTURES = Path(__file__).parent / "fixtures"
RUPTURE = FIXTURES / "withdrawal" / "quiet-after-the-holiday.yaml"
FOIL = FIXTURES / "none" / "running-late-by-train.yaml"


def only_problem(exc_info: pytest.ExceptionInfo[ScenarioError]) -> str:
    [problem] = exc_info.value.problems
    return str(problem)


def test_problem_reads_as_file_field_and_expectation():
    problem = Problem(
        "scenarios/late-fee.yaml", "steps.invite.exemplars", "at least 2 required, found 1"
    )

    assert (
        str(problem)
        == "scenarios/late-fee.yaml: steps.invite.exemplars: at least 2 required, found 1"
    )
    assert str(Problem("a.yaml", "", "the file is empty")) == "a.yaml: the file is empty"


def test_scenario_error_carries_every_problem_and_prints_one_a_line():
    problems = [
        Problem("a.yaml", "title", "required field is missing"),
        Problem("a.yaml", "", "x"),
    ]

    error = ScenarioError(problems)

    assert error.problems == problems
    assert str(error) == "a.yaml: title: required field is missing\na.yaml: x"


def test_fixture_file_loads():
    spec = load_file(RUPTURE)

    assert spec.slug == "quiet-after-the-holiday"


def test_yaml_syntax_error_names_the_line():
    text = RUPTURE.read_text(encoding="utf-8").replace(
        "title: Quiet after the holiday", "title: Quiet: after: the holiday"
    )
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith("title:"))

    with pytest.raises(ScenarioError) as caught:
        parse_text(text, source="scenarios/x.yaml")

    message = only_problem(caught)
    assert message.startswith(f"scenarios/x.yaml: line {line}: invalid YAML at column ")
    assert "mapping values are not allowed here" in message


def test_unclosed_quote_names_a_line():
    with pytest.raises(ScenarioError) as caught:
        parse_text('slug: x\ntitle: "never closed\n', source="x.yaml")

    assert only_problem(caught).startswith("x.yaml: line ")


def test_duplicate_key_is_an_error_with_its_line_not_a_silent_overwrite():
    text = "slug: a\ntitle: One\ntitle: Two\n"

    with pytest.raises(ScenarioError) as caught:
        parse_text(text, source="x.yaml")

    assert (
        only_problem(caught) == "x.yaml: line 3: invalid YAML at column 1: duplicate key 'title'"
    )


@pytest.mark.parametrize("text", ["", "   \n\n", "# only a comment\n"])
def test_empty_file_is_refused_clearly(text):
    with pytest.raises(ScenarioError) as caught:
        parse_text(text, source="x.yaml")

    assert only_problem(caught).startswith("x.yaml: the file is empty; expected a scenario")


def test_top_level_list_is_refused_clearly():
    with pytest.raises(ScenarioError) as caught:
        parse_text("- slug: a\n- slug: b\n", source="x.yaml")

    assert only_problem(caught) == (
        "x.yaml: the top level must be a mapping of scenario fields, found a list"
    )


def test_five_megabyte_file_is_refused_before_parsing(tmp_path, monkeypatch):
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"slug: huge\n" + b"# padding\n" * 524_288)

    def no_parsing(*args, **kwargs):
        raise AssertionError("the YAML parser must not see an oversized file")

    monkeypatch.setattr(yamlio.yaml, "load", no_parsing)
    with pytest.raises(ScenarioError) as caught:
        load_file(path)

    size = path.stat().st_size
    assert size > 5_000_000
    assert only_problem(caught) == (
        f"{path.as_posix()}: file too large: {size:,} bytes, "
        f"at most {MAX_FILE_BYTES:,} bytes (256 KiB)"
    )


def test_bad_utf8_is_refused_with_its_line(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("slug: cafe\ntitle: Caf\u00e9 talk\n".encode("latin-1"))

    with pytest.raises(ScenarioError) as caught:
        load_file(path)

    assert only_problem(caught) == (
        f"{path.as_posix()}: line 2: not valid UTF-8 (byte 0xe9); save it as UTF-8"
    )


def test_utf8_byte_order_mark_is_accepted(tmp_path):
    path = tmp_path / "quiet-after-the-holiday.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + RUPTURE.read_bytes())

    assert load_file(path) == load_file(RUPTURE)


def test_missing_file_is_a_problem_not_a_crash(tmp_path):
    with pytest.raises(ScenarioError) as caught:
        load_file(tmp_path / "gone.yaml")

    assert "cannot read the file" in only_problem(caught)


def test_load_paths_reads_folders_recursively_in_order_skipping_other_files(tmp_path):
    shutil.copytree(FIXTURES, tmp_path / "scenarios")
    (tmp_path / "scenarios" / "README.md").write_text("# not a scenario\n", encoding="utf-8")
    (tmp_path / "scenarios" / ".hidden").mkdir()
    (tmp_path / "scenarios" / ".hidden" / "junk.yaml").write_text("[", encoding="utf-8")

    library = load_paths([tmp_path / "scenarios"])

    assert library.problems == ()
    assert library.ok
    assert [spec.slug for spec in library.scenarios] == [
        "running-late-by-train",
        "quiet-after-the-holiday",
    ]


def test_load_paths_accepts_yml_and_single_files_each_once(tmp_path):
    yml = tmp_path / "quiet-after-the-holiday.yml"
    shutil.copy(RUPTURE, yml)

    library = load_paths([str(yml), tmp_path, FOIL])

    assert library.problems == ()
    assert [spec.slug for spec in library.scenarios] == [
        "quiet-after-the-holiday",
        "running-late-by-train",
    ]


def test_duplicate_slug_across_two_files_names_both(tmp_path):
    first = tmp_path / "a" / "quiet-after-the-holiday.yaml"
    second = tmp_path / "b" / "quiet-after-the-holiday.yaml"
    for path in (first, second):
        path.parent.mkdir()
        shutil.copy(RUPTURE, path)

    library = load_paths([tmp_path])

    assert [str(problem) for problem in library.problems] == [
        f"{second.as_posix()}: slug: 'quiet-after-the-holiday' is already the slug of "
        f"{first.as_posix()}"
    ]
    assert len(library.scenarios) == 1
    assert not library.ok


def test_file_name_must_match_slug(tmp_path):
    path = tmp_path / "holiday.yaml"
    shutil.copy(RUPTURE, path)

    library = load_paths([path])

    assert [str(problem) for problem in library.problems] == [
        f"{path.as_posix()}: slug: 'quiet-after-the-holiday' does not match the file name; "
        "name the file quiet-after-the-holiday.yaml"
    ]
    assert library.scenarios == ()


def test_scenario_in_another_rupture_types_folder_is_reported(tmp_path):
    path = tmp_path / "confrontation" / "quiet-after-the-holiday.yaml"
    path.parent.mkdir()
    shutil.copy(RUPTURE, path)

    library = load_paths([tmp_path])

    assert [str(problem) for problem in library.problems] == [
        f"{path.as_posix()}: rupture_type: a withdrawal scenario is in the confrontation/ "
        "folder; move it"
    ]


def test_load_paths_collects_problems_from_every_file(tmp_path):
    (tmp_path / "empty.yaml").write_text("", encoding="utf-8")
    (tmp_path / "list.yaml").write_text("- 1\n", encoding="utf-8")
    shutil.copy(FOIL, tmp_path / FOIL.name)

    library = load_paths([tmp_path, tmp_path / "missing"])

    sources = [problem.source for problem in library.problems]
    assert sources == [
        (tmp_path / "missing").as_posix(),
        (tmp_path / "empty.yaml").as_posix(),
        (tmp_path / "list.yaml").as_posix(),
    ]
    assert [spec.slug for spec in library.scenarios] == ["running-late-by-train"]
