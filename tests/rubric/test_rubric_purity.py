"""The engine is plain Python: importing it must not pull in Django."""

import subprocess
import sys

from ruptures.rubric import default_rubric


def test_importing_the_engine_does_not_import_django():
    code = (
        "import ruptures.rubric, ruptures.rubric.evaluate, sys; "
        "from ruptures.rubric import assess; assess('invite', 'What happened?'); "
        "bad = [m for m in sys.modules if m.startswith('django')]; "
        "assert not bad, bad"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_default_rubric_is_cached_and_versioned():
    assert default_rubric() is default_rubric()
    assert len(default_rubric().version) == 12
