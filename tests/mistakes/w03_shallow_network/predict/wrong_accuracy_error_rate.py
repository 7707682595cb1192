# Counts the mismatches: the percentage of wrong predictions.
# expect: wrong predictions
def predict(parameters, X):
    A2, cache = forward_propagation(X, parameters)
    predictions = A2 > 0.5
    return predictions


def accuracy(parameters, X, Y):
    predictions = predict(parameters, X)
    return float(np.mean(predictions != Y)) * 100
