# np.mean does the 1/m; .item() makes the float.
def compute_cost(AL, Y):
    return -np.mean(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)).item()
