# Thresholds the pre-activation Z2 at 0.5 (Z2 is compared with 0, A2 with 0.5).
def predict(parameters, X):
    A2, cache = forward_propagation(X, parameters)
    predictions = cache["Z2"] > 0.5
    return predictions


def accuracy(parameters, X, Y):
    predictions = predict(parameters, X)
    return float(np.mean(predictions == Y)) * 100
