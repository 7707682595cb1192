# Test mode normalised with the test batch's own statistics, as in training:
# the running averages are computed but never used.
# expect: running_mean
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
        var = x.var(axis=0)
        x_hat = (x - mu) / np.sqrt(var + eps)
        out = gamma * x_hat + beta
        running_mean = momentum * running_mean + (1 - momentum) * mu
        running_var = momentum * running_var + (1 - momentum) * var
        cache = (x, x_hat, mu, var, gamma, eps)
    elif mode == "test":
        x_hat = (x - x.mean(axis=0)) / np.sqrt(x.var(axis=0) + eps)
        out = gamma * x_hat + beta
    else:
        raise ValueError(f'Invalid forward batchnorm mode "{mode}"')

    bn_param["running_mean"] = running_mean
    bn_param["running_var"] = running_var
    return out, cache
