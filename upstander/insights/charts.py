"""Charts drawn on the server as SVG: horizontal bars and lines over time. Pure: no Django.

Why our own ~200 lines rather than a library: the charts must read in greyscale and in print, so
series differ by pattern (solid, hatched, dotted) and by marker shape and dash, with every value
written beside its bar or point; suppressed counts must draw as a marked gap ("fewer than 5"), not
a bar of a guessed height; and nothing may load scripts. pygal (the SVG library on PyPI) differs
series by colour only, loads its tooltip script from a CDN unless told not to, and has no notion
of a hidden value; matplotlib would add tens of megabytes to every install for two chart types.

Every chart carries a text summary (the SVG's <desc>, and shown under it) and the rows of its data
table, which the template prints as a real table: the chart is never the only way to the figures.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from html import escape
from typing import Protocol

WIDTH = 640
PATTERNS = ("solid", "hatch", "dots")
INK = "#1b1b1b"
MARKERS = ("circle", "square", "triangle")
DASHES = ("", "6 4", "2 3")


class CellLike(Protocol):
    value: int | None

    @property
    def text(self) -> str: ...


@dataclass(frozen=True)
class Point:
    value: float | None
    text: str


def point(raw: object) -> Point:
    if raw is None:
        return Point(None, "no data")
    if isinstance(raw, int | float):
        return Point(float(raw), f"{raw:,}" if isinstance(raw, int) else f"{raw:,.1f}")
    value = getattr(raw, "value", None)
    return Point(None if value is None else float(value), str(getattr(raw, "text", value)))


@dataclass
class Series:
    name: str
    values: list[object]


@dataclass
class Chart:
    key: str
    title: str
    categories: list[str]
    series: list[Series]
    kind: str = "bar"  # "bar" or "line"
    unit: str = "cases"
    note: str = ""
    points: list[list[Point]] = field(init=False)

    def __post_init__(self) -> None:
        self.points = [[point(v) for v in s.values] for s in self.series]

    @property
    def is_empty(self) -> bool:
        return not any(p.value for row in self.points for p in row) and not any(
            p.value is None and p.text != "no data" for row in self.points for p in row
        )

    @property
    def rows(self) -> list[tuple[str, list[str]]]:
        """The data table: one row per category, one column per series."""
        return [(category, [row[i].text for row in self.points]) for i, category in enumerate(self.categories)]

    @property
    def summary(self) -> str:
        return summarise(self)

    @property
    def svg(self) -> str:
        return render_line(self) if self.kind == "line" else render_bars(self)


def summarise(chart: Chart) -> str:
    if chart.is_empty:
        return f"{chart.title}: nothing to show for this period."
    parts = []
    for series, row in zip(chart.series, chart.points, strict=True):
        known = [(p.value, chart.categories[i]) for i, p in enumerate(row) if p.value is not None]
        hidden = [chart.categories[i] for i, p in enumerate(row) if p.value is None and p.text != "no data"]
        prefix = f"{series.name}: " if len(chart.series) > 1 or chart.kind == "line" else ""
        if chart.kind == "line" and known:
            first, last = known[0], known[-1]
            top = max(known)
            text = f"{prefix}{_n(first[0])} in {first[1]}, {_n(last[0])} in {last[1]}; highest {_n(top[0])} in {top[1]}"
        elif known:
            ranked = sorted(known, key=lambda item: (-item[0], chart.categories.index(item[1])))
            text = prefix + "; ".join(f"{name} {_n(value)}" for value, name in ranked[:3] if value)
            text = text if text != prefix else f"{prefix}none"
        else:
            text = f"{prefix}no figures shown"
        if hidden:
            text += f" ({len(hidden)} not shown because the numbers are small)"
        parts.append(text)
    return f"{chart.title}. " + ". ".join(parts) + "."


def _n(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def _defs(key: str) -> str:
    return (
        f'<defs><pattern id="{key}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{INK}" stroke-width="2.5"/></pattern>'
        f'<pattern id="{key}-dots" width="5" height="5" patternUnits="userSpaceOnUse">'
        f'<rect width="5" height="5" fill="#fff"/><circle cx="2.5" cy="2.5" r="1.3" fill="{INK}"/></pattern>'
        f'<pattern id="{key}-gap" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(-45)">'
        f'<rect width="8" height="8" fill="#fff"/><line x1="0" y1="0" x2="0" y2="8" stroke="#767676" stroke-width="1"/>'
        "</pattern></defs>"
    )


def _fill(key: str, index: int) -> str:
    pattern = PATTERNS[index % len(PATTERNS)]
    return INK if pattern == "solid" else f"url(#{key}-{pattern})"


def _open(chart: Chart, height: int) -> str:
    key = escape(chart.key)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'class="chart" role="img" aria-labelledby="{key}-title {key}-desc" preserveAspectRatio="xMinYMin meet">'
        f'<title id="{key}-title">{escape(chart.title)}</title><desc id="{key}-desc">{escape(chart.summary)}</desc>'
        + _defs(key)
    )


def _legend(chart: Chart, y: int, *, line: bool) -> str:
    if len(chart.series) < 2 and not line:
        return ""
    parts, x = [], 8
    for index, series in enumerate(chart.series):
        if line:
            parts.append(_line_key(x, y, index))
        else:
            parts.append(
                f'<rect x="{x}" y="{y - 9}" width="18" height="12" fill="{_fill(escape(chart.key), index)}" '
                f'stroke="{INK}"/>'
            )
        parts.append(f'<text x="{x + 24}" y="{y + 1}" font-size="12">{escape(series.name)}</text>')
        x += 34 + 7 * len(series.name)
    return "".join(parts)


def render_bars(chart: Chart) -> str:
    key = escape(chart.key)
    label_width, bar_height, gap = 210, 16, 10
    groups = len(chart.series)
    top = 30 if groups > 1 else 8
    labels = [_wrap(category, 30) for category in chart.categories]
    rows = [max(groups * bar_height, len(lines) * LABEL_LINE) for lines in labels]
    height = top + sum(rows) + len(rows) * gap + 6
    known = [p.value for row in chart.points for p in row if p.value is not None]
    scale_max = max(known, default=0) or 1
    room = WIDTH - label_width - 110
    out = [_open(chart, height), _legend(chart, 16, line=False)]
    y = top
    for i, lines in enumerate(labels):
        first = y + rows[i] / 2 - (len(lines) - 1) * LABEL_LINE / 2 + 4
        spans = "".join(
            f'<tspan x="{label_width - 8}" y="{first + n * LABEL_LINE:.1f}">{escape(line)}</tspan>'
            for n, line in enumerate(lines)
        )
        out.append(f'<text text-anchor="end" font-size="12">{spans}</text>')
        y += (rows[i] - groups * bar_height) / 2  # the bars in the middle of a two-line label's row
        for s, row in enumerate(chart.points):
            p = row[i]
            if p.value is None:
                out.append(
                    f'<rect x="{label_width}" y="{y + 1}" width="60" height="{bar_height - 2}" fill="url(#{key}-gap)" '
                    f'stroke="#767676" stroke-dasharray="3 2"/>'
                    f'<text x="{label_width + 66}" y="{y + bar_height - 4}" font-size="11" font-style="italic">'
                    f"{escape(p.text)}</text>"
                )
            else:
                width = max(room * p.value / scale_max, 1 if p.value else 0)
                out.append(
                    f'<rect x="{label_width}" y="{y + 1}" width="{width:.1f}" height="{bar_height - 2}" '
                    f'fill="{_fill(key, s)}" stroke="{INK}" stroke-width="0.8"/>'
                    f'<text x="{label_width + width + 6:.1f}" y="{y + bar_height - 4}" font-size="12">{escape(p.text)}</text>'
                )
            y += bar_height
        y += (rows[i] - groups * bar_height) / 2 + gap
    out.append(f'<line x1="{label_width}" y1="{top - 2}" x2="{label_width}" y2="{y - gap + 2}" stroke="{INK}"/>')
    out.append("</svg>")
    return "".join(out)


def _marker(x: float, y: float, index: int) -> str:
    shape = MARKERS[index % len(MARKERS)]
    if shape == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{INK}"/>'
    if shape == "square":
        return (
            f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="#fff" stroke="{INK}" stroke-width="2"/>'
        )
    return f'<path d="M{x:.1f} {y - 5:.1f} L{x + 5:.1f} {y + 4:.1f} L{x - 5:.1f} {y + 4:.1f} Z" fill="{INK}"/>'


def _line_key(x: int, y: int, index: int) -> str:
    dash = DASHES[index % len(DASHES)]
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'<line x1="{x}" y1="{y - 3}" x2="{x + 18}" y2="{y - 3}" stroke="{INK}" stroke-width="2"{dash_attr}/>'
        + _marker(x + 9, y - 3, index)
    )


def render_line(chart: Chart) -> str:
    left, right, top, bottom = 44, 40, 34, 40
    plot_height = 200
    height = top + plot_height + bottom
    known = [p.value for row in chart.points for p in row if p.value is not None]
    scale_max = _nice(max(known, default=0))
    count = max(len(chart.categories), 1)
    step = (WIDTH - left - right) / max(count - 1, 1)
    out = [_open(chart, height), _legend(chart, 16, line=True)]
    for tick in range(5):
        value = scale_max * tick / 4
        y = top + plot_height - plot_height * tick / 4
        out.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{WIDTH - right}" y2="{y:.1f}" stroke="#b1b4b6" stroke-width="0.6"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11">{_n(value)}</text>'
        )
    every = max(1, count // 12)
    for i, category in enumerate(chart.categories):
        if i % every == 0:
            x = left + step * i
            out.append(
                f'<text x="{x:.1f}" y="{top + plot_height + 16}" text-anchor="middle" font-size="11">{escape(category)}</text>'
            )
    for s, row in enumerate(chart.points):
        dash = DASHES[s % len(DASHES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        segment: list[str] = []
        segments: list[list[str]] = []
        marks = []
        for i, p in enumerate(row):
            x = left + step * i
            if p.value is None:
                if segment:
                    segments.append(segment)
                segment = []
                if p.text != "no data":
                    marks.append(
                        f'<text x="{x:.1f}" y="{top + plot_height - 4}" text-anchor="middle" font-size="10" '
                        f'font-style="italic">&lt;5</text>'
                    )
                continue
            y = top + plot_height - plot_height * p.value / scale_max
            segment.append(f"{x:.1f},{y:.1f}")
            marks.append(_marker(x, y, s))
            if count <= 14:
                marks.append(
                    f'<text x="{x:.1f}" y="{y - 8 - 10 * s:.1f}" text-anchor="middle" font-size="10">{escape(p.text)}</text>'
                )
        if segment:
            segments.append(segment)
        for points in segments:
            out.append(
                f'<polyline points="{" ".join(points)}" fill="none" stroke="{INK}" stroke-width="2"{dash_attr}/>'
            )
        out.extend(marks)
    out.append(
        f'<line x1="{left}" y1="{top + plot_height}" x2="{WIDTH - right}" y2="{top + plot_height}" stroke="{INK}"/>'
    )
    out.append("</svg>")
    return "".join(out)


def _nice(value: float) -> float:
    """A round top for the y axis whose quarters are whole numbers."""
    for base in (4, 8, 12, 16, 20, 40, 60, 80, 100, 200, 400, 800, 1000, 2000, 4000, 8000, 10000, 20000):
        if value <= base:
            return base
    return float((int(value) // 4 + 1) * 4)


def _clip(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


LABEL_LINE = 14  # px between the lines of a wrapped bar label


def _wrap(text: str, length: int) -> list[str]:
    """A bar's label on one line, or two at word breaks (a third would be cut: the data table under
    the chart always has the whole label)."""
    lines = textwrap.wrap(text, length) or [""]
    if len(lines) > 2:
        lines = [lines[0], _clip(" ".join(lines[1:]), length)]
    return lines
