# The filter loop replaced by broadcasting: W @ dz sums W[..., c] * dz[c] over c; np.multiply.outer for dW.
def conv_backward_example(dZ_i, a_prev_pad, W, stride):
    f = W.shape[0]
    n_H, n_W, n_C = dZ_i.shape
    da_prev_pad = np.zeros_like(a_prev_pad, dtype=float)
    dW = np.zeros_like(W, dtype=float)
    for h in range(n_H):
        for w in range(n_W):
            vs, hs = h * stride, w * stride
            da_prev_pad[vs:vs + f, hs:hs + f, :] += W @ dZ_i[h, w]
            dW += np.multiply.outer(a_prev_pad[vs:vs + f, hs:hs + f, :], dZ_i[h, w])
    db = dZ_i.sum(axis=(0, 1)).reshape(1, 1, 1, n_C)
    return da_prev_pad, dW, db
