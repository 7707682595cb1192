# Coursera's np.dot form, squeezed to a float.
def compute_cost(AL, Y):
    m = Y.shape[1]
    cost = (-1 / m) * (np.dot(Y, np.log(AL).T) + np.dot(1 - Y, np.log(1 - AL).T))
    return float(np.squeeze(cost))
