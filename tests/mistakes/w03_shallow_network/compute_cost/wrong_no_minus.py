# The minus sign forgotten: the cost is negative and grows as the model improves.
def compute_cost(A2, Y):
    m = Y.shape[1]
    logprobs = Y * np.log(A2) + (1 - Y) * np.log(1 - A2)
    cost = float(np.sum(logprobs) / m)
    return cost
