# Follows the graph through σ² but forgets the path through μ.
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
    dvar = np.sum(dx_hat * (x - mu), axis=0) * -0.5 * (var + eps) ** -1.5
    dx = dx_hat * inv_std + dvar * 2 * (x - mu) / N
    return dx, dgamma, dbeta
