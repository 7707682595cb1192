# Puts epsilon inside the square root.
# expect: inside the square root
def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01,
                                beta1=0.9, beta2=0.999, epsilon=1e-8):
    L = len(parameters) // 2
    v_corrected = {}
    s_corrected = {}
    for l in range(1, L + 1):
        for p in ("W", "b"):
            key = "d" + p + str(l)
            v[key] = beta1 * v[key] + (1 - beta1) * grads[key]
            v_corrected[key] = v[key] / (1 - beta1 ** t)
            s[key] = beta2 * s[key] + (1 - beta2) * np.square(grads[key])
            s_corrected[key] = s[key] / (1 - beta2 ** t)
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * v_corrected[key] / np.sqrt(s_corrected[key] + epsilon)
    return parameters, v, s, v_corrected, s_corrected
