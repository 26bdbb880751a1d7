"""The library is a pure module: importing it must not import Django."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_importing_the_library_does_not_import_django():
    code = (
        "import ruptures.library, sys; "
        "assert not [m for m in sys.modules if m.startswith('django')], "
        "sorted(m for m in sys.modules if m.startswith('django'))"
    )

    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )

    assert result.returncode == 0, result.stderr
