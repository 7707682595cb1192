"""Reference solutions, week 3: a shallow network — one hidden layer (Coursera C1W3 "Planar
data classification with one hidden layer"; book ch.3 activation functions, ch.4 numerical
differentiation, the gradient and gradient descent).

Columns layout: ``X (n_x, m)``, ``Y (1, m)``, ``W1 (n_h, n_x)``, ``b1 (n_h, 1)``,
``W2 (n_y, n_h)``, ``b2 (n_y, 1)``.
"""
import numpy as np


def sigmoid(z):
    """σ(z), elementwise (given in the notebook: written in week 1)."""
    return 1.0 / (1.0 + np.exp(-np.clip(z, -500, 500)))


# --------------------------------------------------------------------------- book ch.3, ch.4
def step_function(x):
    """1 where x > 0, else 0 (0 at x == 0, as the book); integers, same shape as x."""
    return np.array(np.asarray(x) > 0, dtype=np.int64)


def relu(x):
    """max(0, x), elementwise, same shape and a numeric dtype."""
    return np.maximum(0, x)


def numerical_diff(f, x, h=1e-4):
    """Central difference (f(x + h) − f(x − h)) / 2h."""
    return (f(x + h) - f(x - h)) / (2 * h)


def partial_derivatives(f, x, h=1e-4):
    """The gradient of f at the 1-D array x: ∂f/∂x_i = d/dt f(x + t e_i) at t = 0, by numerical_diff."""
    x = np.asarray(x, dtype=float)
    grad = np.zeros(x.shape)
    for i in range(x.size):
        e_i = np.zeros(x.shape)
        e_i[i] = 1.0
        grad[i] = numerical_diff(lambda t: f(x + t * e_i), 0.0, h)
    return grad


def gradient_descent(f, init_x, lr=0.01, step_num=100):
    """step_num steps x <- x − lr ∇f(x) from a copy of init_x; returns (x, path (step_num + 1, n))."""
    x = np.array(init_x, dtype=float)
    path = [x.copy()]
    for _ in range(step_num):
        x = x - lr * partial_derivatives(f, x)
        path.append(x.copy())
    return x, np.array(path)


# --------------------------------------------------------------------------- Coursera C1W3
def layer_sizes(X, Y):
    """X (n_x, m), Y (n_y, m) -> (n_x, n_h, n_y) with n_h = 4."""
    n_x = X.shape[0]
    n_h = 4
    n_y = Y.shape[0]
    return (n_x, n_h, n_y)


def initialize_parameters(n_x, n_h, n_y):
    """Small random weights (standard normal × 0.01), zero biases."""
    W1 = np.random.randn(n_h, n_x) * 0.01
    b1 = np.zeros((n_h, 1))
    W2 = np.random.randn(n_y, n_h) * 0.01
    b2 = np.zeros((n_y, 1))
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}


def forward_propagation(X, parameters):
    """LINEAR -> TANH -> LINEAR -> SIGMOID; returns (A2, cache) with cache Z1 A1 Z2 A2."""
    W1, b1, W2, b2 = (parameters[k] for k in ("W1", "b1", "W2", "b2"))
    Z1 = W1 @ X + b1
    A1 = np.tanh(Z1)
    Z2 = W2 @ A1 + b2
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def compute_cost(A2, Y):
    """Cross-entropy −(1/m) Σ [y log a + (1 − y) log(1 − a)] as a Python float."""
    m = Y.shape[1]
    logprobs = Y * np.log(A2) + (1 - Y) * np.log(1 - A2)
    return float(-np.sum(logprobs) / m)


def backward_propagation(parameters, cache, X, Y):
    """Gradients of the cost: dict dW1 db1 dW2 db2 (same shapes as W1 b1 W2 b2)."""
    m = X.shape[1]
    W2 = parameters["W2"]
    A1, A2 = cache["A1"], cache["A2"]
    dZ2 = A2 - Y
    dW2 = dZ2 @ A1.T / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dZ1 = (W2.T @ dZ2) * (1 - A1 ** 2)   # tanh'(z) = 1 − tanh(z)²
    dW1 = dZ1 @ X.T / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


def update_parameters(parameters, grads, learning_rate=1.2):
    """One gradient-descent step; a new dict (the input arrays are not modified)."""
    return {k: parameters[k] - learning_rate * grads["d" + k] for k in ("W1", "b1", "W2", "b2")}


def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False):
    """initialize_parameters, then num_iterations × (forward -> cost -> backward -> update)."""
    n_x, n_y = X.shape[0], Y.shape[0]
    parameters = initialize_parameters(n_x, n_h, n_y)
    for i in range(num_iterations):
        A2, cache = forward_propagation(X, parameters)
        cost = compute_cost(A2, Y)
        grads = backward_propagation(parameters, cache, X, Y)
        parameters = update_parameters(parameters, grads)
        if print_cost and i % 1000 == 0:
            print(f"Cost after iteration {i}: {cost:f}")
    return parameters


def predict(parameters, X):
    """(1, m) booleans: True where A2 > 0.5."""
    A2, _ = forward_propagation(X, parameters)
    return A2 > 0.5


def accuracy(parameters, X, Y):
    """The percentage (a float in [0, 100]) of the columns of X predicted as their label in Y."""
    return float(np.mean(predict(parameters, X) == Y)) * 100


# Concept questions: the notebook asks for these exact answers.
answer_nonlinearity = {2, 3}
answer_batch_shape = (50, 32)
answer_param_count = 17
answer_central_order = 4
answer_zero_init = 1
