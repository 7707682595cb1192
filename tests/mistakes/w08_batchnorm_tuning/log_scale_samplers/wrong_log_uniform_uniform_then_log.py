# Samples uniformly between 10**low and 10**high, then takes the log.
def sample_log_uniform(low_exp, high_exp, size, rng):
    """size samples 10**r, r ~ U(low_exp, high_exp), drawn from the Generator rng -> shape (size,)"""
    samples = np.log10(rng.uniform(10.0 ** low_exp, 10.0 ** high_exp, size))
    return samples


def sample_beta(low, high, size, rng):
    """size values of beta in [low, high] with 1 - beta log-uniform, drawn from rng -> shape (size,)"""
    r = rng.uniform(np.log10(1 - high), np.log10(1 - low), size)
    beta = 1.0 - 10.0 ** r
    return beta
