# The stride never used: windows at every position, the output as large as with stride 1.
# expect: stride is ignored
# expect-ja: ストライドが無視
def pool_forward(A_prev, hparameters, mode="max"):
    (m, n_H_prev, n_W_prev, n_C_prev) = A_prev.shape
    f, stride = hparameters["f"], hparameters["stride"]
    n_H = n_H_prev - f + 1
    n_W = n_W_prev - f + 1
    A = np.zeros((m, n_H, n_W, n_C_prev))
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                for c in range(n_C_prev):
                    window = A_prev[i, h:h + f, w:w + f, c]
                    A[i, h, w, c] = np.max(window) if mode == "max" else np.mean(window)
    cache = (A_prev, hparameters)
    return A, cache
