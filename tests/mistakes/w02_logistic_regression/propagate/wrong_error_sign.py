# dZ = Y - A instead of A - Y: every gradient has the wrong sign.
def propagate(w, b, X, Y):
    m = X.shape[1]
    A = sigmoid(np.dot(w.T, X) + b)
    cost = float(-np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m)
    dZ = Y - A
    dw = np.dot(X, dZ.T) / m
    db = float(np.sum(dZ) / m)
    grads = {"dw": dw, "db": db}
    return grads, cost
