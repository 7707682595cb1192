"""Given code for week 6 (w06_init_regularization_gradcheck): use it (and read it), do not edit it.
第 6 週で配布するコード（これまでの週の解答と、採点されない補助関数）です。
自由に使って読んでかまいませんが、編集しないでください。

It holds answers of earlier weeks (each released only after the week that grades it) and helpers
that no week grades:

* answers of week 5 (w05_backprop_layers), released with week 6: ``numerical_gradient``
* given helpers (graded in no week in this form): ``sigmoid``, ``relu``,
  ``initialize_parameters``, ``forward_propagation``, ``backward_propagation``,
  ``compute_cost``, ``predict_dec``, ``accuracy``, ``forward_propagation_n``,
  ``backward_propagation_n``

Generated from the reference solutions by ``dlcourse given``; do not edit (the next
generation overwrites it, and grading uses the course's own copy).
"""
import numpy as np

__all__ = ['accuracy', 'backward_propagation', 'backward_propagation_n', 'compute_cost',
           'forward_propagation', 'forward_propagation_n', 'initialize_parameters',
           'numerical_gradient', 'predict_dec', 'relu', 'sigmoid']


# -------------------- answers of week 5 (w05_backprop_layers), released with week 6

def numerical_gradient(f, x, h: float = 1e-4):
    """Central-difference gradient of f() with respect to every element of x (any shape).

    ``f`` takes x (the array itself) and returns a number; x is restored afterwards.
    """
    grad = np.zeros_like(x, dtype=float)
    it = np.nditer(x, flags=["multi_index"], op_flags=["readwrite"])
    while not it.finished:
        idx = it.multi_index
        tmp = x[idx]
        x[idx] = tmp + h
        fxh1 = f(x)
        x[idx] = tmp - h
        fxh2 = f(x)
        grad[idx] = (fxh1 - fxh2) / (2 * h)
        x[idx] = tmp
        it.iternext()
    return grad


# -------------------- given helpers (graded in no week in this form)

def sigmoid(Z):
    """Z: any shape -> (A, cache) with A = σ(Z) and cache = Z."""
    A = 1.0 / (1.0 + np.exp(-np.clip(Z, -500, 500)))
    return A, Z


def relu(Z):
    """Z: any shape -> (A, cache) with A = max(0, Z) and cache = Z."""
    return np.maximum(0, Z), Z


def initialize_parameters(layer_dims, seed: int = 3):
    """He-initialised weights ``W[l] (n[l], n[l-1])`` and zero biases ``b[l] (n[l], 1)``."""
    rng = np.random.RandomState(seed)
    params = {}
    for l in range(1, len(layer_dims)):
        params[f"W{l}"] = rng.randn(layer_dims[l], layer_dims[l - 1]) * np.sqrt(2.0 / layer_dims[l - 1])
        params[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return params


def forward_propagation(X, parameters):
    """3-layer forward pass -> (A3 (1, m), cache (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3))."""
    W1, b1, W2, b2, W3, b3 = (parameters[k] for k in ("W1", "b1", "W2", "b2", "W3", "b3"))
    Z1 = W1 @ X + b1
    A1 = relu(Z1)[0]
    Z2 = W2 @ A1 + b2
    A2 = relu(Z2)[0]
    Z3 = W3 @ A2 + b3
    A3 = sigmoid(Z3)[0]
    return A3, (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)


def backward_propagation(X, Y, cache):
    """Gradients of the cross-entropy cost of the 3-layer model (keys dZ*, dW*, db*, dA*)."""
    m = X.shape[1]
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y
    dW3 = dZ3 @ A2.T / m
    db3 = np.sum(dZ3, axis=1, keepdims=True) / m
    dA2 = W3.T @ dZ3
    dZ2 = dA2 * (A2 > 0)
    dW2 = dZ2 @ A1.T / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dA1 = W2.T @ dZ2
    dZ1 = dA1 * (A1 > 0)
    dW1 = dZ1 @ X.T / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    return {"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2, "dZ2": dZ2, "dW2": dW2, "db2": db2,
            "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}


def compute_cost(A3, Y):
    """Mean binary cross-entropy of predictions A3 (1, m) against labels Y (1, m), a float."""
    m = Y.shape[1]
    eps = 1e-12  # keeps log finite when a prediction saturates at exactly 0 or 1
    logprobs = Y * np.log(A3 + eps) + (1 - Y) * np.log(1 - A3 + eps)
    return float(-np.sum(logprobs) / m)


def predict_dec(parameters, X):
    """0/1 predictions of the 3-layer model, shape (1, m) (for decision-boundary plots)."""
    A3, _ = forward_propagation(X, parameters)
    return (A3 > 0.5).astype(int)


def accuracy(parameters, X, Y) -> float:
    """Fraction of examples the 3-layer model classifies correctly."""
    return float(np.mean(predict_dec(parameters, X) == Y))


def forward_propagation_n(X, Y, parameters):
    """Cost of the 3-layer model (LINEAR→RELU→LINEAR→RELU→LINEAR→SIGMOID) on ``X (n_x, m)``,
    ``Y (1, m)``. Returns ``(cost, cache)``; ``cache`` is what :func:`backward_propagation_n` needs."""
    A3, cache = forward_propagation(X, parameters)
    return compute_cost(A3, Y), cache


def backward_propagation_n(X, Y, cache):
    """Correct gradients of :func:`forward_propagation_n`'s cost (keys dZ*, dW*, db*, dA*)."""
    return backward_propagation(X, Y, cache)
