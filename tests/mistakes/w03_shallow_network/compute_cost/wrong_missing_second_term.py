# Only the y·log(a) term: confident wrong answers on 0-labels cost nothing.
def compute_cost(A2, Y):
    m = Y.shape[1]
    logprobs = Y * np.log(A2)
    cost = float(-np.sum(logprobs) / m)
    return cost
