# np.mean of the matches is a fraction in [0, 1]: the percentage needs × 100.
# expect: percentage
def predict(parameters, X):
    A2, cache = forward_propagation(X, parameters)
    predictions = A2 > 0.5
    return predictions


def accuracy(parameters, X, Y):
    predictions = predict(parameters, X)
    return float(np.mean(predictions == Y))
