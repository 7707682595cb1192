# Means instead of sums divided by m; @ instead of np.dot.
def propagate(w, b, X, Y):
    m = X.shape[1]
    A = sigmoid(w.T @ X + b)
    cost = -np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A))
    dw = X @ (A - Y).T / m
    db = np.mean(A - Y)
    grads = {"dw": dw, "db": db}
    return grads, cost
