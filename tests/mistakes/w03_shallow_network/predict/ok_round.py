# np.round rounds 0.5 down to 0 (to even), so it agrees with A2 > 0.5.
def predict(parameters, X):
    A2, cache = forward_propagation(X, parameters)
    predictions = np.round(A2)
    return predictions
