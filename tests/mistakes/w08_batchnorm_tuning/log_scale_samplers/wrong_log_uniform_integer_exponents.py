# rng.integers: only whole exponents (1e-4, 1e-3, 1e-2), never 1e-1, nothing between.
def sample_log_uniform(low_exp, high_exp, size, rng):
    """size samples 10**r, r ~ U(low_exp, high_exp), drawn from the Generator rng -> shape (size,)"""
    r = rng.integers(low_exp, high_exp, size)
    samples = 10.0 ** r
    return samples


def sample_beta(low, high, size, rng):
    """size values of beta in [low, high] with 1 - beta log-uniform, drawn from rng -> shape (size,)"""
    r = rng.uniform(np.log10(1 - high), np.log10(1 - low), size)
    beta = 1.0 - 10.0 ** r
    return beta
