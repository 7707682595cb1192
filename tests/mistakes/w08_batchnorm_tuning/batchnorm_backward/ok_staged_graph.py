# The CS231n staged version: dvar and dmu along the computational graph.
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
    xmu = x - mu
    dvar = np.sum(dx_hat * xmu, axis=0) * -0.5 * inv_std ** 3
    dmu = np.sum(-dx_hat * inv_std, axis=0) + dvar * np.mean(-2.0 * xmu, axis=0)
    dx = dx_hat * inv_std + dvar * 2.0 * xmu / N + dmu / N
    return dx, dgamma, dbeta
