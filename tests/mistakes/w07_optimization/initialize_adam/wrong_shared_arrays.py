# One zero array per key shared by v and s (v[k] = s[k] = np.zeros(...)): in-place updates would mix them.
def initialize_adam(parameters):
    L = len(parameters) // 2
    v = {}
    s = {}
    for l in range(1, L + 1):
        v["dW" + str(l)] = s["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
        v["db" + str(l)] = s["db" + str(l)] = np.zeros(parameters["b" + str(l)].shape)
    return v, s
