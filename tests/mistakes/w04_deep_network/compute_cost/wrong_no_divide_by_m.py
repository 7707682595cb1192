# Sums over the examples but forgets the average (1/m).
def compute_cost(AL, Y):
    m = Y.shape[1]
    cost = -np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL))
    return float(cost)
