# The closed form v_t = (1 - beta) * sum_i beta^(t - i) theta_i, vectorised with a weight matrix.
def exponentially_weighted_average(values, beta, bias_correction=False):
    values = np.asarray(values, dtype=float)
    n = len(values)
    t = np.arange(1, n + 1)
    powers = t[:, None] - t[None, :]
    weights = np.where(powers >= 0, (1 - beta) * beta ** np.maximum(powers, 0), 0.0)
    averages = weights @ values
    if bias_correction:
        averages = averages / (1 - beta ** t)
    return averages
