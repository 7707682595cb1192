# dZ X^T instead of X dZ^T: dw comes out as a row (1, n_x) instead of a column like w.
def propagate(w, b, X, Y):
    m = X.shape[1]
    A = sigmoid(np.dot(w.T, X) + b)
    cost = float(-np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m)
    dw = np.dot(A - Y, X.T) / m
    db = float(np.sum(A - Y) / m)
    grads = {"dw": dw, "db": db}
    return grads, cost
