# Counts t from 1 and then adds 1 again: divides by 1 - beta ** (t + 1).
def exponentially_weighted_average(values, beta, bias_correction=False):
    averages = np.zeros(len(values))
    v = 0.0
    for t, theta in enumerate(values, start=1):
        v = beta * v + (1 - beta) * theta
        averages[t - 1] = v / (1 - beta ** (t + 1)) if bias_correction else v
    return averages
