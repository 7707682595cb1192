# Vectorised: einsum over a strided view for dW, one strided += per filter position for dA_prev.
def conv_backward(dZ, cache):
    A_prev, W, b, hparameters = cache
    stride, pad = hparameters["stride"], hparameters["pad"]
    f = W.shape[0]
    m, n_H, n_W, n_C = dZ.shape
    A_pad = zero_pad(A_prev, pad)
    windows = np.lib.stride_tricks.sliding_window_view(A_pad, (f, f), axis=(1, 2))[:, ::stride, ::stride]
    dW = np.einsum("mhwcij,mhwn->ijcn", windows, dZ)
    db = dZ.sum(axis=(0, 1, 2)).reshape(1, 1, 1, n_C)
    dA_pad = np.zeros(A_pad.shape)
    for i in range(f):
        for j in range(f):
            dA_pad[:, i:i + stride * n_H:stride, j:j + stride * n_W:stride, :] += dZ @ W[i, j].T
    dA_prev = dA_pad[:, pad:pad + A_prev.shape[1], pad:pad + A_prev.shape[2], :]
    return dA_prev, dW, db
