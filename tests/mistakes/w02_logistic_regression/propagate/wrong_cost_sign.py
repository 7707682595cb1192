# The leading minus of the cross-entropy dropped: the cost comes out negative.
def propagate(w, b, X, Y):
    m = X.shape[1]
    A = sigmoid(np.dot(w.T, X) + b)
    cost = float(np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m)
    dw = np.dot(X, (A - Y).T) / m
    db = float(np.sum(A - Y) / m)
    grads = {"dw": dw, "db": db}
    return grads, cost
