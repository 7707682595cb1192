# Samples uniformly between 10**low and 10**high, then takes the log.
def sample_log_uniform(low_exp, high_exp, size, rng):
    """size samples 10**r, r ~ U(low_exp, high_exp), drawn from the Generator rng -> shape (size,)"""
    samples = np.log10(rng.uniform(10.0 ** low_exp, 10.0 ** high_exp, size))
    return samples
