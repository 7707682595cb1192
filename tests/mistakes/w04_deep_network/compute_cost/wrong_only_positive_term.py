# Only the y·log(a) term: negative examples cost nothing.
def compute_cost(AL, Y):
    m = Y.shape[1]
    cost = -np.sum(Y * np.log(AL)) / m
    return float(cost)
