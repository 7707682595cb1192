"""Given helpers for gradient checking (week 6), Coursera style (columns: ``X.shape == (n_x, m)``).

Gradient checking compares the gradients of a backward pass with a two-sided numerical
estimate. To perturb one parameter at a time it is convenient to see every parameter of the
3-layer model as one long column vector θ:

* :func:`dictionary_to_vector` — ``{"W1", "b1", ..., "b3"}`` → ``(theta (n, 1), shapes)``
* :func:`vector_to_dictionary` — ``(theta, shapes)`` → the parameters dict again
* :func:`gradients_to_vector` — ``{"dW1", "db1", ..., "db3"}`` → one ``(n, 1)`` column, in the
  same order as θ (the ``dZ*`` / ``dA*`` entries of a grads dict are ignored)

They only reshape, so they hold no week's answer. The function whose gradient is checked, the
cost of the 3-layer model (``forward_propagation_n``, ``backward_propagation_n``), is built on
week 3/4's ``compute_cost``: week 6 receives it in its ``given.py`` (``dlcourse given``).
"""
from __future__ import annotations

import numpy as np

from .i18n import tr

__all__ = ["PARAMETER_KEYS", "dictionary_to_vector", "vector_to_dictionary", "gradients_to_vector"]

PARAMETER_KEYS = ("W1", "b1", "W2", "b2", "W3", "b3")


def dictionary_to_vector(parameters):
    """Stack W1, b1, W2, b2, W3, b3 (in that order) into one column.

    Returns ``(theta, shapes)``: ``theta`` of shape ``(n, 1)`` with n the total number of
    parameters, and ``shapes`` the list of ``(key, shape)`` that :func:`vector_to_dictionary`
    needs to undo it.
    """
    shapes = [(key, parameters[key].shape) for key in PARAMETER_KEYS]
    theta = np.concatenate([np.reshape(parameters[key], (-1, 1)) for key in PARAMETER_KEYS], axis=0)
    return theta.astype(float), shapes


def vector_to_dictionary(theta, shapes):
    """Undo :func:`dictionary_to_vector`: ``theta (n, 1)`` → ``{"W1": ..., "b3": ...}`` (copies)."""
    parameters, start = {}, 0
    for key, shape in shapes:
        size = int(np.prod(shape))
        parameters[key] = np.array(theta[start:start + size]).reshape(shape)
        start += size
    if start != theta.shape[0]:
        raise ValueError(tr(f"theta has {theta.shape[0]} entries, the shapes need {start}",
                            f"theta の要素は {theta.shape[0]} 個ですが、shapes には {start} 個必要です"))
    return parameters


def gradients_to_vector(gradients):
    """Stack dW1, db1, dW2, db2, dW3, db3 into one ``(n, 1)`` column (the order of θ)."""
    return np.concatenate([np.reshape(gradients["d" + key], (-1, 1)) for key in PARAMETER_KEYS],
                          axis=0).astype(float)
