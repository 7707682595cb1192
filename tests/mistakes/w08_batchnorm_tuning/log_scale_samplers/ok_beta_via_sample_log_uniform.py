# Reuses sample_log_uniform for 1 − β.
def sample_log_uniform(low_exp, high_exp, size, rng):
    """size samples 10**r, r ~ U(low_exp, high_exp), drawn from the Generator rng -> shape (size,)"""
    r = rng.uniform(low_exp, high_exp, size)
    samples = 10.0 ** r
    return samples


def sample_beta(low, high, size, rng):
    """size values of beta in [low, high] with 1 - beta log-uniform, drawn from rng -> shape (size,)"""
    beta = 1 - sample_log_uniform(np.log10(1 - high), np.log10(1 - low), size, rng)
    return beta
