"""Plots with fonts that render Chinese and Korean (no tofu boxes): counts or rates over groups."""

from __future__ import annotations

from contextlib import suppress
from functools import lru_cache
from pathlib import Path

import pandas as pd

from policytext.errors import PolicytextError
from policytext.grouping import label_sort_key as group_sort_key

_CJK_FONTS = ("Noto Sans CJK KR", "Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Sans CJK TC", "NanumGothic",
              "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "Source Han Sans KR", "Droid Sans Fallback")  # fmt: skip


def packaged_cjk_font_path() -> Path:
    """The Noto Sans CJK collection shipped by the ``noto-cjk-sans-otc`` dependency (OFL), so plots and the
    HTML report need no system font."""
    import noto_cjk_sans_otc

    return Path(str(noto_cjk_sans_otc.FONT_PATH))


@lru_cache(maxsize=1)
def cjk_font() -> str:
    """The name of a font covering Chinese and Korean: the packaged Noto Sans CJK (registered with matplotlib
    on first use), else an installed one; a clear error when there is none."""
    from matplotlib import font_manager

    with suppress(ImportError, OSError, RuntimeError):  # package missing or unreadable: fall back to system fonts
        font_manager.fontManager.addfont(str(packaged_cjk_font_path()))
    installed = {f.name for f in font_manager.fontManager.ttflist}
    for name in _CJK_FONTS:
        if name in installed:
            return name
    raise PolicytextError(
        "no font with Chinese and Korean glyphs is available, so labels would render as boxes: reinstall "
        "policytext (its dependency noto-cjk-sans-otc ships Noto Sans CJK) or install one "
        "(Debian/Ubuntu: apt-get install fonts-noto-cjk) and run again"
    )


def trend_plot(counts: pd.DataFrame, path: str | Path, value: str = "count", title: str | None = None) -> Path:
    """Line plot of ``value`` (count or rate_per_10k) per group for each term of a count table."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    if value not in ("count", "rate_per_10k"):
        raise PolicytextError(f"--value must be count or rate_per_10k, not {value!r}")
    font = cjk_font()
    plt.rcParams["font.family"] = [font, "DejaVu Sans"]
    groups = sorted(set(counts["group"]), key=group_sort_key)
    numeric = all(group_sort_key(g)[0] == 0 for g in groups)
    yearly = numeric and all(float(g).is_integer() for g in groups)
    if yearly:  # years: a real axis, and a year with no document is a gap in the line, not a zero
        ints = [int(float(g)) for g in groups]
        axis = [str(y) for y in range(min(ints), max(ints) + 1)]
        xs = [float(g) for g in axis]
    else:
        axis = groups
        xs = [float(g) for g in groups] if numeric else [float(i) for i in range(len(groups))]
    fig, ax = plt.subplots(figsize=(min(14.0, max(6.0, 0.3 * len(groups) + 3)), 4.5), dpi=120)
    for key, sub in counts.groupby("term_or_concept", sort=False):
        by_group = sub.assign(group=[str(int(float(g))) if yearly else g for g in sub["group"]]).set_index("group")
        series = by_group[value].reindex(axis)
        ax.plot(xs, series.to_numpy(dtype=float), marker="o", markersize=3, label=str(key))
    if not numeric:
        ax.set_xticks(xs, axis, rotation=60 if len(groups) > 12 else 0, fontsize=8)
    rule = str(counts["rule"].iloc[0]) if len(counts) else ""
    ax.set_ylabel("mentions" if value == "count" else "mentions per 10,000 characters")
    ax.set_title(title or f"{value} by group (rule: {rule})")
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    fig.tight_layout()
    out = Path(path)
    fig.savefig(out)
    plt.close(fig)
    return out


def target_plot(table: pd.DataFrame, path: str | Path, title: str | None = None) -> Path:
    """Target (with its range or bound) against outcome per year, from a ``target_table``."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams["font.family"] = [cjk_font(), "DejaVu Sans"]
    years = table["year"].astype(float).to_numpy()
    fig, ax = plt.subplots(figsize=(min(14.0, max(6.0, 0.25 * len(years) + 3)), 4.5), dpi=120)
    target = pd.to_numeric(table["target"], errors="coerce").to_numpy(dtype=float)
    high = pd.to_numeric(table["target_high"], errors="coerce").fillna(table["target"]).to_numpy(dtype=float)
    ax.plot(years, target, marker="s", markersize=4, linestyle="--", label="target (report of the year)")
    ax.vlines(years, target, high, colors="C0", alpha=0.6)
    outcome = pd.to_numeric(table["outcome"], errors="coerce").to_numpy(dtype=float)
    ax.plot(years, outcome, marker="o", markersize=4, label="outcome (report of the next year)")
    ind = str(table["indicator"].iloc[0]) if len(table) else ""
    ax.set_title(title or f"{ind}: target vs outcome (gaps = not stated, not found or no report)")
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    fig.tight_layout()
    out = Path(path)
    fig.savefig(out)
    plt.close(fig)
    return out


def share_plot(shares: pd.DataFrame, path: str | Path, value: str = "share", title: str | None = None) -> Path:
    """Stacked bars: the share of units (or characters) per policy area in each group."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams["font.family"] = [cjk_font(), "DejaVu Sans"]
    pivot = shares.pivot_table(index="group", columns="area", values=value, sort=False, fill_value=0)
    pivot = pivot.loc[sorted(pivot.index, key=group_sort_key)]
    fig, ax = plt.subplots(figsize=(min(14.0, max(6.0, 0.35 * len(pivot) + 4)), 5), dpi=120)
    bottom = None
    cmap = plt.get_cmap("tab20")
    for i, area in enumerate(pivot.columns):
        vals = pivot[area].to_numpy(dtype=float)
        ax.bar(range(len(pivot)), vals, bottom=bottom, label=str(area), color=cmap(i % 20))
        bottom = vals if bottom is None else bottom + vals
    ax.set_xticks(range(len(pivot)), [str(g) for g in pivot.index], rotation=60 if len(pivot) > 12 else 0, fontsize=8)
    ax.set_ylabel("share of units" if value == "share" else "share of characters")
    ax.set_title(title or "policy-area shares by group")
    ax.legend(fontsize=7, ncol=1, bbox_to_anchor=(1.01, 1), loc="upper left")
    fig.tight_layout()
    out = Path(path)
    fig.savefig(out)
    plt.close(fig)
    return out
