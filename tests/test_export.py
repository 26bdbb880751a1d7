"""The export's cell rules: formulas neutralised, pseudonyms stable and unguessable."""

import pytest

from ruptures.export import HEADER, csv_lines, neutralise, pseudonym


@pytest.mark.parametrize("cell", ["=1+1", "+44 20", "-3", "@cmd", "\tx", "\rx"])
def test_a_cell_a_spreadsheet_would_run_becomes_text(cell):
    assert neutralise(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["I notice =", "", "plain", 3, None])
def test_other_cells_stay_as_they_are(cell):
    assert neutralise(cell) == cell


def test_a_pseudonym_is_stable_distinct_and_keyed(settings):
    assert pseudonym(7) == pseudonym(7) != pseudonym(8)
    before = pseudonym(7)
    settings.SECRET_KEY = "another-key-another-key-another-key-another-key-12345"
    assert pseudonym(7) != before  # keyed: nobody without the key can rebuild the mapping


def test_csv_lines_quote_what_needs_quoting():
    lines = list(csv_lines(("a", "b"), [("one, two", 'say "hi"')]))
    assert lines == ["a,b\r\n", '"one, two","say ""hi"""\r\n']
    assert HEADER[0] == "trainee"
