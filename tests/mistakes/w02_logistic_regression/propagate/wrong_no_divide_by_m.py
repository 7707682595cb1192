# The 1/m forgotten: the cost and the gradients become sums instead of averages.
# expect: forget to divide by m
# expect-ja: m で割るのを忘れていませんか
def propagate(w, b, X, Y):
    m = X.shape[1]
    A = sigmoid(np.dot(w.T, X) + b)
    cost = float(-np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)))
    dw = np.dot(X, (A - Y).T)
    db = float(np.sum(A - Y))
    grads = {"dw": dw, "db": db}
    return grads, cost
