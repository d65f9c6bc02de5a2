"""Charts as pictures for generated documents (issue 18, point 7: "the same figures as images in the
consolidated report's DOCX where the layout allows").

Drawn with matplotlib (the maintained plotting library of the Python world; its Agg backend renders
PNG without a display, and it ships DejaVu Sans, which has every Vietnamese glyph). Each call builds
its own `Figure` (no pyplot state), so requests drawing at once in the server's threads do not share
anything. The numbers a chart shows always go beside it as a table too (`decree30.figure_with_table`):
a picture alone cannot be read aloud, searched or copied.

Pure: labels and numbers in, PNG bytes out."""

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from io import BytesIO

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from thidua.documents.decree30 import vn_number

BAR = "#1f5fa8"  # one dark blue: readable printed in black and white
REFERENCE = "#c0392b"
DPI = 200  # sharp when printed at the report's 9 cm width


@dataclass(frozen=True)
class Bars:
    """One bar per label; `reference` draws a dashed line at that value (e.g. the commune's average)."""

    title: str
    labels: Sequence[str]
    values: Sequence[float]
    places: int = 0  # decimals printed on the bars (Vietnamese comma)
    suffix: str = ""  # "%" after each printed value
    reference: float | None = None
    reference_label: str = ""
    maximum: float | None = None  # the value axis' end (100 for percentages); None: from the data


def _short(label: str, width: int = 28) -> str:
    return label if len(label) <= width else label[: width - 1].rstrip() + "…"


def bar_chart(chart: Bars, *, width_mm: float = 95, bar_mm: float = 9) -> bytes:
    """Horizontal bars (labels stay readable however long, and the picture grows with their number)."""
    if len(chart.labels) != len(chart.values) or not chart.labels:
        raise ValueError("A chart needs one value per label, and at least one.")
    # Drawing takes 0.1-0.5 s and the same figures give the same picture: a report downloaded again
    # (or its preview, then the file) reuses it. Keyed by value, so a changed figure draws anew.
    return _drawn(replace(chart, labels=tuple(chart.labels), values=tuple(chart.values)), width_mm, bar_mm)


@lru_cache(maxsize=64)  # a few dozen PNGs of 20-60 kB
def _drawn(chart: Bars, width_mm: float, bar_mm: float) -> bytes:
    height_mm = 22 + bar_mm * len(chart.labels)
    figure = Figure(figsize=(width_mm / 25.4, height_mm / 25.4), dpi=DPI)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    positions = list(range(len(chart.labels)))
    axes.barh(positions, list(chart.values), color=BAR, height=0.6)
    axes.set_yticks(positions, [_short(label) for label in chart.labels], fontsize=7)
    axes.invert_yaxis()  # the first label on top, as in the table beside
    top = chart.maximum if chart.maximum is not None else max([*chart.values, 1]) * 1.18
    axes.set_xlim(0, top)
    axes.tick_params(axis="x", labelsize=6.5)
    if chart.places == 0:  # counts: whole ticks only (no "0 0 1 1" from rounded fractions)
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.xaxis.set_major_formatter(lambda x, _pos: vn_number(x, 0))
    for position, value in zip(positions, chart.values, strict=True):
        axes.text(
            value + top * 0.01,
            position,
            vn_number(value, chart.places) + chart.suffix,
            va="center",
            fontsize=6.5,
        )
    if chart.reference is not None:
        axes.axvline(chart.reference, color=REFERENCE, linestyle="--", linewidth=1)
        axes.text(
            chart.reference,
            -0.75,
            f"{chart.reference_label} {vn_number(chart.reference, chart.places)}{chart.suffix}",
            color=REFERENCE,
            fontsize=6.5,
            ha="center",
        )
    axes.set_title(chart.title, fontsize=8, fontweight="bold", pad=12 if chart.reference is not None else 6)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    figure.tight_layout()
    out = BytesIO()
    figure.savefig(out, format="png", dpi=DPI)
    return out.getvalue()
