# np.mean does the sum and the 1/m.
def compute_cost(A2, Y):
    m = Y.shape[1]
    cost = float(-np.mean(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)))
    return cost
