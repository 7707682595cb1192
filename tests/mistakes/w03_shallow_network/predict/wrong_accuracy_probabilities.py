# Compares the probabilities A2 with the labels: almost nothing is 'equal'.
def predict(parameters, X):
    A2, cache = forward_propagation(X, parameters)
    predictions = A2 > 0.5
    return predictions


def accuracy(parameters, X, Y):
    A2, cache = forward_propagation(X, parameters)
    return float(np.mean(A2 == Y)) * 100
