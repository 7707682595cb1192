# The comparison the wrong way round: predicts 1 where the probability is low.
def predict(parameters, X):
    A2, cache = forward_propagation(X, parameters)
    predictions = A2 < 0.5
    return predictions
