# The minus sign in the exponent forgotten: computes σ(−z).
def sigmoid(z):
    s = 1 / (1 + np.exp(z))
    return s
