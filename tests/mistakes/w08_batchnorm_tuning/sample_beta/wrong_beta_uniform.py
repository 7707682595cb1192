# β sampled uniformly in [low, high]: almost no β near 1.
def sample_beta(low, high, size, rng):
    """size values of beta in [low, high] with 1 - beta log-uniform, drawn from rng -> shape (size,)"""
    beta = rng.uniform(low, high, size)
    return beta
