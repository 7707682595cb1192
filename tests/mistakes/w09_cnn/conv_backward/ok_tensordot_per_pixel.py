# Loops over output pixels only; batch and filters handled by tensordot / einsum.
def conv_backward(dZ, cache):
    A_prev, W, b, hparameters = cache
    stride, pad = hparameters["stride"], hparameters["pad"]
    f = W.shape[0]
    m, n_H, n_W, n_C = dZ.shape
    A_pad = zero_pad(A_prev, pad)
    dA_pad = np.zeros_like(A_pad)
    dW = np.zeros_like(W)
    for h in range(n_H):
        for w in range(n_W):
            vs, hs = h * stride, w * stride
            dz = dZ[:, h, w, :]                                       # (m, n_C)
            dA_pad[:, vs:vs + f, hs:hs + f, :] += np.tensordot(dz, W, axes=([1], [3]))
            dW += np.einsum("mijc,mn->ijcn", A_pad[:, vs:vs + f, hs:hs + f, :], dz)
    db = np.sum(dZ, axis=(0, 1, 2), keepdims=True)
    n_H_prev, n_W_prev = A_prev.shape[1:3]
    return dA_pad[:, pad:pad + n_H_prev, pad:pad + n_W_prev, :], dW, db
