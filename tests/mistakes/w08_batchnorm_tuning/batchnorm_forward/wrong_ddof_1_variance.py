# np.var(..., ddof=1): the unbiased sample variance from statistics class;
# batch norm divides by N (the population variance).
# expect: population variance
def batchnorm_forward(x, gamma, beta, bn_param):
    """Batch normalisation, forward pass.

    Arguments:
    x -- data, shape (N, D)
    gamma -- scale, shape (D,)
    beta -- shift, shape (D,)
    bn_param -- dict: "mode" ("train" | "test"), optional "eps", "momentum",
                "running_mean" (D,), "running_var" (D,) -- updated in place in train mode

    Returns:
    out -- shape (N, D)
    cache -- what batchnorm_backward needs (train mode)
    """
    mode = bn_param["mode"]
    eps = bn_param.get("eps", 1e-5)
    momentum = bn_param.get("momentum", 0.9)
    N, D = x.shape
    running_mean = bn_param.get("running_mean", np.zeros(D, dtype=x.dtype))
    running_var = bn_param.get("running_var", np.zeros(D, dtype=x.dtype))

    out, cache = None, None
    if mode == "train":
        mu = x.mean(axis=0)
        var = x.var(axis=0, ddof=1)
        x_hat = (x - mu) / np.sqrt(var + eps)
        out = gamma * x_hat + beta
        running_mean = momentum * running_mean + (1 - momentum) * mu
        running_var = momentum * running_var + (1 - momentum) * var
        cache = (x, x_hat, mu, var, gamma, eps)
    elif mode == "test":
        x_hat = (x - running_mean) / np.sqrt(running_var + eps)
        out = gamma * x_hat + beta
    else:
        raise ValueError(f'Invalid forward batchnorm mode "{mode}"')

    bn_param["running_mean"] = running_mean
    bn_param["running_var"] = running_var
    return out, cache
