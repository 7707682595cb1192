# The book's chain through xc and std.
def batchnorm_backward(dout, cache):
    """Batch normalisation, backward pass (training mode).

    Arguments:
    dout -- upstream gradient dL/dout, shape (N, D)
    cache -- from batchnorm_forward

    Returns:
    dx -- shape (N, D)
    dgamma, dbeta -- shape (D,)
    """
    x, x_hat, mu, var, gamma, eps = cache
    N = dout.shape[0]
    inv_std = 1.0 / np.sqrt(var + eps)
    dbeta = dout.sum(axis=0)
    dgamma = np.sum(dout * x_hat, axis=0)
    dx_hat = dout * gamma
    xc, std = x - mu, np.sqrt(var + eps)
    dxc = dx_hat / std
    dstd = -np.sum(dx_hat * xc / (std * std), axis=0)
    dvar = 0.5 * dstd / std
    dxc += (2.0 / N) * xc * dvar
    dx = dxc - np.sum(dxc, axis=0) / N
    return dx, dgamma, dbeta
