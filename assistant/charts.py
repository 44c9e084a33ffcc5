"""The value vs feasibility chart of themes (matplotlib, no display needed): numbered points and a key."""

from __future__ import annotations

import math
import textwrap
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Matplotlib's text layout is not thread-safe; the web UI draws for many sessions at once.
_DRAW_LOCK = threading.Lock()
_TOP, _OTHER = "#d62728", "#1f77b4"
# Where the value axis spans when no theme has a value yet: a plausible yearly range per currency.
_DEFAULT_RANGE = {"JPY": (1e5, 1e8)}
_WORDS = {
    "en": {
        "x": "feasibility (0-100)",
        "y": "value per year",
        "unknown": "value\nunknown",
        "known": "value from the interview",
        "unknown_legend": "value not known yet",
        "top": "top-ranked theme",
        "none": "no value known yet",
    },
    "ja": {
        "x": "実現性 (0-100)",
        "y": "年間の価値",
        "unknown": "価値\n未確定",
        "known": "面談から算出した価値",
        "unknown_legend": "価値が未確定",
        "top": "1位のテーマ",
        "none": "まだ価値が分かっていません",
    },
}


@dataclass(frozen=True)
class Point:
    label: str
    value_per_year: float | None
    feasibility: float
    currency: str | None = None


def _plain(text: str) -> str:
    """Text as drawn, never as mathtext ("$" starts a formula in matplotlib)."""
    return text.replace("\\", "\\\\").replace("$", r"\$")


def value_axis(values: list[float], currency: str | None) -> tuple[float, float]:
    """Whole decades around the known values, at least two, so one point does not fill a 0.96-1.04 axis."""
    if not values:
        return _DEFAULT_RANGE.get(currency or "", (1e3, 1e6))
    # a third of a decade of margin, so a point is never drawn on the frame
    low = math.floor(math.log10(min(values)) - 0.3)
    high = math.ceil(math.log10(max(values)) + 0.3)
    if high - low < 2:
        low, high = low - 1, high + 1
    return 10.0**low, 10.0**high


def _key(points: list[Point], lang: str) -> list[str]:
    width = 38 if lang == "ja" else 70
    return [f"{i}. {textwrap.shorten(p.label, width, placeholder='…')}" for i, p in enumerate(points, start=1)]


def _draw_points(ax: Any, band: Any, points: list[Point]) -> None:
    for i, p in enumerate(points, start=1):
        color = _TOP if i == 1 else _OTHER
        x = min(max(p.feasibility * 100, 2), 98)  # keep the marker and its number inside the frame
        target, y = (ax, p.value_per_year) if p.value_per_year else (band, 0.5)
        marker = "o" if p.value_per_year else "x"
        target.scatter([x], [y], s=160 if marker == "o" else 90, color=color, marker=marker, alpha=0.85, zorder=3)
        dx = -10 if x > 90 else 10  # the number goes left near the right edge, so it stays in the plot
        target.annotate(
            str(i), (x, y), textcoords="offset points", xytext=(dx, 0), ha="center", va="center", fontsize=9
        )


def _legend(fig: Any, lang: str) -> None:
    from matplotlib.lines import Line2D

    w = _WORDS["ja" if lang == "ja" else "en"]
    handles = [
        Line2D([], [], marker="o", ls="", color=_OTHER, label=w["known"]),
        Line2D([], [], marker="x", ls="", color=_OTHER, label=w["unknown_legend"]),
        Line2D([], [], marker="o", ls="", color=_TOP, label=w["top"]),
    ]
    fig.legend(handles=handles, loc="upper center", ncol=3, fontsize=8, frameon=False, bbox_to_anchor=(0.5, 0.94))


def value_feasibility_figure(points: list[Point], title: str, lang: str = "en") -> Any:
    """Feasibility on x, value per year on y (log, whole decades); unknown values in their own band below."""
    import matplotlib_fontja  # noqa: F401 - registers IPAexGothic (shipped in the wheel) for Japanese labels
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter, NullFormatter

    w = _WORDS["ja" if lang == "ja" else "en"]
    key = _key(points, lang)
    # A bare Figure, not pyplot: pyplot's global state is not safe when many web sessions draw at once.
    fig = Figure(figsize=(6.4, 4.4 + 0.2 * len(key)), dpi=100)
    ax, band = fig.subplots(2, 1, sharex=True, gridspec_kw={"height_ratios": [5, 1], "hspace": 0.08})
    known = [p.value_per_year for p in points if p.value_per_year]
    currency = next((p.currency for p in points if p.currency), "JPY" if lang == "ja" and not known else None)
    ax.set_yscale("log")
    ax.set_ylim(*value_axis(known, currency))
    # plain numbers on the axis, not mathtext powers of ten (clearer, and no mathtext parser involved)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: _compact(v)))
    ax.yaxis.set_minor_formatter(NullFormatter())
    ax.set_xlim(0, 100)
    ax.set_ylabel(f"{w['y']} ({currency})" if currency else w["y"])
    ax.axvline(50, color="#999", lw=0.6, ls="--")
    ax.grid(alpha=0.2)
    if not known:
        ax.text(50, math.sqrt(ax.get_ylim()[0] * ax.get_ylim()[1]), w["none"], ha="center", color="#777")
    band.set_ylim(0, 1)
    band.set_yticks([0.5], [w["unknown"]], fontsize=8)
    band.set_facecolor("#f4f4f4")
    band.set_xlabel(w["x"])
    _draw_points(ax, band, points)
    fig.suptitle(_plain(title), fontsize=11, y=0.99)
    _legend(fig, lang)
    bottom = (0.62 + 0.15 * len(key)) / (4.4 + 0.2 * len(key))
    fig.subplots_adjust(left=0.14, right=0.97, top=0.86, bottom=bottom)
    fig.text(0.02, 0.01, _plain("\n".join(key)), fontsize=8, va="bottom", ha="left")
    return fig


def _compact(v: float) -> str:
    for scale, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if v >= scale:
            return f"{v / scale:g}{suffix}"
    return f"{v:g}"


def save_chart(points: list[Point], path: Path, title: str, lang: str = "en") -> Path:
    """PNG or SVG by the file's suffix."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with _DRAW_LOCK:
        fig = value_feasibility_figure(points, title, lang)
        fig.savefig(path, format=path.suffix.lstrip(".") or "png")
    return path
