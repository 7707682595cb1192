# Weights the new value by beta and the old average by (1 - beta).
def exponentially_weighted_average(values, beta, bias_correction=False):
    averages = np.zeros(len(values))
    v = 0.0
    for t in range(1, len(values) + 1):
        v = (1 - beta) * v + beta * values[t - 1]
        averages[t - 1] = v / (1 - beta ** t) if bias_correction else v
    return averages
