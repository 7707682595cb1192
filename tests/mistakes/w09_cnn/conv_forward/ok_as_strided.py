# Vectorised with as_strided (the windows as a view) and tensordot.
def conv_forward(A_prev, W, b, hparameters):
    (m, n_H_prev, n_W_prev, n_C_prev) = A_prev.shape
    (f, f, n_C_prev, n_C) = W.shape
    stride, pad = hparameters["stride"], hparameters["pad"]
    n_H = (n_H_prev + 2 * pad - f) // stride + 1
    n_W = (n_W_prev + 2 * pad - f) // stride + 1
    A_pad = np.ascontiguousarray(zero_pad(A_prev, pad))
    s0, s1, s2, s3 = A_pad.strides
    windows = np.lib.stride_tricks.as_strided(
        A_pad, shape=(m, n_H, n_W, f, f, n_C_prev), strides=(s0, s1 * stride, s2 * stride, s1, s2, s3), writeable=False)
    Z = np.tensordot(windows, W, axes=([3, 4, 5], [0, 1, 2])) + b
    cache = (A_prev, W, b, hparameters)
    return Z, cache
