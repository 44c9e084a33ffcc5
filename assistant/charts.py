"""The value vs feasibility chart of themes (matplotlib, no display needed)."""

from __future__ import annotations

import math
import textwrap
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import matplotlib_fontja  # noqa: F401 - registers IPAexGothic (shipped in the wheel) for Japanese labels
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, NullFormatter

# Matplotlib's text layout is not thread-safe; the web UI draws for many sessions at once.
_DRAW_LOCK = threading.Lock()


@dataclass(frozen=True)
class Point:
    label: str
    value_per_year: float | None
    feasibility: float
    currency: str | None = None


def value_feasibility_figure(points: list[Point], title: str, lang: str = "en") -> Any:
    """Feasibility on x, value per year on y (log scale); themes with unknown value sit on the floor."""
    # A bare Figure, not pyplot: pyplot's global state is not safe when many web sessions draw at once.
    fig = Figure(figsize=(6.4, 4.2), dpi=100)
    ax = fig.add_subplot()
    known = [p.value_per_year for p in points if p.value_per_year]
    floor = min(known) / 3 if known else 1.0
    for i, p in enumerate(points, start=1):
        y = p.value_per_year if p.value_per_year else floor
        ax.scatter(
            [p.feasibility * 100],
            [y],
            s=90,
            alpha=0.8,
            color="#d62728" if i == 1 else "#1f77b4",
            marker="o" if p.value_per_year else "x",
        )
        label = textwrap.shorten(p.label, 28, placeholder="…").replace("$", r"\$")  # "$" starts mathtext
        ax.annotate(f"{i}. {label}", (p.feasibility * 100, y), textcoords="offset points", xytext=(6, 4), fontsize=8)
    ax.set_xlim(0, 105)
    if known:
        ax.set_yscale("log")
        ax.set_ylim(floor / 2, max(known) * 3)
        # plain numbers on the axis, not mathtext powers of ten (clearer, and no mathtext parser involved)
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: _compact(v)))
        ax.yaxis.set_minor_formatter(NullFormatter())
    currency = next((p.currency for p in points if p.currency), "")
    ja = lang == "ja"
    ax.set_xlabel("実現性 (0-100)" if ja else "feasibility (0-100)")
    ax.set_ylabel(f"年間の価値 ({currency})" if ja else f"value per year ({currency})")
    ax.set_title(title.replace("$", r"\$"), fontsize=10)
    ax.axvline(50, color="#999", lw=0.6, ls="--")
    if known:
        ax.axhline(math.sqrt(min(known) * max(known)), color="#999", lw=0.6, ls="--")
    ax.grid(alpha=0.2)
    fig.tight_layout()
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
