# Reads m from the number of rows (Y.shape[0] == 1): the sum is never averaged over the examples.
# expect: divide by m
def compute_cost(AL, Y):
    m = Y.shape[0]
    cost = -np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m
    cost = float(np.squeeze(cost))
    return cost
