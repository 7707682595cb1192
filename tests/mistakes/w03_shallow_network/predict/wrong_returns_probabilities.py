# Returns the probabilities A2 themselves, not labels.
def predict(parameters, X):
    A2, cache = forward_propagation(X, parameters)
    predictions = A2
    return predictions
