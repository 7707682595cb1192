# np.random instead of the rng argument: not reproducible.
def sample_log_uniform(low_exp, high_exp, size, rng):
    """size samples 10**r, r ~ U(low_exp, high_exp), drawn from the Generator rng -> shape (size,)"""
    r = np.random.uniform(low_exp, high_exp, size)
    samples = 10.0 ** r
    return samples
