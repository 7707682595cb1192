"""Given Coursera-style helpers that no week grades (columns: ``X.shape == (n_x, m)``).

The one home of each (instructors and CI only): students receive them through
``source/<week>/given.py``, written by ``dlcourse given`` from the manifest
``autograder/given.py``, never through the installed ``course`` package, because they share
names with graded answers of weeks 1–4 (``sigmoid``/``relu`` return ``(A, cache)`` here;
``compute_cost`` is week 3/4's with an ``eps`` guard) and a student installs the package in
week 1.

* week 4: the activation helpers, which return ``(A, cache)``, and their backward passes;
* weeks 6 and 7: the 3-layer model LINEAR→RELU→LINEAR→RELU→LINEAR→SIGMOID, whose forward
  cache is the tuple ``(Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)``, and (week 6) the
  cost whose gradient is checked, ``forward_propagation_n`` / ``backward_propagation_n``.

The book-style nets built from earlier weeks' answers are in :mod:`.given_nets`.
"""
import numpy as np


# --------------------------------------------------------------------------- week 4: activations
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


# --------------------------------------------------------------------------- weeks 6–7: the 3-layer model
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


def predict(X, Y, parameters):
    """0/1 predictions (1, m); prints the accuracy as the Coursera helper does."""
    p = predict_dec(parameters, X)
    print(f"Accuracy: {np.mean(p == Y):.4f}")
    return p


def forward_propagation_n(X, Y, parameters):
    """Cost of the 3-layer model (LINEAR→RELU→LINEAR→RELU→LINEAR→SIGMOID) on ``X (n_x, m)``,
    ``Y (1, m)``. Returns ``(cost, cache)``; ``cache`` is what :func:`backward_propagation_n` needs."""
    A3, cache = forward_propagation(X, parameters)
    return compute_cost(A3, Y), cache


def backward_propagation_n(X, Y, cache):
    """Correct gradients of :func:`forward_propagation_n`'s cost (keys dZ*, dW*, db*, dA*)."""
    return backward_propagation(X, Y, cache)
