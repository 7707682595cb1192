# ‖W‖_F² with np.linalg.norm, and the cross-entropy written out.
def compute_cost_with_regularization(A3, Y, parameters, lambd):
    m = Y.shape[1]
    cross_entropy = -np.sum(Y * np.log(A3) + (1 - Y) * np.log(1 - A3)) / m
    squares = sum(np.linalg.norm(parameters[f"W{l}"]) ** 2 for l in (1, 2, 3))
    return float(cross_entropy + lambd * squares / (2 * m))
