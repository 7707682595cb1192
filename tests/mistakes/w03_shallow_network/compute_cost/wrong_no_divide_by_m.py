# Sums the losses but forgets to average (1/m).
def compute_cost(A2, Y):
    m = Y.shape[1]
    logprobs = Y * np.log(A2) + (1 - Y) * np.log(1 - A2)
    cost = float(-np.sum(logprobs))
    return cost
