"""load_scenarios and export_scenarios against the real library and broken copies."""

import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from ruptures.library import load_file, load_paths
from ruptures.models import Attempt, Scenario, ScenarioVersion, Step

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
LIBRARY = ROOT / "scenarios"
SAMPLE = next(LIBRARY.glob("withdrawal/*.yaml"))


def _copy_sample(folder: Path) -> Path:
    target = folder / "withdrawal" / SAMPLE.name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(SAMPLE, target)
    return target


def test_the_whole_library_loads(capsys):
    call_command("load_scenarios")
    expected = len(load_paths([LIBRARY]).scenarios)
    assert Scenario.objects.count() == expected >= 36
    assert ScenarioVersion.objects.count() == expected
    ruptures = Scenario.objects.exclude(rupture_type="none").count()
    assert Step.objects.count() == 5 * ruptures


def test_loading_again_changes_nothing(capsys):
    call_command("load_scenarios")
    capsys.readouterr()
    call_command("load_scenarios")
    assert "0 new, 0 new versions" in capsys.readouterr().out
    assert ScenarioVersion.objects.count() == Scenario.objects.count()


def test_dry_run_writes_nothing(capsys):
    call_command("load_scenarios", "--dry-run")
    assert "Dry run" in capsys.readouterr().out
    assert Scenario.objects.count() == 0


@pytest.mark.parametrize(
    "broken, message",
    [
        ("slug: [unclosed\n", "line"),
        ("", "empty"),
        ("title: only a title\n", "slug"),
    ],
)
def test_one_bad_file_means_nothing_is_written(tmp_path, capsys, broken, message):
    _copy_sample(tmp_path)
    (tmp_path / "withdrawal" / "broken.yaml").write_text(broken)
    with pytest.raises(CommandError, match="nothing was loaded"):
        call_command("load_scenarios", str(tmp_path))
    assert message in capsys.readouterr().err
    assert Scenario.objects.count() == 0


def test_unknown_marker_is_reported_with_file_and_field(tmp_path, capsys):
    target = _copy_sample(tmp_path)
    spec = load_file(target)
    # The first occurrence is the top-level `markers:` list.
    target.write_text(target.read_text().replace(spec.markers[0], "sulking", 1))
    with pytest.raises(CommandError):
        call_command("load_scenarios", str(tmp_path))
    err = capsys.readouterr().err
    assert target.name in err and "sulking" in err
    assert Scenario.objects.count() == 0


def test_a_5mb_file_is_refused_and_nothing_written(tmp_path, capsys):
    _copy_sample(tmp_path)
    (tmp_path / "withdrawal" / "huge.yaml").write_text("context: " + "x" * (5 * 1024 * 1024))
    with pytest.raises(CommandError):
        call_command("load_scenarios", str(tmp_path))
    assert "huge.yaml" in capsys.readouterr().err
    assert Scenario.objects.count() == 0


def test_load_export_load_round_trip_is_stable(tmp_path, capsys):
    call_command("load_scenarios")
    call_command("export_scenarios", str(tmp_path))
    originals = {s.slug: s for s in load_paths([LIBRARY]).scenarios}
    exported = load_paths([tmp_path])
    assert not exported.problems
    assert {s.slug: s for s in exported.scenarios} == originals
    capsys.readouterr()
    call_command("load_scenarios", str(tmp_path))
    assert "0 new, 0 new versions" in capsys.readouterr().out


def test_changed_exemplar_makes_a_new_version_and_attempts_stay_on_the_old(tmp_path, trainee):
    target = _copy_sample(tmp_path)
    call_command("load_scenarios", str(tmp_path))
    scenario = Scenario.objects.get()
    old = scenario.current_version
    attempt = Attempt.objects.create(trainee=trainee, version=old)

    spec = load_file(target)
    exemplar = spec.step("invite").exemplars[0]
    target.write_text(target.read_text().replace(exemplar, exemplar + " Take your time."))
    call_command("load_scenarios", str(tmp_path))

    scenario.refresh_from_db()
    attempt.refresh_from_db()
    assert scenario.current_version.number == 2
    assert attempt.version == old
    assert (
        exemplar + " Take your time."
        in scenario.current_version.steps.get(name="invite").exemplars
    )
    assert exemplar in old.steps.get(name="invite").exemplars
