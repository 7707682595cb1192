"""Given code for week 4 (w04_deep_network): use it (and read it), do not edit it.
第 4 週で配布するコード（採点されない補助関数）です。
自由に使って読んでかまいませんが、編集しないでください。

It holds helpers that no week grades:

* given helpers (graded in no week in this form): ``sigmoid``, ``relu``, ``sigmoid_backward``,
  ``relu_backward``

Generated from the reference solutions by ``dlcourse given``; do not edit (the next
generation overwrites it, and grading uses the course's own copy).
"""
import numpy as np

__all__ = ['relu', 'relu_backward', 'sigmoid', 'sigmoid_backward']


# -------------------- given helpers (graded in no week in this form)

def sigmoid(Z):
    """Z: any shape -> (A, cache) with A = σ(Z) and cache = Z."""
    A = 1.0 / (1.0 + np.exp(-np.clip(Z, -500, 500)))
    return A, Z


def relu(Z):
    """Z: any shape -> (A, cache) with A = max(0, Z) and cache = Z."""
    return np.maximum(0, Z), Z


def sigmoid_backward(dA, cache):
    """dA: gradient of the cost w.r.t. A; cache: Z -> dZ = dA · σ(Z)(1 − σ(Z))."""
    s = 1.0 / (1.0 + np.exp(-np.clip(cache, -500, 500)))
    return dA * s * (1 - s)


def relu_backward(dA, cache):
    """dA: gradient w.r.t. A; cache: Z -> dZ = dA where Z > 0, else 0."""
    dZ = np.array(dA, copy=True)
    dZ[cache <= 0] = 0
    return dZ
