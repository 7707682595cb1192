# >= 0.5: predicts 1 when the probability is exactly one half.
def predict(parameters, X):
    A2, cache = forward_propagation(X, parameters)
    predictions = A2 >= 0.5
    return predictions


def accuracy(parameters, X, Y):
    predictions = predict(parameters, X)
    return float(np.mean(predictions == Y)) * 100
