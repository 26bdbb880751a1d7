"""Uploads: every problem of every file reported; zip bombs, traversal and unsafe YAML refused."""

import io
import time
import zipfile
from pathlib import Path

import pytest

from ruptures.authoring.uploads import Limits, read_upload

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "scenarios" / "withdrawal" / "fine-just-tired.yaml"
OTHER = ROOT / "scenarios" / "confrontation" / "the-fee-letter.yaml"


def _zip(files: dict[str, bytes | str], **kwargs) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data, **kwargs)
    return buffer.getvalue()


def test_one_good_yaml_file_reads_as_one_scenario():
    upload = read_upload("fine.yaml", SAMPLE.read_bytes())
    assert upload.ok
    assert [spec.slug for _, spec in upload.specs] == ["fine-just-tired"]


def test_a_zip_laid_out_like_the_library_reads_every_scenario_and_skips_the_rest():
    raw = _zip(
        {
            "withdrawal/fine-just-tired.yaml": SAMPLE.read_text(),
            "confrontation/the-fee-letter.yml": OTHER.read_text(),
            "README.md": "notes",
            "__MACOSX/._fine.yaml": "junk",
        }
    )
    upload = read_upload("library.zip", raw)
    assert upload.ok
    assert sorted(spec.slug for _, spec in upload.specs) == ["fine-just-tired", "the-fee-letter"]
    assert upload.skipped == ["README.md", "__MACOSX/._fine.yaml"]


def test_a_file_with_three_errors_reports_all_three():
    text = SAMPLE.read_text()
    text = text.replace("difficulty: beginner", "difficulty: impossible")
    text = text.replace("attachment_style: avoidant", "attachment_style: clingy")
    text = text.replace("  age: 14", "  age: two hundred")
    upload = read_upload("broken.yaml", text.encode())
    assert not upload.ok and upload.specs == []
    assert sorted(p.path for p in upload.problems) == [
        "client.age",
        "client.attachment_style",
        "difficulty",
    ]


def test_problems_in_two_files_of_a_zip_are_all_reported_and_nothing_is_valid():
    raw = _zip(
        {"a.yaml": "slug: [unclosed\n", "b.yaml": SAMPLE.read_text().replace("title:", "titel:")}
    )
    upload = read_upload("two.zip", raw)
    assert not upload.ok
    assert {p.source for p in upload.problems} == {"a.yaml", "b.yaml"}


def test_two_files_with_one_slug_are_refused():
    raw = _zip({"one.yaml": SAMPLE.read_text(), "two.yaml": SAMPLE.read_text()})
    upload = read_upload("twice.zip", raw)
    assert [(p.source, p.path) for p in upload.problems] == [("two.yaml", "slug")]


@pytest.mark.parametrize(
    "name", ["../evil.yaml", "/etc/evil.yaml", "a/../../evil.yaml", "C:/x.yaml", "a\\b.yaml"]
)
def test_a_member_path_leaving_the_archive_is_refused(name):
    upload = read_upload("evil.zip", _zip({name: SAMPLE.read_text()}))
    assert not upload.ok
    assert "refused" in upload.problems[0].message


def test_a_zip_bomb_unpacks_no_further_than_the_limits():
    bomb = _zip({f"{i}.yaml": b"a" * 5_000_000 for i in range(3)})
    assert len(bomb) < 100_000
    started = time.perf_counter()
    upload = read_upload("bomb.zip", bomb, Limits(file_bytes=256 * 1024))
    assert time.perf_counter() - started < 2
    assert not upload.ok
    assert all("too large" in p.message for p in upload.problems)


def test_everything_a_zip_unpacks_to_is_limited_in_total():
    raw = _zip({f"{i}.yaml": b"# " + b"a" * 1000 for i in range(20)})
    upload = read_upload("many.zip", raw, Limits(total_bytes=5_000))
    assert any("unpacks to more than" in p.message for p in upload.problems)


def test_too_many_files_in_a_zip_are_refused_before_reading_any():
    upload = read_upload("many.zip", _zip({f"{i}.yaml": "x" for i in range(5)}), Limits(members=4))
    assert [p.message for p in upload.problems] == ["the zip holds 5 files; at most 4 allowed"]


def test_an_upload_over_the_size_limit_is_refused_unread():
    upload = read_upload("big.yaml", b"x" * 2000, Limits(upload_bytes=1000))
    assert "at most 1,000 allowed" in upload.problems[0].message


def test_yaml_that_would_run_code_or_expand_without_end_is_refused():
    code = b"!!python/object/apply:os.system ['echo hacked']\n"
    laughs = "a: &a ['lol','lol','lol','lol','lol','lol','lol','lol','lol']\n"
    for name in "bcdefghi":
        previous = chr(ord(name) - 1)
        laughs += f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]\n"
    laughs += "transcript: *i\nthemes: *i\n"
    started = time.perf_counter()
    assert not read_upload("code.yaml", code).ok
    assert not read_upload("laughs.yaml", laughs.encode()).ok
    assert time.perf_counter() - started < 2


@pytest.mark.parametrize(
    "name, raw, message",
    [
        ("notes.txt", b"hello", "upload a scenario file"),
        ("broken.zip", b"PK\x03\x04 not really", "not a readable zip"),
        ("latin.yaml", "title: caf\xe9".encode("latin-1"), "not valid UTF-8"),
        ("empty.zip", None, "no scenario file"),
    ],
)
def test_what_is_not_a_scenario_file_says_so(name, raw, message):
    upload = read_upload(name, raw if raw is not None else _zip({"README.md": "x"}))
    assert not upload.ok
    assert message in upload.problems[0].message
