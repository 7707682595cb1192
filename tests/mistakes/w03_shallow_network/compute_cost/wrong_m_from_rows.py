# Reads m from the number of rows (Y.shape[0] == 1): the sum is never averaged over the examples.
# expect: divide by m
def compute_cost(A2, Y):
    m = Y.shape[0]
    logprobs = Y * np.log(A2) + (1 - Y) * np.log(1 - A2)
    cost = -np.sum(logprobs) / m
    cost = float(cost)
    return cost
