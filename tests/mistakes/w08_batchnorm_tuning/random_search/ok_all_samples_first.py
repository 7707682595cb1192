# Draws all the learning rates, then all the β, and picks the best with argmax.
def random_search(train_fn, n_trials, rng):
    """Random search over the learning rate (log scale) and beta (1 - beta on a log scale).

    train_fn(config) -> score (higher is better); config = {"learning_rate": float, "beta": float}
    Returns best_config (dict), trials (list of dicts with keys learning_rate, beta, score).
    """
    lrs = sample_log_uniform(-4, -1, n_trials, rng)
    betas = sample_beta(0.9, 0.999, n_trials, rng)
    trials = []
    for lr, beta in zip(lrs, betas):
        config = {"learning_rate": float(lr), "beta": float(beta)}
        trials.append(dict(config, score=train_fn(config)))
    i = int(np.argmax([t["score"] for t in trials]))
    best_config = {"learning_rate": trials[i]["learning_rate"], "beta": trials[i]["beta"]}
    return best_config, trials
