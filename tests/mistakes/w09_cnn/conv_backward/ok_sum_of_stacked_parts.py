# The examples' parts collected in lists and summed at the end; the padding cut with a slice object.
def conv_backward(dZ, cache):
    A_prev, W, b, hparameters = cache
    stride, pad = hparameters["stride"], hparameters["pad"]
    m, n_H_prev, n_W_prev, _ = A_prev.shape
    A_prev_pad = zero_pad(A_prev, pad)
    parts = [conv_backward_example(dZ[i], A_prev_pad[i], W, stride) for i in range(m)]
    inside = (slice(pad, pad + n_H_prev), slice(pad, pad + n_W_prev))
    dA_prev = np.stack([da[inside] for da, _, _ in parts])
    dW = sum(dW_i for _, dW_i, _ in parts)
    db = sum(db_i for _, _, db_i in parts)
    return dA_prev, dW, db
