"""Small server-side SVG charts for the progress page.

Pure Python (no Django, no chart library, no JavaScript). Our CSP forbids
inline styles, so the markup uses SVG presentation attributes and CSS classes
only. Every chart prints its values as text and carries a <title> and <desc>,
so colour is never the only signal and screen readers get the numbers. Every
caller-supplied string is escaped; the output is deterministic.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from html import escape

# Narrow enough that 14px text stays legible when a phone scales the chart down.
WIDTH = 480
PAD_LEFT = 80  # room for y-axis labels such as "Adequate"
PAD_RIGHT = 24
PAD_TOP = 24
PAD_BOTTOM = 40
LINE_HEIGHT = 180
BAR_LABEL_WIDTH = 150
BAR_ROW = 30
MAX_X_LABELS = 6  # a date label is about 50 units wide
X_LABEL_GAP = 58  # the least distance between two x labels' centres
X_TITLE_HEIGHT = 20


def _num(value: float) -> str:
    # One decimal keeps the markup short and identical across runs.
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _chart_id(title: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    return f"chart-{slug or 'untitled'}"


def _open(kind: str, title: str, desc: str, height: float) -> list[str]:
    cid = _chart_id(title)
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-{kind}" '
        f'viewBox="0 0 {WIDTH} {_num(height)}" role="img" '
        f'aria-labelledby="{cid}-title {cid}-desc">',
        f'<title id="{cid}-title">{escape(title)}</title>',
        f'<desc id="{cid}-desc">{escape(desc)}</desc>',
    ]


def _text(x: float, y: float, text: str, css: str, anchor: str = "middle") -> str:
    return (
        f'<text class="{css}" x="{_num(x)}" y="{_num(y)}" text-anchor="{anchor}">'
        f"{escape(text)}</text>"
    )


def empty_chart(title: str) -> str:
    """A small placeholder that says there is nothing to plot yet."""
    parts = _open("empty", title, "No data yet.", 48)
    parts.append(_text(WIDTH / 2, 30, "No data yet", "chart-empty"))
    parts.append("</svg>")
    return "".join(parts)


def _y_axis(y_max: float, y_labels: Sequence[str], top: float, height: float) -> list[str]:
    labels = list(y_labels) or [_num(0), _num(y_max)]
    parts = ['<g class="chart-grid">']
    for i, label in enumerate(labels):
        y = top + height - height * i / max(len(labels) - 1, 1)
        parts.append(
            f'<line x1="{PAD_LEFT}" x2="{WIDTH - PAD_RIGHT}" y1="{_num(y)}" y2="{_num(y)}" '
            'stroke="#d7dbe0" stroke-width="1"/>'
        )
        parts.append(_text(PAD_LEFT - 8, y + 4, label, "chart-axis", "end"))
    parts.append("</g>")
    return parts


def _line_coords(values: Sequence[float], y_max: float) -> list[tuple[float, float]]:
    step = (WIDTH - PAD_LEFT - PAD_RIGHT) / len(values)
    coords = []
    for i, value in enumerate(values):
        share = min(max(value, 0), y_max) / y_max if y_max else 0
        coords.append((PAD_LEFT + step * (i + 0.5), PAD_TOP + LINE_HEIGHT * (1 - share)))
    return coords


def _x_label_indices(labels: Sequence[str], xs: Sequence[float]) -> list[int]:
    """Which points print their x label: never the same label twice in a row, never crowded.

    Of a run of equal labels (several attempts on one day) only the first
    prints. Counting back from the latest, which always prints, a label
    prints when it keeps its distance from the one after it.
    """
    firsts = [i for i, label in enumerate(labels) if i == 0 or label != labels[i - 1]]
    kept: list[int] = []
    for i in reversed(firsts):
        if len(kept) == MAX_X_LABELS:
            break
        if not kept or xs[kept[-1]] - xs[i] >= X_LABEL_GAP:
            kept.append(i)
    return sorted(kept)


def line_chart(
    points: Sequence[tuple[str, float]],
    *,
    y_max: float,
    title: str,
    y_labels: Sequence[str] = (),
    x_title: str = "",
) -> str:
    """A line through `points` (label, value), values printed above each dot.

    `y_labels` name evenly spaced gridlines from 0 to `y_max`, e.g. the level
    names for 0-3. Of the x labels only those that can be read print (see
    `_x_label_indices`); `x_title` says under them what they are.
    """
    if not points:
        return empty_chart(title)
    values = ", ".join(f"{label}: {_num(value)}" for label, value in points)
    height = PAD_TOP + LINE_HEIGHT + PAD_BOTTOM + (X_TITLE_HEIGHT if x_title else 0)
    parts = _open("line", title, f"{len(points)} points, out of {_num(y_max)}. {values}.", height)
    parts += _y_axis(y_max, y_labels, PAD_TOP, LINE_HEIGHT)
    coords = _line_coords([value for _, value in points], y_max)
    path = " ".join(f"{_num(x)},{_num(y)}" for x, y in coords)
    parts.append(
        f'<polyline class="chart-line-path" points="{path}" fill="none" '
        'stroke="#1f5f8b" stroke-width="2"/>'
    )
    for (_, value), (x, y) in zip(points, coords, strict=True):
        parts.append(
            f'<circle class="chart-dot" cx="{_num(x)}" cy="{_num(y)}" r="4" fill="#1f5f8b"/>'
        )
        parts.append(_text(x, y - 9, _num(value), "chart-value"))
    axis_y = PAD_TOP + LINE_HEIGHT + 22
    for i in _x_label_indices([label for label, _ in points], [x for x, _ in coords]):
        parts.append(_text(coords[i][0], axis_y, points[i][0], "chart-axis"))
    if x_title:
        centre = PAD_LEFT + (WIDTH - PAD_LEFT - PAD_RIGHT) / 2
        parts.append(_text(centre, height - 8, x_title, "chart-axis chart-axis-title"))
    parts.append("</svg>")
    return "".join(parts)


def bar_chart(
    bars: Sequence[tuple[str, float]],
    *,
    max_value: float,
    title: str,
    value_format: str = "{:g}",
    lower_is_better: Collection[str] = (),
) -> str:
    """Horizontal bars (label, value), each with its value printed beside it.

    Horizontal so that long labels ("premature apology") stay readable on a
    phone. `value_format` is a str.format pattern such as "{:.0%}". The bars
    labelled in `lower_is_better` (a false-alarm rate among hit rates) are
    drawn apart: another colour, and "lower is better" under the label (the
    chart grows to make room under the last bar, so put them last), so a long
    bar there never reads as good.
    """
    if not bars:
        return empty_chart(title)
    shown = [(label, value, value_format.format(value)) for label, value in bars]
    desc = "; ".join(
        f"{label}: {text}{' (lower is better)' if label in lower_is_better else ''}"
        for label, _, text in shown
    )
    height = BAR_ROW * len(bars) + 16 + (12 if lower_is_better else 0)
    parts = _open("bar", title, f"{desc}.", height)
    span = WIDTH - BAR_LABEL_WIDTH - PAD_RIGHT - 48  # leave room for the value text
    for i, (label, value, text) in enumerate(shown):
        y = 8 + BAR_ROW * i
        length = span * min(max(value, 0), max_value) / max_value if max_value else 0
        lower = label in lower_is_better
        parts.append(_text(BAR_LABEL_WIDTH - 8, y + 15, label, "chart-axis", "end"))
        if lower:
            parts.append(
                _text(BAR_LABEL_WIDTH - 8, y + 29, "lower is better", "chart-note", "end")
            )
        css, fill = ("chart-bar chart-bar-lower", "#8a4b00") if lower else ("chart-bar", "#1f5f8b")
        parts.append(
            f'<rect class="{css}" x="{BAR_LABEL_WIDTH}" y="{_num(y)}" '
            f'width="{_num(length)}" height="{BAR_ROW - 10}" fill="{fill}"/>'
        )
        parts.append(_text(BAR_LABEL_WIDTH + length + 6, y + 15, text, "chart-value", "start"))
    parts.append("</svg>")
    return "".join(parts)


SPARK_WIDTH, SPARK_HEIGHT, SPARK_PAD = 100, 24, 3


def sparkline(values: Sequence[float], *, y_max: float, title: str = "Recent levels") -> str:
    """A word-sized line of `values` (oldest first) for a table cell, with its numbers as text.

    Too small for axes, so the <desc> reads the values out and the last one is
    marked with a dot: that is the one a supervisor compares.
    """
    if not values:
        return ""
    desc = f"{title}, oldest first: {', '.join(_num(v) for v in values)} (of {_num(y_max)})."
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="sparkline" '
        f'viewBox="0 0 {SPARK_WIDTH} {SPARK_HEIGHT}" width="{SPARK_WIDTH}" '
        f'height="{SPARK_HEIGHT}" role="img"><title>{escape(desc)}</title>'
    ]
    step = (SPARK_WIDTH - 2 * SPARK_PAD) / max(len(values) - 1, 1)
    usable = SPARK_HEIGHT - 2 * SPARK_PAD
    coords = [
        (SPARK_PAD + step * i, SPARK_PAD + usable * (1 - min(max(v, 0), y_max) / y_max))
        for i, v in enumerate(values)
    ]
    path = " ".join(f"{_num(x)},{_num(y)}" for x, y in coords)
    parts.append(
        f'<polyline class="sparkline-path" points="{path}" fill="none" '
        'stroke="#1f5f8b" stroke-width="1.5"/>'
    )
    x, y = coords[-1]
    parts.append(
        f'<circle class="sparkline-dot" cx="{_num(x)}" cy="{_num(y)}" r="2.5" fill="#1f5f8b"/>'
    )
    parts.append("</svg>")
    return "".join(parts)
