# np.where keeps x where positive, else 0.
def relu(x):
    return np.where(x > 0, x, 0)
