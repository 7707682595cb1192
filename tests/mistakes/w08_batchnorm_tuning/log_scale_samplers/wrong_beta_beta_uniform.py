# β sampled uniformly in [low, high]: almost no β near 1.
def sample_log_uniform(low_exp, high_exp, size, rng):
    """size samples 10**r, r ~ U(low_exp, high_exp), drawn from the Generator rng -> shape (size,)"""
    r = rng.uniform(low_exp, high_exp, size)
    samples = 10.0 ** r
    return samples


def sample_beta(low, high, size, rng):
    """size values of beta in [low, high] with 1 - beta log-uniform, drawn from rng -> shape (size,)"""
    beta = rng.uniform(low, high, size)
    return beta
