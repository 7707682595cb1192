# np.round: rounds half to even, so exactly 0.5 gives 0, as > 0.5 does.
def predict(w, b, X):
    A = sigmoid(np.dot(w.T, X) + b)
    Y_prediction = np.round(A)
    return Y_prediction
