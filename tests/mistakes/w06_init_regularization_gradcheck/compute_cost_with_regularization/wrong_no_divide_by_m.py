# λ/2 · Σ‖W‖² — the 1/m of the cost forgotten in the penalty.
# expect: λ/(2m)
def compute_cost_with_regularization(A3, Y, parameters, lambd):
    m = Y.shape[1]
    W1, W2, W3 = parameters["W1"], parameters["W2"], parameters["W3"]
    L2 = lambd / 2 * (np.sum(np.square(W1)) + np.sum(np.square(W2)) + np.sum(np.square(W3)))
    return float(compute_cost(A3, Y) + L2)
