"""Reference solutions, week 2: logistic regression as a neural network (Coursera C1W2
"Logistic Regression with a Neural Network mindset"), on digits 1 vs 8."""
import copy

import numpy as np


def sigmoid(z):
    """σ(z), elementwise, any shape; written without overflow (the notebook asks for the plain formula)."""
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def initialize_with_zeros(dim):
    """w: zeros of shape (dim, 1); b: the float 0.0."""
    w = np.zeros((dim, 1))
    b = 0.0
    return w, b


def propagate(w, b, X, Y):
    """Forward and backward pass of logistic regression.

    w (n_x, 1), b float, X (n_x, m), Y (1, m) → (grads {"dw" (n_x, 1), "db" float}, cost float).
    """
    m = X.shape[1]
    A = sigmoid(w.T @ X + b)                                              # (1, m)
    cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
    dw = X @ (A - Y).T / m                                                # (n_x, 1)
    db = np.sum(A - Y) / m
    grads = {"dw": dw, "db": float(db)}
    return grads, float(np.squeeze(cost))


def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    """Gradient descent; costs recorded when i % 100 == 0. → (params, grads, costs)."""
    w = copy.deepcopy(w)
    b = copy.deepcopy(b)
    costs = []
    grads = None
    for i in range(num_iterations):
        grads, cost = propagate(w, b, X, Y)
        w = w - learning_rate * grads["dw"]
        b = b - learning_rate * grads["db"]
        if i % 100 == 0:
            costs.append(cost)
            if print_cost:
                print(f"Cost after iteration {i}: {cost:f}")
    params = {"w": w, "b": b}
    return params, grads, costs


def predict(w, b, X):
    """(1, m) array of 0./1.: 1 where σ(wᵀx + b) > 0.5."""
    m = X.shape[1]
    A = sigmoid(w.T @ X + b)
    Y_prediction = (A > 0.5).astype(float)
    assert Y_prediction.shape == (1, m)
    return Y_prediction


def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):
    """Initialise, optimise on the training set, predict both sets; return a dict."""
    w, b = initialize_with_zeros(X_train.shape[0])
    params, grads, costs = optimize(w, b, X_train, Y_train, num_iterations, learning_rate, print_cost)
    w, b = params["w"], params["b"]
    Y_prediction_test = predict(w, b, X_test)
    Y_prediction_train = predict(w, b, X_train)
    if print_cost:
        print(f"train accuracy: {100 - np.mean(np.abs(Y_prediction_train - Y_train)) * 100:.1f} %")
        print(f"test accuracy: {100 - np.mean(np.abs(Y_prediction_test - Y_test)) * 100:.1f} %")
    return {"costs": costs, "Y_prediction_test": Y_prediction_test,
            "Y_prediction_train": Y_prediction_train, "w": w, "b": b,
            "learning_rate": learning_rate, "num_iterations": num_iterations}


# Concept questions: the notebook asks for these exact answers.
answer_flatten = {1, 4}
answer_z_shape = (1, 107)
answer_learning_rate = {1, 2, 4}
