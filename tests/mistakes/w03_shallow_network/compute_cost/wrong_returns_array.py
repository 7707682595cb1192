# np.dot gives a (1, 1) array, returned without float()/np.squeeze.
def compute_cost(A2, Y):
    m = Y.shape[1]
    cost = -(1 / m) * (np.dot(Y, np.log(A2).T) + np.dot(1 - Y, np.log(1 - A2).T))
    return cost
