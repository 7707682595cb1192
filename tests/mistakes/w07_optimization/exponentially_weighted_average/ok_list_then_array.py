# Builds a Python list and converts it at the end; corrects with an array of powers.
def exponentially_weighted_average(values, beta, bias_correction=False):
    v, out = 0.0, []
    for theta in values:
        v = beta * v + (1 - beta) * theta
        out.append(v)
    out = np.array(out, dtype=float)
    if bias_correction:
        out = out / (1 - beta ** np.arange(1, len(out) + 1))
    return out
