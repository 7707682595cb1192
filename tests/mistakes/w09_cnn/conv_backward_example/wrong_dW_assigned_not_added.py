# dW[..., c] = ... instead of +=: only the last window's contribution is kept.
def conv_backward_example(dZ_i, a_prev_pad, W, stride):
    f = W.shape[0]
    (n_H, n_W, n_C) = dZ_i.shape
    da_prev_pad = np.zeros(a_prev_pad.shape)
    dW = np.zeros(W.shape)
    db = np.zeros((1, 1, 1, n_C))
    for h in range(n_H):
        for w in range(n_W):
            vs, hs = h * stride, w * stride
            a_slice = a_prev_pad[vs:vs + f, hs:hs + f, :]
            for c in range(n_C):
                da_prev_pad[vs:vs + f, hs:hs + f, :] += W[:, :, :, c] * dZ_i[h, w, c]
                dW[:, :, :, c] = a_slice * dZ_i[h, w, c]
                db[:, :, :, c] += dZ_i[h, w, c]
    return da_prev_pad, dW, db
