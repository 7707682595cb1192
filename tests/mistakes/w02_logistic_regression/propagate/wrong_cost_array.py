# The cost written with np.dot gives a (1, 1) array; np.squeeze / float(...) forgotten.
def propagate(w, b, X, Y):
    m = X.shape[1]
    A = sigmoid(np.dot(w.T, X) + b)
    cost = -(np.dot(Y, np.log(A).T) + np.dot(1 - Y, np.log(1 - A).T)) / m
    dw = np.dot(X, (A - Y).T) / m
    db = float(np.sum(A - Y) / m)
    grads = {"dw": dw, "db": db}
    return grads, cost
