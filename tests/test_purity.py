"""The pure modules import nothing from Django, so they run in any interpreter."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PURE = [
    "ruptures.rubric",
    "ruptures.library",
    "ruptures.recognition",
    "ruptures.coaching",
    "ruptures.charts",
    "ruptures.authoring.fields",
    "ruptures.authoring.diffing",
    "ruptures.authoring.uploads",
    "ruptures.authoring.scenario_editor",
    "ruptures.authoring.rubric_editor",
    "ruptures.agreement",
    "ruptures.attention",
]


@pytest.mark.parametrize("module", PURE)
def test_pure_module_imports_no_django(module):
    code = (
        f"import {module}, sys; "
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] == 'django'); "
        "assert not loaded, loaded"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
