# keepdims=True out of habit: db is a (1, 1) array instead of a number.
def propagate(w, b, X, Y):
    m = X.shape[1]
    A = sigmoid(np.dot(w.T, X) + b)
    cost = float(-np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m)
    dw = np.dot(X, (A - Y).T) / m
    db = np.sum(A - Y, axis=1, keepdims=True) / m
    grads = {"dw": dw, "db": db}
    return grads, cost
