"""Reference solutions, week 5: computational graphs and layer objects (book ch.4–5; rows layout).

The book's layers (Relu, Sigmoid, Affine, SoftmaxWithLoss, softmax, cross_entropy_error,
numerical_gradient, TwoLayerNet) have one home: ``course.nn``, which later weeks ship to
students as given code. This module re-exports them as the week's reference and adds what
``course.nn`` lacks: the two layers of the shopping graph, MulLayer and AddLayer.
"""
from course.nn import (  # noqa: F401 — re-exported: the reference of this week's exercises
    Affine, Relu, Sigmoid, SoftmaxWithLoss, TwoLayerNet, cross_entropy_error, numerical_gradient,
    softmax,
)


class MulLayer:
    """out = x · y (numbers or arrays of the same shape); backward swaps the inputs."""

    def __init__(self):
        self.x = None
        self.y = None

    def forward(self, x, y):
        self.x, self.y = x, y
        return x * y

    def backward(self, dout):
        # ∂(xy)/∂x = y and ∂(xy)/∂y = x: each input's gradient is dout times the *other* input.
        return dout * self.y, dout * self.x


class AddLayer:
    """out = x + y; backward passes dout unchanged to both inputs."""

    def __init__(self):
        pass

    def forward(self, x, y):
        return x + y

    def backward(self, dout):
        return dout * 1, dout * 1


# Concept questions: the notebook asks for these exact answers.
answer_affine_shape = (32, 50)
answer_optimised = {3, 4}
answer_squared_error = {1, 3}
answer_log_delta = {1, 3}
answer_softmax_max = {1, 2}
