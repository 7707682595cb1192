# Coursera's form r = low + (high − low)·rand for r = log10(1 − β), then β = 1 − 10**r.
def sample_log_uniform(low_exp, high_exp, size, rng):
    """size samples 10**r, r ~ U(low_exp, high_exp), drawn from the Generator rng -> shape (size,)"""
    r = rng.uniform(low_exp, high_exp, size)
    samples = 10.0 ** r
    return samples


def sample_beta(low, high, size, rng):
    """size values of beta in [low, high] with 1 - beta log-uniform, drawn from rng -> shape (size,)"""
    r_low, r_high = np.log10(1 - high), np.log10(1 - low)
    r = r_low + (r_high - r_low) * rng.random(size)
    beta = 1 - np.power(10.0, r)
    return beta
