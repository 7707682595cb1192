# Counts the correct predictions and divides by m.
def predict(parameters, X):
    A2, cache = forward_propagation(X, parameters)
    predictions = A2 > 0.5
    return predictions


def accuracy(parameters, X, Y):
    correct = np.sum(predict(parameters, X) == Y)
    return 100.0 * float(correct) / Y.shape[1]
