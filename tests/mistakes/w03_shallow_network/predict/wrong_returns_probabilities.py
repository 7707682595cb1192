# Returns the probabilities A2 themselves, not labels.
def predict(parameters, X):
    A2, cache = forward_propagation(X, parameters)
    predictions = A2
    return predictions


def accuracy(parameters, X, Y):
    predictions = predict(parameters, X)
    return float(np.mean(predictions == Y)) * 100
