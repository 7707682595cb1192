# Makes a new generator instead of using rng: the search cannot be repeated.
def random_search(train_fn, n_trials, rng):
    """Random search over the learning rate (log scale) and beta (1 - beta on a log scale).

    train_fn(config) -> score (higher is better); config = {"learning_rate": float, "beta": float}
    Returns best_config (dict), trials (list of dicts with keys learning_rate, beta, score).
    """
    rng = np.random.default_rng()
    trials = []
    for _ in range(n_trials):
        config = {"learning_rate": float(sample_log_uniform(-4, -1, 1, rng)[0]),
                  "beta": float(sample_beta(0.9, 0.999, 1, rng)[0])}
        score = train_fn(config)
        trials.append({**config, "score": score})
    best = max(trials, key=lambda trial: trial["score"])
    best_config = {"learning_rate": best["learning_rate"], "beta": best["beta"]}
    return best_config, trials
