"""The SVG charts: escaped, accessible, deterministic, CSP-friendly."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from ruptures.charts import MAX_X_LABELS, X_LABEL_GAP, bar_chart, line_chart, sparkline

SVG = "{http://www.w3.org/2000/svg}"
LEVELS = ("Harmful", "Weak", "Adequate", "Strong")


def line(points=(("1 Mar", 1), ("2 Mar", 2.5), ("3 Mar", 3)), **kwargs):
    kwargs.setdefault("title", "Level over time")
    return line_chart(list(points), y_max=3, y_labels=LEVELS, **kwargs)


def bars(data=(("Notice", 2.4), ("Invite", 1.0)), **kwargs):
    kwargs.setdefault("title", "Average level per step")
    kwargs.setdefault("value_format", "{:.1f}")
    return bar_chart(list(data), max_value=3, **kwargs)


CHARTS = {"line": line, "bar": bars}


@pytest.mark.parametrize("make", CHARTS.values(), ids=CHARTS.keys())
def test_a_script_in_a_label_or_title_is_escaped(make):
    svg = make([("<script>alert(1)</script>", 2)], title='Mine & "yours" <b>')
    assert "<script>" not in svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in svg
    assert "<b>" not in svg
    ET.fromstring(svg)  # still well-formed XML


@pytest.mark.parametrize("make", CHARTS.values(), ids=CHARTS.keys())
def test_output_is_deterministic(make):
    assert make() == make()


@pytest.mark.parametrize("make", CHARTS.values(), ids=CHARTS.keys())
def test_is_labelled_by_its_title_and_description(make):
    root = ET.fromstring(make())
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby").split()
    assert root.find(f"{SVG}title").get("id") == title_id
    assert root.find(f"{SVG}desc").get("id") == desc_id


@pytest.mark.parametrize("make", CHARTS.values(), ids=CHARTS.keys())
def test_has_no_inline_styles_for_the_csp(make):
    assert "style" not in make()


def test_line_chart_prints_every_value_as_text_and_in_its_description():
    root = ET.fromstring(line())
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "chart-value"] == [
        "1",
        "2.5",
        "3",
    ]
    assert set(LEVELS) <= set(texts)  # the y axis is named, not just coloured
    assert "1 Mar: 1, 2 Mar: 2.5, 3 Mar: 3" in root.find(f"{SVG}desc").text


def test_line_chart_places_higher_values_higher():
    dots = ET.fromstring(line()).iter(f"{SVG}circle")
    ys = [float(dot.get("cy")) for dot in dots]
    assert ys[0] > ys[1] > ys[2]


def test_line_chart_thins_out_x_labels_when_crowded():
    svg = line([(f"day {i}", i % 4) for i in range(30)])
    assert len(re.findall(r">day \d+<", svg)) == MAX_X_LABELS
    assert ">day 29<" in svg  # the latest point is always labelled


def test_bar_chart_prints_formatted_values_and_scales_bars():
    root = ET.fromstring(bars())
    values = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "chart-value"]
    assert values == ["2.4", "1.0"]
    widths = [float(rect.get("width")) for rect in root.iter(f"{SVG}rect")]
    assert widths[0] == pytest.approx(widths[1] * 2.4, rel=0.01)
    assert root.find(f"{SVG}desc").text == "Notice: 2.4; Invite: 1.0."


def test_bar_chart_formats_percentages():
    svg = bar_chart([("Withdrawal", 0.5)], max_value=1, title="Recognition", value_format="{:.0%}")
    assert ">50%<" in svg


@pytest.mark.parametrize("make", CHARTS.values(), ids=CHARTS.keys())
def test_empty_data_says_no_data_yet(make):
    root = ET.fromstring(make([]))
    assert root.find(f"{SVG}desc").text == "No data yet."
    assert [t.text for t in root.iter(f"{SVG}text")] == ["No data yet"]


def _x_labels(svg: str) -> list[tuple[float, str]]:
    """The x axis's labels with their x positions (the axis row sits lowest)."""
    texts = ET.fromstring(svg).iter(f"{SVG}text")
    axis = [
        t for t in texts if t.get("class") == "chart-axis" and t.get("text-anchor") == "middle"
    ]
    return [(float(t.get("x")), t.text) for t in axis]


def test_a_day_with_several_attempts_is_labelled_once():
    days = ["1 Mar", "1 Mar", "1 Mar", "4 Mar", "4 Mar", "9 Mar"]
    labels = [text for _, text in _x_labels(line([(d, 2) for d in days]))]
    assert labels == ["1 Mar", "4 Mar", "9 Mar"]


def test_x_labels_keep_their_distance_and_the_latest_is_always_there():
    points = [(f"{i} Mar", 2) for i in range(1, 13)]  # twelve days: not all fit
    positions = [x for x, _ in _x_labels(line(points))]
    assert all(b - a >= X_LABEL_GAP for a, b in zip(positions, positions[1:], strict=False))
    assert _x_labels(line(points))[-1][1] == "12 Mar"


def test_the_x_axis_says_what_it_counts():
    svg = line(x_title="Each attempt by the day it began")
    assert ">Each attempt by the day it began</text>" in svg
    ET.fromstring(svg)


def test_a_lower_is_better_bar_is_drawn_apart_and_says_so():
    svg = bar_chart(
        [("Withdrawal", 0.8), ("False alarms", 0.4)],
        max_value=1,
        title="Recognition",
        value_format="{:.0%}",
        lower_is_better={"False alarms"},
    )
    root = ET.fromstring(svg)
    rects = {r.get("class"): r.get("fill") for r in root.iter(f"{SVG}rect")}
    assert rects == {"chart-bar": "#1f5f8b", "chart-bar chart-bar-lower": "#8a4b00"}
    notes = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "chart-note"]
    assert notes == ["lower is better"]
    assert root.find(f"{SVG}desc").text == "Withdrawal: 80%; False alarms: 40% (lower is better)."


def test_a_sparkline_reads_its_values_out_and_marks_the_latest():
    svg = sparkline([0, 3, 2], y_max=3)
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.find(f"{ns}title").text == "Recent levels, oldest first: 0, 3, 2 (of 3)."
    points = root.find(f"{ns}polyline").get("points").split()
    assert points == ["3,21", "50,3", "97,9"]  # 0 at the bottom, 3 at the top
    dot = root.find(f"{ns}circle")
    assert (dot.get("cx"), dot.get("cy")) == ("97", "9")
    assert "style" not in svg


def test_a_sparkline_of_nothing_is_empty_and_of_one_value_is_a_dot():
    assert sparkline([], y_max=3) == ""
    assert "<circle" in sparkline([2], y_max=3)
