# Returns 10**r = 1 − β, forgetting the `1 −`.
def sample_beta(low, high, size, rng):
    """size values of beta in [low, high] with 1 - beta log-uniform, drawn from rng -> shape (size,)"""
    r = rng.uniform(np.log10(1 - high), np.log10(1 - low), size)
    beta = 10.0 ** r
    return beta
