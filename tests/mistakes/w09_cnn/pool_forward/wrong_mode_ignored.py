# Always takes the maximum: the mode argument is never read.
def pool_forward(A_prev, hparameters, mode="max"):
    (m, n_H_prev, n_W_prev, n_C_prev) = A_prev.shape
    f, stride = hparameters["f"], hparameters["stride"]
    n_H = int((n_H_prev - f) / stride) + 1
    n_W = int((n_W_prev - f) / stride) + 1
    A = np.zeros((m, n_H, n_W, n_C_prev))
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                for c in range(n_C_prev):
                    A[i, h, w, c] = np.max(A_prev[i, h * stride:h * stride + f, w * stride:w * stride + f, c])
    cache = (A_prev, hparameters)
    return A, cache
