# >= 0.5 instead of > 0.5: an example with probability exactly 0.5 becomes a 1.
def predict(w, b, X):
    A = sigmoid(np.dot(w.T, X) + b)
    Y_prediction = (A >= 0.5).astype(float)
    return Y_prediction
