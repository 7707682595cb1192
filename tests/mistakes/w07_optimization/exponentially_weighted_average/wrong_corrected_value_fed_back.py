# Stores the corrected value back into v, so the recursion continues from the corrected average.
def exponentially_weighted_average(values, beta, bias_correction=False):
    averages = np.zeros(len(values))
    v = 0.0
    for t in range(1, len(values) + 1):
        v = beta * v + (1 - beta) * values[t - 1]
        if bias_correction:
            v = v / (1 - beta ** t)
        averages[t - 1] = v
    return averages
