# σ(z) > 0.5 exactly when z > 0.
def predict(parameters, X):
    A2, cache = forward_propagation(X, parameters)
    predictions = cache["Z2"] > 0
    return predictions


def accuracy(parameters, X, Y):
    predictions = predict(parameters, X)
    return float(np.mean(predictions == Y)) * 100
