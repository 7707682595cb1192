# Coursera's form r = low + (high − low)·rand, with np.power.
def sample_log_uniform(low_exp, high_exp, size, rng):
    """size samples 10**r, r ~ U(low_exp, high_exp), drawn from the Generator rng -> shape (size,)"""
    r = low_exp + (high_exp - low_exp) * rng.random(size)
    samples = np.power(10.0, r)
    return samples
