# Loops over the f × f filter positions instead of the output pixels: one strided slice each.
def conv_backward_example(dZ_i, a_prev_pad, W, stride):
    f = W.shape[0]
    n_H, n_W, n_C = dZ_i.shape
    da_prev_pad = np.zeros(a_prev_pad.shape)
    dW = np.zeros(W.shape)
    for r in range(f):
        for q in range(f):
            rows = slice(r, r + stride * (n_H - 1) + 1, stride)
            cols = slice(q, q + stride * (n_W - 1) + 1, stride)
            da_prev_pad[rows, cols, :] += dZ_i @ W[r, q].T
            dW[r, q] = np.einsum("hwk,hwc->kc", a_prev_pad[rows, cols, :], dZ_i)
    db = np.sum(dZ_i, axis=(0, 1), keepdims=True)[None]
    return da_prev_pad, dW, db
