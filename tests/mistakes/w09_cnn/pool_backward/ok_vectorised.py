# Loop-free over the batch: masks of all windows at once, one strided += per window position.
def pool_backward(dA, cache, mode="max"):
    A_prev, hparameters = cache
    f, stride = hparameters["f"], hparameters["stride"]
    m, n_H, n_W, n_C = dA.shape
    windows = np.lib.stride_tricks.sliding_window_view(A_prev, (f, f), axis=(1, 2))[:, ::stride, ::stride]
    if mode == "max":
        share = (windows == windows.max(axis=(4, 5), keepdims=True)) * dA[..., None, None]
    else:
        share = np.broadcast_to(dA[..., None, None] / (f * f), windows.shape)
    dA_prev = np.zeros(A_prev.shape)
    for i in range(f):
        for j in range(f):
            dA_prev[:, i:i + stride * n_H:stride, j:j + stride * n_W:stride, :] += share[..., i, j]
    return dA_prev
