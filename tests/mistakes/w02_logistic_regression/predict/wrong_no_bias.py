# b forgotten in the linear part.
def predict(w, b, X):
    A = sigmoid(np.dot(w.T, X))
    Y_prediction = (A > 0.5).astype(float)
    return Y_prediction
