"""Reference solutions, week 6: initialisation, regularisation, gradient checking (Coursera
C2W1 "Initialization", "Regularization", "Gradient Checking"; book §6.2, §6.4)."""
import numpy as np

from course.gradcheck import dictionary_to_vector, gradients_to_vector, vector_to_dictionary

from .given_helpers import compute_cost, forward_propagation_n, relu, sigmoid


# --------------------------------------------------------------------------- 1 initialisation
def initialize_parameters_zeros(layers_dims):
    """W[l] = 0 (n[l], n[l-1]), b[l] = 0 (n[l], 1) for l = 1 .. L-1."""
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = np.zeros((layers_dims[l], layers_dims[l - 1]))
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


def initialize_parameters_random(layers_dims):
    """W[l] ~ N(0, 1) × 10 (as the course: deliberately too large), b[l] = 0."""
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * 10
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


def initialize_parameters_he(layers_dims):
    """W[l] ~ N(0, 1) × √(2 / n[l-1]) (He et al. 2015), b[l] = 0."""
    parameters = {}
    for l in range(1, len(layers_dims)):
        scale = np.sqrt(2.0 / layers_dims[l - 1])
        parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * scale
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


def initialize_parameters_xavier(layers_dims):
    """W[l] ~ N(0, 1) × √(1 / n[l-1]) (Xavier, as in the book and the lecture), b[l] = 0."""
    parameters = {}
    for l in range(1, len(layers_dims)):
        scale = np.sqrt(1.0 / layers_dims[l - 1])
        parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * scale
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters


# --------------------------------------------------------------------------- 2 L2 regularisation
def compute_cost_with_regularization(A3, Y, parameters, lambd):
    """Cross-entropy + (λ / 2m) Σ_l ‖W[l]‖²_F (biases are not regularised), a float."""
    m = Y.shape[1]
    cross_entropy_cost = compute_cost(A3, Y)
    squares = sum(np.sum(np.square(parameters[k])) for k in ("W1", "W2", "W3"))
    return float(cross_entropy_cost + lambd / (2 * m) * squares)


def backward_propagation_with_regularization(X, Y, cache, lambd):
    """Gradients of the L2-regularised cost: dW[l] gets + (λ/m) W[l]; db[l] unchanged."""
    m = X.shape[1]
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y
    dW3 = dZ3 @ A2.T / m + lambd / m * W3
    db3 = np.sum(dZ3, axis=1, keepdims=True) / m
    dA2 = W3.T @ dZ3
    dZ2 = dA2 * (A2 > 0)
    dW2 = dZ2 @ A1.T / m + lambd / m * W2
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dA1 = W2.T @ dZ2
    dZ1 = dA1 * (A1 > 0)
    dW1 = dZ1 @ X.T / m + lambd / m * W1
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    return {"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2, "dZ2": dZ2, "dW2": dW2, "db2": db2,
            "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}


# --------------------------------------------------------------------------- 3 dropout
def forward_propagation_with_dropout(X, parameters, keep_prob=0.5):
    """Inverted dropout on the two hidden layers (never on the output).

    Returns ``(A3, cache)`` with cache ``(Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)``;
    D1, D2 are 0/1 masks of the shapes of A1, A2.
    """
    W1, b1, W2, b2, W3, b3 = (parameters[k] for k in ("W1", "b1", "W2", "b2", "W3", "b3"))
    Z1 = W1 @ X + b1
    A1 = relu(Z1)[0]
    D1 = (np.random.rand(*A1.shape) < keep_prob).astype(int)
    A1 = A1 * D1 / keep_prob          # divide so that E[A1] is unchanged
    Z2 = W2 @ A1 + b2
    A2 = relu(Z2)[0]
    D2 = (np.random.rand(*A2.shape) < keep_prob).astype(int)
    A2 = A2 * D2 / keep_prob
    Z3 = W3 @ A2 + b3
    A3 = sigmoid(Z3)[0]
    return A3, (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)


def backward_propagation_with_dropout(X, Y, cache, keep_prob):
    """Backward pass through the same masks: dA[l] = dA[l] · D[l] / keep_prob."""
    m = X.shape[1]
    (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y
    dW3 = dZ3 @ A2.T / m
    db3 = np.sum(dZ3, axis=1, keepdims=True) / m
    dA2 = W3.T @ dZ3
    dA2 = dA2 * D2 / keep_prob
    dZ2 = dA2 * (A2 > 0)
    dW2 = dZ2 @ A1.T / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dA1 = W2.T @ dZ2
    dA1 = dA1 * D1 / keep_prob
    dZ1 = dA1 * (A1 > 0)
    dW1 = dZ1 @ X.T / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    return {"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2, "dZ2": dZ2, "dW2": dW2, "db2": db2,
            "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}


class Dropout:
    """The book's Dropout layer (§6.4.3), rows or any shape.

    Train: drop each unit with probability ``dropout_ratio`` (no rescaling).
    Test: keep every unit and multiply by ``1 − dropout_ratio`` (the expected fraction kept).
    """

    def __init__(self, dropout_ratio=0.5):
        self.dropout_ratio = dropout_ratio
        self.mask = None

    def forward(self, x, train_flg=True):
        if train_flg:
            self.mask = np.random.rand(*x.shape) > self.dropout_ratio
            return x * self.mask
        return x * (1.0 - self.dropout_ratio)

    def backward(self, dout):
        return dout * self.mask


# --------------------------------------------------------------------------- 4 gradient checking
def forward_propagation_1d(x, theta):
    """J(θ) = θ · x."""
    return theta * x


def backward_propagation_1d(x, theta):
    """dJ/dθ = x."""
    return x


def gradient_check(x, theta, epsilon=1e-7, print_msg=False):
    """Relative difference between backward_propagation_1d and the two-sided estimate."""
    J_plus = forward_propagation_1d(x, theta + epsilon)
    J_minus = forward_propagation_1d(x, theta - epsilon)
    gradapprox = (J_plus - J_minus) / (2 * epsilon)
    grad = backward_propagation_1d(x, theta)
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    difference = float(numerator / denominator)
    if print_msg:
        if difference > 2e-7:
            print(f"There is a mistake in the backward propagation! difference = {difference}")
        else:
            print(f"Your backward propagation works perfectly fine! difference = {difference}")
    return difference


def gradapprox_n(parameters, X, Y, epsilon=1e-7):
    """The two-sided estimate of d cost / dθ_i of forward_propagation_n, one parameter at a
    time, as a column (n, 1) in the order of dictionary_to_vector."""
    parameters_values, shapes = dictionary_to_vector(parameters)
    num_parameters = parameters_values.shape[0]
    gradapprox = np.zeros((num_parameters, 1))
    for i in range(num_parameters):
        theta_plus = np.copy(parameters_values)
        theta_plus[i] += epsilon
        J_plus, _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_plus, shapes))
        theta_minus = np.copy(parameters_values)
        theta_minus[i] -= epsilon
        J_minus, _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_minus, shapes))
        gradapprox[i] = (J_plus - J_minus) / (2 * epsilon)
    return gradapprox


def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    """Relative difference between ``gradients`` and the two-sided estimate of
    forward_propagation_n's cost (gradapprox_n)."""
    grad = gradients_to_vector(gradients)
    gradapprox = gradapprox_n(parameters, X, Y, epsilon)
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    difference = float(numerator / denominator)
    if print_msg:
        if difference > 2e-7:
            print(f"There is a mistake in the backward propagation! difference = {difference}")
        else:
            print(f"Your backward propagation works perfectly fine! difference = {difference}")
    return difference


# --------------------------------------------------------------------------- concept questions
answer_he_std = 0.2                 # √(2 / 50)
answer_zero_init_distinct = 1       # every hidden unit of a layer computes the same function
answer_gradcheck_choices = {2, 4}
answer_dropout_choices = {1, 3}
