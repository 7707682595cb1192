"""Reference solutions, week 9: convolution and pooling from scratch (Coursera C4W1
"Convolutional Model: step by step", NHWC; book ch.7 im2col / Convolution / Pooling /
SimpleConvNet, NCHW).

The Coursera-part references are vectorised (the notebook asks students for the loops; the
results are the same). The book-part layers are what hidden tests and the benchmark use,
so they are written for speed:

* ``im2col`` takes a strided *view* of every window (``sliding_window_view``) and makes
  the single copy that the final ``reshape`` needs;
* ``col2im`` loops over the ``filter_h × filter_w`` filter positions (not over the output
  pixels), each step one strided ``+=`` over the whole batch — overlapping windows add up;
* every function keeps the input's dtype (float32 in, float32 out).
"""
from collections import OrderedDict

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from .w05_backprop_layers import Affine, Relu, SoftmaxWithLoss


# =============================================================================== Coursera (NHWC)
def zero_pad(X, pad):
    """X (m, n_H, n_W, n_C) -> (m, n_H + 2 pad, n_W + 2 pad, n_C), zeros around each image."""
    return np.pad(X, ((0, 0), (pad, pad), (pad, pad), (0, 0)), mode="constant", constant_values=0)


def conv_single_step(a_slice_prev, W, b):
    """One filter on one window: sum(a_slice_prev * W) + b, as a Python float.

    a_slice_prev, W: (f, f, n_C_prev); b: (1, 1, 1).
    """
    return float(np.sum(a_slice_prev * W) + np.sum(b))


def conv_output_size(input_size, filter_size, stride=1, pad=0):
    """⌊(input_size + 2·pad − filter_size) / stride⌋ + 1: how many windows fit along one axis."""
    return (input_size + 2 * pad - filter_size) // stride + 1


def window_slice(a, h, w, f, stride):
    """The f × f window of output pixel (h, w): a (n_H, n_W, ...) -> a[h·s : h·s + f, w·s : w·s + f]
    (every remaining axis, e.g. all channels, kept)."""
    return a[h * stride:h * stride + f, w * stride:w * stride + f]


def _windows_nhwc(A_pad, f_h, f_w, stride):
    """Strided view of every window: (m, n_H, n_W, n_C, f_h, f_w)."""
    return sliding_window_view(A_pad, (f_h, f_w), axis=(1, 2))[:, ::stride, ::stride]


def conv_forward(A_prev, W, b, hparameters):
    """A_prev (m, n_H_prev, n_W_prev, n_C_prev), W (f, f, n_C_prev, n_C), b (1, 1, 1, n_C),
    hparameters {"stride", "pad"} -> Z (m, n_H, n_W, n_C), cache (A_prev, W, b, hparameters).

    n_H = ⌊(n_H_prev + 2 pad − f) / stride⌋ + 1 (and the same for n_W).
    """
    stride, pad = hparameters["stride"], hparameters["pad"]
    f = W.shape[0]
    windows = _windows_nhwc(zero_pad(A_prev, pad), f, f, stride)  # (m, n_H, n_W, c, f, f)
    Z = np.einsum("mhwcij,ijcn->mhwn", windows, W, optimize=True) + b.reshape(1, 1, 1, -1)
    return Z, (A_prev, W, b, hparameters)


def pool_forward(A_prev, hparameters, mode="max"):
    """A_prev (m, n_H_prev, n_W_prev, n_C), hparameters {"f", "stride"}, mode "max" | "average"
    -> A (m, n_H, n_W, n_C), cache (A_prev, hparameters). No padding."""
    f, stride = hparameters["f"], hparameters["stride"]
    windows = _windows_nhwc(A_prev, f, f, stride)
    if mode == "max":
        A = windows.max(axis=(4, 5))
    elif mode == "average":
        A = windows.mean(axis=(4, 5))
    else:
        raise ValueError(f"mode must be 'max' or 'average', got {mode!r}")
    return A, (A_prev, hparameters)


def conv_backward(dZ, cache):
    """dZ (m, n_H, n_W, n_C), cache from conv_forward ->
    dA_prev (m, n_H_prev, n_W_prev, n_C_prev), dW (f, f, n_C_prev, n_C), db (1, 1, 1, n_C)."""
    A_prev, W, b, hparameters = cache
    stride, pad = hparameters["stride"], hparameters["pad"]
    f = W.shape[0]
    m, n_H, n_W, n_C = dZ.shape
    A_prev_pad = zero_pad(A_prev, pad)
    dA_prev_pad = np.zeros(A_prev_pad.shape, dtype=np.result_type(dZ, W))
    windows = _windows_nhwc(A_prev_pad, f, f, stride)  # (m, n_H, n_W, c, f, f)
    dW = np.einsum("mhwcij,mhwn->ijcn", windows, dZ, optimize=True)
    db = dZ.sum(axis=(0, 1, 2)).reshape(1, 1, 1, n_C)
    # each filter position (i, j) receives W[i, j] · dZ from every output pixel (h, w)
    for i in range(f):
        for j in range(f):
            dA_prev_pad[:, i:i + stride * n_H:stride, j:j + stride * n_W:stride, :] += dZ @ W[i, j].T
    n_H_prev, n_W_prev = A_prev.shape[1:3]
    dA_prev = dA_prev_pad[:, pad:pad + n_H_prev, pad:pad + n_W_prev, :]
    return dA_prev, dW, db


def conv_backward_example(dZ_i, a_prev_pad, W, stride):
    """The gradients of ONE example: dZ_i (n_H, n_W, n_C), its padded input a_prev_pad
    (n_H_prev + 2 pad, n_W_prev + 2 pad, n_C_prev), W (f, f, n_C_prev, n_C) ->
    (da_prev_pad of the shape of a_prev_pad, dW of the shape of W, db (1, 1, 1, n_C))."""
    dA, dW, db = conv_backward(dZ_i[None], (a_prev_pad[None], W, None, {"stride": stride, "pad": 0}))
    return dA[0], dW, db


def create_mask_from_window(x):
    """x (f, f) -> boolean mask, True where x is at its maximum."""
    return x == np.max(x)


def distribute_value(dz, shape):
    """dz a number, shape (n_H, n_W) -> an (n_H, n_W) array, each entry dz / (n_H · n_W)."""
    n_H, n_W = shape
    return np.full((n_H, n_W), dz / (n_H * n_W), dtype=float)


def pool_backward(dA, cache, mode="max"):
    """dA (m, n_H, n_W, n_C), cache (A_prev, hparameters) -> dA_prev, shape of A_prev.

    max: each gradient goes to the maximum of its window; average: spread evenly.
    Overlapping windows (stride < f) add up.
    """
    A_prev, hparameters = cache
    f, stride = hparameters["f"], hparameters["stride"]
    m, n_H, n_W, n_C = dA.shape
    dA_prev = np.zeros(A_prev.shape, dtype=np.result_type(A_prev, dA, float))
    windows = _windows_nhwc(A_prev, f, f, stride)  # (m, n_H, n_W, c, f, f)
    if mode == "max":
        mask = windows == windows.max(axis=(4, 5), keepdims=True)
        share = mask * dA[..., None, None]
    elif mode == "average":
        share = np.broadcast_to(dA[..., None, None] / (f * f), windows.shape)
    else:
        raise ValueError(f"mode must be 'max' or 'average', got {mode!r}")
    for i in range(f):
        for j in range(f):
            dA_prev[:, i:i + stride * n_H:stride, j:j + stride * n_W:stride, :] += share[..., i, j]
    return dA_prev


# =============================================================================== book (NCHW)
def _out_size(n, f, stride, pad):
    return (n + 2 * pad - f) // stride + 1


def im2col(input_data, filter_h, filter_w, stride=1, pad=0):
    """input_data (N, C, H, W) -> col (N·out_h·out_w, C·filter_h·filter_w).

    Row ``(n, y, x)`` (in that order) holds the window whose top-left corner is
    ``(y·stride, x·stride)`` of the padded image n, flattened in ``(c, i, j)`` order.
    """
    N, C, H, W = input_data.shape
    out_h, out_w = _out_size(H, filter_h, stride, pad), _out_size(W, filter_w, stride, pad)
    img = np.pad(input_data, ((0, 0), (0, 0), (pad, pad), (pad, pad)), mode="constant")
    windows = sliding_window_view(img, (filter_h, filter_w), axis=(2, 3))
    windows = windows[:, :, ::stride, ::stride][:, :, :out_h, :out_w]  # (N, C, oh, ow, fh, fw)
    return windows.transpose(0, 2, 3, 1, 4, 5).reshape(N * out_h * out_w, -1)


def col2im(col, input_shape, filter_h, filter_w, stride=1, pad=0):
    """The adjoint of im2col: col (N·out_h·out_w, C·filter_h·filter_w) -> (N, C, H, W).

    Every value goes back to the pixel it was copied from; where windows overlap, the
    values **add up** (that is what the gradient of a copy is).
    """
    N, C, H, W = input_shape
    out_h, out_w = _out_size(H, filter_h, stride, pad), _out_size(W, filter_w, stride, pad)
    col = col.reshape(N, out_h, out_w, C, filter_h, filter_w).transpose(0, 3, 4, 5, 1, 2)
    img = np.zeros((N, C, H + 2 * pad + stride - 1, W + 2 * pad + stride - 1), dtype=col.dtype)
    for y in range(filter_h):
        y_max = y + stride * out_h
        for x in range(filter_w):
            x_max = x + stride * out_w
            img[:, :, y:y_max:stride, x:x_max:stride] += col[:, :, y, x, :, :]
    return img[:, :, pad:H + pad, pad:W + pad]


class Convolution:
    """Convolution layer (book §7.4.3). W (FN, C, FH, FW), b (FN,).

    forward: x (N, C, H, W) -> out (N, FN, out_h, out_w);
    backward: dout (N, FN, out_h, out_w) -> dx (N, C, H, W); sets dW (FN, C, FH, FW), db (FN,).
    """

    def __init__(self, W, b, stride=1, pad=0):
        self.W, self.b = W, b
        self.stride, self.pad = stride, pad
        self.x = self.col = self.col_W = None
        self.dW = self.db = None

    def forward(self, x):
        FN, C, FH, FW = self.W.shape
        N, _, H, W = x.shape
        out_h = _out_size(H, FH, self.stride, self.pad)
        out_w = _out_size(W, FW, self.stride, self.pad)
        col = im2col(x, FH, FW, self.stride, self.pad)
        col_W = self.W.reshape(FN, -1).T
        out = col @ col_W + self.b
        self.x, self.col, self.col_W = x, col, col_W
        return out.reshape(N, out_h, out_w, FN).transpose(0, 3, 1, 2)

    def backward(self, dout):
        FN, C, FH, FW = self.W.shape
        dout = dout.transpose(0, 2, 3, 1).reshape(-1, FN)
        self.db = dout.sum(axis=0)
        self.dW = (self.col.T @ dout).T.reshape(FN, C, FH, FW)
        dcol = dout @ self.col_W.T
        return col2im(dcol, self.x.shape, FH, FW, self.stride, self.pad)


class Pooling:
    """Max pooling layer (book §7.4.4), applied to every channel separately.

    forward: x (N, C, H, W) -> out (N, C, out_h, out_w); backward: dout -> dx (N, C, H, W),
    the gradient going to the (first) maximum of each window.
    """

    def __init__(self, pool_h, pool_w, stride=2, pad=0):
        self.pool_h, self.pool_w = pool_h, pool_w
        self.stride, self.pad = stride, pad
        self.x = self.arg_max = None

    def forward(self, x):
        N, C, H, W = x.shape
        out_h = _out_size(H, self.pool_h, self.stride, self.pad)
        out_w = _out_size(W, self.pool_w, self.stride, self.pad)
        col = im2col(x, self.pool_h, self.pool_w, self.stride, self.pad)
        col = col.reshape(-1, self.pool_h * self.pool_w)  # one window of one channel per row
        self.arg_max = np.argmax(col, axis=1)
        out = col[np.arange(col.shape[0]), self.arg_max]
        self.x = x
        return out.reshape(N, out_h, out_w, C).transpose(0, 3, 1, 2)

    def backward(self, dout):
        pool_size = self.pool_h * self.pool_w
        dout = dout.transpose(0, 2, 3, 1)
        dmax = np.zeros((dout.size, pool_size), dtype=dout.dtype)
        dmax[np.arange(self.arg_max.size), self.arg_max] = dout.reshape(-1)
        dcol = dmax.reshape(dout.shape[0] * dout.shape[1] * dout.shape[2], -1)
        return col2im(dcol, self.x.shape, self.pool_h, self.pool_w, self.stride, self.pad)


class SimpleConvNet:
    """conv - relu - pool - affine - relu - affine - softmax (book §7.5), NCHW input.

    input_dim (C, H, W); conv_param {"filter_num", "filter_size", "pad", "stride"}; the
    2×2 max pooling with stride 2 halves the conv output. params W1 (FN, C, fs, fs), b1 (FN,),
    W2 (FN·(conv_out/2)², hidden_size), b2, W3 (hidden_size, output_size), b3.
    """

    def __init__(self, input_dim=(1, 8, 8),
                 conv_param={"filter_num": 16, "filter_size": 3, "pad": 1, "stride": 1},
                 hidden_size=100, output_size=10, weight_init_std=0.01):
        filter_num = conv_param["filter_num"]
        filter_size = conv_param["filter_size"]
        filter_pad = conv_param["pad"]
        filter_stride = conv_param["stride"]
        input_size = input_dim[1]
        conv_output_size = (input_size - filter_size + 2 * filter_pad) // filter_stride + 1
        pool_output_size = filter_num * (conv_output_size // 2) * (conv_output_size // 2)

        self.params = {
            "W1": weight_init_std * np.random.randn(filter_num, input_dim[0], filter_size, filter_size),
            "b1": np.zeros(filter_num),
            "W2": weight_init_std * np.random.randn(pool_output_size, hidden_size),
            "b2": np.zeros(hidden_size),
            "W3": weight_init_std * np.random.randn(hidden_size, output_size),
            "b3": np.zeros(output_size),
        }
        self.layers = OrderedDict()
        self.layers["Conv1"] = Convolution(self.params["W1"], self.params["b1"],
                                           conv_param["stride"], conv_param["pad"])
        self.layers["Relu1"] = Relu()
        self.layers["Pool1"] = Pooling(pool_h=2, pool_w=2, stride=2)
        self.layers["Affine1"] = Affine(self.params["W2"], self.params["b2"])
        self.layers["Relu2"] = Relu()
        self.layers["Affine2"] = Affine(self.params["W3"], self.params["b3"])
        self.last_layer = SoftmaxWithLoss()

    def predict(self, x):
        for layer in self.layers.values():
            x = layer.forward(x)
        return x

    def loss(self, x, t):
        return self.last_layer.forward(self.predict(x), t)

    def accuracy(self, x, t, batch_size=100):
        if t.ndim != 1:
            t = np.argmax(t, axis=1)
        correct = 0
        for i in range(0, x.shape[0], batch_size):
            y = np.argmax(self.predict(x[i:i + batch_size]), axis=1)
            correct += int(np.sum(y == t[i:i + batch_size]))
        return correct / x.shape[0]

    def gradient(self, x, t):
        self.loss(x, t)
        dout = self.last_layer.backward(1)
        for layer in reversed(list(self.layers.values())):
            dout = layer.backward(dout)
        return {
            "W1": self.layers["Conv1"].dW, "b1": self.layers["Conv1"].db,
            "W2": self.layers["Affine1"].dW, "b2": self.layers["Affine1"].db,
            "W3": self.layers["Affine2"].dW, "b3": self.layers["Affine2"].db,
        }


# Concept questions: the notebook asks for these exact answers.
answer_output_size = (6, 4)        # 15×10 input, f = 4, pad = 2, stride = 3
answer_conv_params = 1168          # 16 filters 3×3 over 8 channels, + 16 biases
answer_im2col_shape = (18, 27)     # (2, 3, 5, 5) with 3×3 filters, stride 1, pad 0
