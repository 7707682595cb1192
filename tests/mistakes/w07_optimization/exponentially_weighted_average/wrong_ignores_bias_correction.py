# Never applies the bias correction, even when asked.
def exponentially_weighted_average(values, beta, bias_correction=False):
    averages = np.zeros(len(values))
    v = 0.0
    for t in range(1, len(values) + 1):
        v = beta * v + (1 - beta) * values[t - 1]
        averages[t - 1] = v
    return averages
