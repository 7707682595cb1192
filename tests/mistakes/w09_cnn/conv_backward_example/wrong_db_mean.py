# db as the mean of dZ (as a bias gradient averaged over the examples elsewhere): it is the sum.
# expect: mean
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
            for c in range(n_C):
                da_prev_pad[vs:vs + f, hs:hs + f, :] += W[:, :, :, c] * dZ_i[h, w, c]
                dW[:, :, :, c] += a_slice * dZ_i[h, w, c]
    db = np.mean(dZ_i, axis=(0, 1)).reshape(1, 1, 1, n_C)
    return da_prev_pad, dW, db
