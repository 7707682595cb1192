"""Student-facing helpers for the deep-learning-from-scratch course.

- :mod:`course.checks` — the checks behind every visible test, with messages that explain.
- :mod:`course.data`   — offline data sets (scikit-learn's bundled digits, 2-D sets made in code).
- :mod:`course.plots`  — cost curves, decision boundaries, image grids.
"""
__version__ = "0.1.0"
