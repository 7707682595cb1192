# Names the velocities like the parameters (W1, b1) instead of like the gradients (dW1, db1).
def initialize_velocity(parameters):
    L = len(parameters) // 2
    v = {}
    for l in range(1, L + 1):
        v["W" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
        v["b" + str(l)] = np.zeros(parameters["b" + str(l)].shape)
    return v
