# Starts the average at the first value instead of 0.
def exponentially_weighted_average(values, beta, bias_correction=False):
    averages = np.zeros(len(values))
    v = values[0]
    for t in range(1, len(values) + 1):
        v = beta * v + (1 - beta) * values[t - 1]
        averages[t - 1] = v / (1 - beta ** t) if bias_correction else v
    return averages
