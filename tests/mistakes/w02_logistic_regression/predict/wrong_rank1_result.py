# A[0] taken to "simplify": the result is a rank-1 array of shape (m,), not (1, m).
def predict(w, b, X):
    A = sigmoid(np.dot(w.T, X) + b)
    Y_prediction = (A[0] > 0.5).astype(float)
    return Y_prediction
