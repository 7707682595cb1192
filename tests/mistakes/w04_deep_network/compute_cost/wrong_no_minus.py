# Drops the leading minus: the log-likelihood, not the cost (negative, and it would be maximised).
def compute_cost(AL, Y):
    m = Y.shape[1]
    cost = np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m
    return float(cost)
