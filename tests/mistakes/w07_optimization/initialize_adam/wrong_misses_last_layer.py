# range(1, L) stops one layer early.
def initialize_adam(parameters):
    L = len(parameters) // 2
    v = {}
    s = {}
    for l in range(1, L):
        for p in ("W", "b"):
            v["d" + p + str(l)] = np.zeros(parameters[p + str(l)].shape)
            s["d" + p + str(l)] = np.zeros(parameters[p + str(l)].shape)
    return v, s
