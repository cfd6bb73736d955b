"""Forest plot geometry shared by the window and the PDF report.

:func:`layout` turns a :class:`ForestInput` into a :class:`Drawing`: a display list of
lines, rectangles, polygons and texts in points (1/72 inch), origin top-left, y downwards.
Each renderer only paints the primitives (and passes its own font metrics as ``measure``),
so the plot in the window and the one in the report cannot drift apart.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

# A sober palette: dark navy marks, grey rules, a muted red criterion.
INK = "#1A1A1A"
MUTED = "#59636E"
NAVY = "#1F3A5F"
PI_COLOUR = "#7F93AD"
THRESHOLD_COLOUR = "#A23B2A"
SHADE = "#E8F0E8"
RULE = "#B4BAC1"

#: ``measure(text, size, bold)`` returns the width of ``text`` in points.
Measure = Callable[[str, float, bool], float]

_ELLIPSIS = "…"
_MIN_WIDTH_EM = 30.0  # narrowest drawing, in font sizes
_LABEL_SHARE = 0.35  # the label column takes at most this share of the width


@dataclass(frozen=True)
class ForestRow:
    """One study or data set: an estimate with its confidence interval.

    ``weight`` (a fraction 0..1) sizes the square, its area proportional to the weight;
    ``detail`` is shown at the right, e.g. ``"7/50"``.
    """

    label: str
    estimate: float
    low: float
    high: float
    weight: float | None = None
    detail: str = ""


@dataclass(frozen=True)
class ForestSummary:
    """The pooled estimate (a diamond) with an optional prediction interval."""

    label: str
    estimate: float
    low: float
    high: float
    pi_low: float | None = None
    pi_high: float | None = None


@dataclass(frozen=True)
class ForestInput:
    """Everything one forest plot shows.

    ``threshold`` is the acceptance criterion (a dashed vertical line); ``favourable_side``
    ("below" or "above"; ignored without a threshold) shades the side that meets it.
    With ``percent`` the values are fractions 0..1 shown as percentages, otherwise raw
    numbers in ``unit``.
    """

    title: str
    rows: tuple[ForestRow, ...]
    summary: ForestSummary | None = None
    threshold: float | None = None
    threshold_label: str = ""
    favourable_side: str | None = None
    percent: bool = True
    unit: str = ""
    axis_label: str = ""


@dataclass(frozen=True)
class Line:
    """A straight line; ``dash`` draws it dashed."""

    x1: float
    y1: float
    x2: float
    y2: float
    width: float = 0.75
    dash: bool = False
    colour: str = "#000000"


@dataclass(frozen=True)
class Rect:
    """A filled rectangle, ``(x, y)`` its top-left corner."""

    x: float
    y: float
    w: float
    h: float
    fill: str
    stroke: str | None = None


@dataclass(frozen=True)
class Polygon:
    """A filled closed polygon."""

    points: tuple[tuple[float, float], ...]
    fill: str
    stroke: str | None = None


@dataclass(frozen=True)
class Text:
    """A single line of text; ``y`` is the baseline, ``anchor`` start, middle or end."""

    x: float
    y: float
    text: str
    size: float
    anchor: str = "start"
    bold: bool = False
    colour: str = "#000000"


Item = Line | Rect | Polygon | Text


@dataclass(frozen=True)
class Drawing:
    """The laid-out plot: its size in points and the primitives in painting order."""

    width: float
    height: float
    items: tuple[Item, ...]


def estimate_width(text: str, size: float, bold: bool = False) -> float:
    """Return a conservative width estimate of ``text`` (the default ``measure``)."""
    return len(text) * size * (0.6 if bold else 0.55)


def text_box(item: Text, measure: Measure = estimate_width) -> tuple[float, float, float, float]:
    """Return ``(left, top, right, bottom)`` of a text's ink box, as the layout reserves it."""
    w = measure(item.text, item.size, item.bold)
    left = {"start": item.x, "middle": item.x - w / 2, "end": item.x - w}[item.anchor]
    return left, item.y - 0.78 * item.size, left + w, item.y + 0.24 * item.size


def fit_text(text: str, max_width: float, size: float, bold: bool, measure: Measure) -> str:
    """Return ``text``, cut and ended with "…" if it is wider than ``max_width``."""
    if measure(text, size, bold) <= max_width:
        return text
    lo, hi = 0, len(text)  # the longest prefix that fits lies in [lo, hi)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if measure(text[:mid].rstrip() + _ELLIPSIS, size, bold) <= max_width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + _ELLIPSIS if lo else ""


def layout(
    data: ForestInput,
    width: float,
    *,
    font_size: float = 8.0,
    measure: Measure | None = None,
) -> Drawing:
    """Lay out a forest plot ``width`` points wide; the height follows from the rows.

    A width narrower than the plot needs (about 30 font sizes plus the numbers column)
    is widened. Raise ValueError on NaN or infinite values, an interval whose low end is
    above its high end, an estimate outside its interval or an unknown favourable side.
    """
    _validate(data, width, font_size)
    return _Layout(data, width, font_size, measure or estimate_width).build()


def _validate(data: ForestInput, width: float, font_size: float) -> None:
    for name, value in (("width", width), ("font_size", font_size)):
        if not math.isfinite(value) or value <= 0:
            raise ValueError(f"{name} must be a positive number, not {value!r}")
    intervals = [(r.label, r.estimate, r.low, r.high) for r in data.rows]
    if data.summary is not None:
        s = data.summary
        intervals.append((s.label, s.estimate, s.low, s.high))
        if (s.pi_low is None) != (s.pi_high is None):
            raise ValueError("a prediction interval needs both ends")
        if s.pi_low is not None and s.pi_high is not None:
            intervals.append((f"{s.label} (prediction)", s.estimate, s.pi_low, s.pi_high))
    for label, est, low, high in intervals:
        if not all(math.isfinite(v) for v in (est, low, high)):
            raise ValueError(f"{label!r}: estimate and interval must be finite numbers")
        slack = 1e-9 * max(1.0, abs(low), abs(high))
        if not low - slack <= est <= high + slack:
            raise ValueError(f"{label!r}: the estimate {est} lies outside [{low}; {high}]")
    for row in data.rows:
        if row.weight is not None and not (math.isfinite(row.weight) and row.weight >= 0):
            raise ValueError(f"{row.label!r}: the weight must be a number >= 0")
    if data.threshold is not None and not math.isfinite(data.threshold):
        raise ValueError("the threshold must be a finite number")
    if data.favourable_side not in (None, "below", "above"):
        raise ValueError(
            f"favourable_side must be 'below' or 'above', not {data.favourable_side!r}"
        )


def _nice_steps(start: float) -> list[float]:
    """Return 1-2-5 steps from just below ``start`` upwards, four decades of them."""
    exp = math.floor(math.log10(start))
    return [m * 10.0 ** (exp + k) for k in range(5) for m in (1.0, 2.0, 5.0)]


def _num(value: float, decimals: int) -> str:
    text = f"{value:.{decimals}f}"
    return text[1:] if text.startswith("-") and float(text) == 0 else text


@dataclass(frozen=True)
class _Axis:
    """Axis from ``lo`` to ``hi`` (in shown units) drawn from ``x0`` to ``x1``."""

    lo: float
    hi: float
    step: float
    x0: float
    x1: float
    factor: float  # shown value = value * factor

    def x(self, value: float) -> float:
        """Return the x of a data value."""
        return self.x_shown(value * self.factor)

    def x_shown(self, shown: float) -> float:
        """Return the x of a value in shown units (a tick)."""
        return self.x0 + (shown - self.lo) / (self.hi - self.lo) * (self.x1 - self.x0)

    def ticks(self) -> list[float]:
        count = round((self.hi - self.lo) / self.step)
        return [self.lo + i * self.step for i in range(count + 1)]


class _Layout:
    """One layout pass: columns, axis, then the primitives from top to bottom."""

    def __init__(self, data: ForestInput, width: float, fs: float, measure: Measure) -> None:
        self.data = data
        self.fs = fs
        self.measure = measure
        self.margin = 0.75 * fs
        self.gap = 1.25 * fs
        self.row_h = 2.0 * fs
        self.items: list[Item] = []
        self.factor = 100.0 if data.percent else 1.0
        self.decimals = self._decimals()
        self.width = width
        self.top_weight = max((r.weight or 0.0 for r in data.rows), default=0.0)

    # -- text helpers ---------------------------------------------------------------------

    def w(self, text: str, bold: bool = False, size: float | None = None) -> float:
        return self.measure(text, size or self.fs, bold)

    def text(
        self,
        x: float,
        y: float,
        text: str,
        *,
        size: float | None = None,
        anchor: str = "start",
        bold: bool = False,
        colour: str = INK,
    ) -> None:
        self.items.append(Text(x, y, text, size or self.fs, anchor, bold, colour))

    def clamped_text(self, x: float, y: float, text: str, colour: str, anchor: str) -> None:
        """Add a text anchored at ``x`` but shifted (and cut) to stay inside the margins."""
        room = self.width - 2 * self.margin
        text = fit_text(text, room, self.fs, False, self.measure)
        tw = self.w(text)
        left = {"start": x, "middle": x - tw / 2, "end": x - tw}[anchor]
        left = min(max(left, self.margin), self.width - self.margin - tw)
        self.text(left, y, text, colour=colour)

    def baseline(self, centre: float) -> float:
        """Baseline that centres a line of text vertically on ``centre``."""
        return centre + 0.35 * self.fs

    # -- numbers --------------------------------------------------------------------------

    def _values(self) -> list[float]:
        d = self.data
        values = [v for r in d.rows for v in (r.low, r.high)]
        if d.summary is not None:
            values += [d.summary.low, d.summary.high]
        if d.threshold is not None:
            values.append(d.threshold)
        return [v * self.factor for v in values]

    def _decimals(self) -> int:
        values = self._values()
        span = max(values, default=1.0) - min(values, default=0.0)
        step = _nice_steps(span / 5)[0] if span > 0 else 1.0
        return max(1, 1 - math.floor(math.log10(step) + 1e-9))

    def interval(self, est: float | None, low: float, high: float) -> str:
        d, f = self.decimals, self.factor
        ci = f"[{_num(low * f, d)}; {_num(high * f, d)}]"
        if est is None:
            text = ci
        elif self.data.percent:
            text = f"{_num(est * f, d)} % {ci}"
        else:
            text = f"{_num(est * f, d)} {ci}"
        return f"{text} {self.data.unit}" if self.data.unit and not self.data.percent else text

    def tick_label(self, value: float, step: float) -> str:
        decimals = max(0, -math.floor(math.log10(step) + 1e-9))
        return f"{_num(value, decimals)} %" if self.data.percent else _num(value, decimals)

    # -- build ----------------------------------------------------------------------------

    def build(self) -> Drawing:
        if not self.data.rows:
            return self._no_data()
        self._columns()
        y = self._title(self.margin)
        y = self._header(y)
        rows_top = y
        marks: list[Item] = []
        texts_start = len(self.items)
        for row in self.data.rows:
            y = self._row(row, y, marks)
        y = self._summary(y, marks)
        axis_y = y + 0.5 * self.fs
        shading = self._shading(rows_top - 0.25 * self.fs, axis_y)
        threshold = self._threshold(rows_top, axis_y)
        # Shading under everything, then the criterion line, then the marks and texts.
        self.items[texts_start:texts_start] = shading + threshold + marks
        y = self._axis_drawing(axis_y)
        return Drawing(self.width, y + self.margin, tuple(self.items))

    def _no_data(self) -> Drawing:
        self.width = max(self.width, 12 * self.fs)
        y = self._title(self.margin)
        y += 1.5 * self.fs
        self.text(self.width / 2, y, "No data", anchor="middle", colour=MUTED)
        return Drawing(self.width, y + 0.5 * self.fs + self.margin, tuple(self.items))

    def _columns(self) -> None:
        d, fs = self.data, self.fs
        labels = [(r.label, False) for r in d.rows]
        numbers = [(self.interval(r.estimate, r.low, r.high), False) for r in d.rows]
        s = d.summary
        if s is not None:
            labels.append((s.label, True))
            numbers.append((self.interval(s.estimate, s.low, s.high), True))
            if s.pi_low is not None and s.pi_high is not None:
                labels.append(("Prediction interval", False))
                numbers.append((self.interval(None, s.pi_low, s.pi_high), False))
        label_w = max(self.w(t, b) for t, b in labels)
        number_w = max(self.w(t, b) for t, b in numbers)
        detail_w = max(self.w(r.detail) for r in d.rows)
        right_w = number_w + (self.gap + detail_w if detail_w else 0.0)
        min_plot = 12 * fs
        min_label = min(label_w, 6 * fs)
        needed = 2 * self.margin + min_label + 2 * self.gap + min_plot + right_w
        self.width = max(self.width, needed, _MIN_WIDTH_EM * fs)
        room = self.width - 2 * self.margin - 2 * self.gap - right_w - min_plot
        self.label_w = max(min(label_w, _LABEL_SHARE * self.width, room), min_label)
        self.numbers_x = self.width - self.margin - right_w
        self.plot_x0 = self.margin + self.label_w + self.gap
        self.plot_x1 = self.numbers_x - self.gap
        self.axis = self._nice_axis()
        # The first tick label is centred on the axis start: keep it inside the margin.
        first = self.w(self.tick_label(self.axis.lo, self.axis.step)) / 2
        if self.plot_x0 - first < self.margin:
            self.plot_x0 = self.margin + first
            self.axis = self._nice_axis()

    def _nice_axis(self) -> _Axis:
        """Choose axis ends and a 1-2-5 step whose tick labels have room to breathe."""
        values = self._values()
        s = self.data.summary
        lo, hi = min(values), max(values)
        if s is not None and s.pi_low is not None and s.pi_high is not None:
            # The prediction interval widens the axis by at most the span of the rest;
            # beyond that it is drawn with arrows.
            reach = max(hi - lo, 1e-12)
            lo = min(lo, max(s.pi_low * self.factor, lo - reach))
            hi = max(hi, min(s.pi_high * self.factor, hi + reach))
        data_lo, data_hi = lo, hi
        # A range too narrow to label (all values equal, or nearly) gets a padded axis:
        # tick labels with a dozen decimals would run into each other.
        if hi - lo <= 1e-4 * max(1.0, abs(lo)):
            pad = max(abs(lo) * 0.1, 1.0)
            lo, hi = lo - pad, hi + pad
        if self.data.percent:
            lo = max(lo, 0.0) if data_lo >= 0 else lo
            hi = min(hi, 100.0) if data_hi <= 100 else hi
        plot_w = self.plot_x1 - self.plot_x0
        candidates = [s for s in _nice_steps((hi - lo) / 12) if s <= hi - lo]
        for step in candidates:
            a = math.floor(lo / step + 1e-9) * step
            b = math.ceil(hi / step - 1e-9) * step
            spacing = plot_w * step / (b - a)
            widest = max(self.w(self.tick_label(a, step)), self.w(self.tick_label(b, step)))
            if spacing >= max(widest + self.fs, 3 * self.fs):
                break
        return _Axis(a, b, step, self.plot_x0, self.plot_x1, self.factor)

    def _title(self, y: float) -> float:
        if not self.data.title:
            return y
        size = 1.25 * self.fs
        title = fit_text(self.data.title, self.width - 2 * self.margin, size, True, self.measure)
        y += size
        self.text(self.margin, y, title, size=size, bold=True)
        return y + 0.6 * self.fs

    def _header(self, y: float) -> float:
        """The criterion's label above its line (or just a little air)."""
        d = self.data
        if d.threshold is None or not d.threshold_label:
            return y + 0.5 * self.fs
        y += 1.3 * self.fs
        x = self.axis.x(d.threshold)
        self.clamped_text(x, y, d.threshold_label, THRESHOLD_COLOUR, "middle")
        return y + 0.6 * self.fs

    def _whisker(self, low: float, high: float, yc: float, width: float, colour: str) -> list[Item]:
        """A horizontal interval, cut at the axis ends with an arrow head."""
        ax = self.axis
        x_low, x_high = ax.x(low), ax.x(high)
        items: list[Item] = [
            Line(max(x_low, ax.x0), yc, min(x_high, ax.x1), yc, width=width, colour=colour)
        ]
        head, half = 0.6 * self.fs, 0.3 * self.fs
        if x_low < ax.x0:
            tip = ((ax.x0, yc), (ax.x0 + head, yc - half), (ax.x0 + head, yc + half))
            items.append(Polygon(tip, colour))
        if x_high > ax.x1:
            tip = ((ax.x1, yc), (ax.x1 - head, yc - half), (ax.x1 - head, yc + half))
            items.append(Polygon(tip, colour))
        return items

    def _row_texts(self, label: str, numbers: str, detail: str, yc: float, bold: bool) -> None:
        base = self.baseline(yc)
        label = fit_text(label, self.label_w, self.fs, bold, self.measure)
        self.text(self.margin, base, label, bold=bold)
        self.text(self.numbers_x, base, numbers, bold=bold)
        if detail:
            self.text(self.width - self.margin, base, detail, anchor="end", colour=MUTED)

    def _row(self, row: ForestRow, y: float, marks: list[Item]) -> float:
        yc = y + self.row_h / 2
        marks += self._whisker(row.low, row.high, yc, 1.0, NAVY)
        side = self._square_side(row.weight)
        x = self.axis.x(row.estimate)
        marks.append(Rect(x - side / 2, yc - side / 2, side, side, NAVY))
        self._row_texts(
            row.label, self.interval(row.estimate, row.low, row.high), row.detail, yc, False
        )
        return y + self.row_h

    def _square_side(self, weight: float | None) -> float:
        """Side of a square whose area is proportional to its weight (relative to the largest)."""
        small, large = 0.45 * self.fs, 1.3 * self.fs
        if weight is None or self.top_weight <= 0:
            return 0.8 * self.fs
        return max(small, large * math.sqrt(weight / self.top_weight))

    def _summary(self, y: float, marks: list[Item]) -> float:
        s = self.data.summary
        if s is None:
            return y
        y += 0.3 * self.fs
        marks.append(Line(self.margin, y, self.width - self.margin, y, width=0.5, colour=RULE))
        yc = y + self.row_h / 2
        ax = self.axis
        x_low, x, x_high = ax.x(s.low), ax.x(s.estimate), ax.x(s.high)
        x_low, x_high = min(x_low, x - 1.0), max(x_high, x + 1.0)  # never invisible
        half = 0.45 * self.fs
        points = ((x_low, yc), (x, yc - half), (x_high, yc), (x, yc + half))
        marks.append(Polygon(points, NAVY, NAVY))
        self._row_texts(s.label, self.interval(s.estimate, s.low, s.high), "", yc, True)
        y += self.row_h
        if s.pi_low is None or s.pi_high is None:
            return y
        yc = y + self.row_h / 2
        marks += self._whisker(s.pi_low, s.pi_high, yc, 0.3 * self.fs, PI_COLOUR)
        self._row_texts(
            "Prediction interval", self.interval(None, s.pi_low, s.pi_high), "", yc, False
        )
        return y + self.row_h

    def _shading(self, top: float, bottom: float) -> list[Item]:
        d, ax = self.data, self.axis
        if d.threshold is None or d.favourable_side is None:
            return []
        x = ax.x(d.threshold)
        left, right = (ax.x0, x) if d.favourable_side == "below" else (x, ax.x1)
        if right - left <= 0:
            return []
        return [Rect(left, top, right - left, bottom - top, SHADE)]

    def _threshold(self, top: float, bottom: float) -> list[Item]:
        d = self.data
        if d.threshold is None:
            return []
        x = self.axis.x(d.threshold)
        return [
            Line(x, top - 0.25 * self.fs, x, bottom, width=1.0, dash=True, colour=THRESHOLD_COLOUR)
        ]

    def _axis_drawing(self, y: float) -> float:
        """Axis line, ticks with labels, the favourable side's label and the axis label."""
        ax, fs, d = self.axis, self.fs, self.data
        self.items.append(Line(ax.x0, y, ax.x1, y, width=0.75, colour=MUTED))
        tick = 0.4 * fs
        base = y + tick + 1.05 * fs
        for value in ax.ticks():
            x = ax.x_shown(value)
            self.items.append(Line(x, y, x, y + tick, width=0.75, colour=MUTED))
            self.text(x, base, self.tick_label(value, ax.step), anchor="middle", colour=MUTED)
        y = base
        if d.threshold is not None and d.favourable_side is not None:
            y += 1.5 * fs
            x = ax.x(d.threshold)
            if d.favourable_side == "below":
                self.clamped_text(x - 0.5 * fs, y, "meets the criterion", MUTED, "end")
            else:
                self.clamped_text(x + 0.5 * fs, y, "meets the criterion", MUTED, "start")
        label = d.axis_label or (d.unit if not d.percent else "")
        if label:
            y += 1.5 * fs
            self.clamped_text((ax.x0 + ax.x1) / 2, y, label, INK, "middle")
        return y + 0.3 * fs
