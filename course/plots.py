"""Plot helpers shared by the weeks: cost curves, decision boundaries, image grids."""
from __future__ import annotations

from typing import Callable, Iterable, Sequence

import numpy as np
import matplotlib.pyplot as plt

from .i18n import tr

__all__ = ["plot_costs", "plot_decision_boundary", "show_images", "plot_curves", "use_japanese_font"]


def use_japanese_font() -> None:
    """Japanese labels without missing glyphs: IPAex Gothic, shipped by matplotlib-fontja."""
    import matplotlib_fontja
    matplotlib_fontja.japanize()


def plot_costs(costs: Sequence[float] | dict, every: int = 100, ax=None, title: str | None = None,
               ylabel: str | None = None, log: bool = False):
    """Cost curves: a list (one curve) or ``{label: costs}`` (several), one point every ``every``
    iterations. Default labels follow the course's language (course.i18n)."""
    ax = ax or plt.subplots(figsize=(5, 3.2))[1]
    curves = costs if isinstance(costs, dict) else {None: costs}
    for label, values in curves.items():
        values = np.squeeze(np.asarray(values, dtype=float))
        ax.plot(np.arange(len(values)) * every, values, label=label)
    ax.set_xlabel(tr("iteration", "反復回数") if every != 1 else tr("step", "ステップ"))
    ax.set_ylabel(tr("cost", "コスト") if ylabel is None else ylabel)
    ax.set_title(tr("Cost", "コスト") if title is None else title)
    if log:
        ax.set_yscale("log")
    if len(curves) > 1 or None not in curves:
        ax.legend()
    return ax


def plot_curves(curves: dict, xlabel: str | None = None, ylabel: str = "", title: str = "", ax=None):
    """Several named curves on one axis, e.g. ``{"train acc": [...], "test acc": [...]}``."""
    ax = ax or plt.subplots(figsize=(5, 3.2))[1]
    for label, values in curves.items():
        ax.plot(np.asarray(values, dtype=float), label=label)
    ax.set_xlabel(tr("epoch", "エポック") if xlabel is None else xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.legend()
    return ax


def plot_decision_boundary(predict: Callable[[np.ndarray], np.ndarray], X: np.ndarray,
                           Y: np.ndarray, ax=None, title: str = "", rows: bool = False,
                           resolution: int = 200):
    """Colour the plane by ``predict`` and scatter the points.

    Columns layout (default): ``X (2, m)``, ``Y (1, m)``, ``predict`` takes ``(2, k)``.
    With ``rows=True``: ``X (m, 2)``, ``Y (m,)``, ``predict`` takes ``(k, 2)``.
    """
    P = X.T if rows else X
    x_min, x_max = P[0].min() - 1, P[0].max() + 1
    y_min, y_max = P[1].min() - 1, P[1].max() + 1
    xx, yy = np.meshgrid(np.linspace(x_min, x_max, resolution), np.linspace(y_min, y_max, resolution))
    grid = np.c_[xx.ravel(), yy.ravel()]
    Z = np.asarray(predict(grid if rows else grid.T), dtype=float).reshape(xx.shape)
    ax = ax or plt.subplots(figsize=(4.5, 3.6))[1]
    ax.contourf(xx, yy, Z, cmap=plt.cm.Spectral, alpha=0.8)
    ax.scatter(P[0], P[1], c=np.ravel(Y), cmap=plt.cm.Spectral, s=12, edgecolors="k", linewidths=0.3)
    ax.set_title(title)
    ax.set_xticks([])
    ax.set_yticks([])
    return ax


def show_images(images: Iterable[np.ndarray], titles: Iterable[str] | None = None, ncols: int = 8,
                size: float = 1.2, cmap: str = "gray_r", suptitle: str = ""):
    """A grid of small images (e.g. 8×8 digits, or filters) with optional titles."""
    images = [np.asarray(im) for im in images]
    titles = list(titles) if titles is not None else [""] * len(images)
    n = max(len(images), 1)
    nrows = (n + ncols - 1) // ncols
    fig, axes = plt.subplots(nrows, ncols, figsize=(size * ncols, size * nrows * 1.15), squeeze=False)
    for ax in axes.ravel():
        ax.axis("off")
    for ax, im, t in zip(axes.ravel(), images, titles):
        ax.imshow(im, cmap=cmap)
        ax.set_title(t, fontsize=8)
    if suptitle:
        fig.suptitle(suptitle)
    fig.tight_layout()
    return fig
