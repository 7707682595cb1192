# The probabilities returned as they are: the threshold step forgotten.
def predict(w, b, X):
    A = sigmoid(np.dot(w.T, X) + b)
    Y_prediction = A
    return Y_prediction
