# Every parameter in the penalty, biases included.
# expect: biases
def compute_cost_with_regularization(A3, Y, parameters, lambd):
    m = Y.shape[1]
    L2 = lambd / (2 * m) * sum(np.sum(np.square(v)) for v in parameters.values())
    return float(compute_cost(A3, Y) + L2)
