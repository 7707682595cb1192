# da_prev_pad[window] = ... : where two windows overlap, the later one overwrites the earlier.
# expect: where two windows overlap
def conv_backward_example(dZ_i, a_prev_pad, W, stride):
    f = W.shape[0]
    (n_H, n_W, n_C) = dZ_i.shape
    da_prev_pad = np.zeros(a_prev_pad.shape)
    dW = np.zeros(W.shape)
    db = np.zeros((1, 1, 1, n_C))
    for h in range(n_H):
        for w in range(n_W):
            vs, hs = h * stride, w * stride
            a_slice = window_slice(a_prev_pad, h, w, f, stride)
            da_prev_pad[vs:vs + f, hs:hs + f, :] = np.sum(W * dZ_i[h, w, :], axis=3)
            for c in range(n_C):
                dW[:, :, :, c] += a_slice * dZ_i[h, w, c]
                db[:, :, :, c] += dZ_i[h, w, c]
    return da_prev_pad, dW, db
