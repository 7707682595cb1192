# In-place NumPy operators, looping over the parameter names.
def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01,
                                beta1=0.9, beta2=0.999, epsilon=1e-8):
    v_corrected, s_corrected = {}, {}
    for name in parameters:
        key = "d" + name
        v[key] *= beta1
        v[key] += (1 - beta1) * grads[key]
        s[key] *= beta2
        s[key] += (1 - beta2) * grads[key] * grads[key]
        v_corrected[key] = v[key] / (1 - np.power(beta1, t))
        s_corrected[key] = s[key] / (1 - np.power(beta2, t))
        parameters[name] -= learning_rate * v_corrected[key] / (np.sqrt(s_corrected[key]) + epsilon)
    return parameters, v, s, v_corrected, s_corrected
