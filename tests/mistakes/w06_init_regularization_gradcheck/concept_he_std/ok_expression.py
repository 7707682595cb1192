# Written as an expression.
# answer_he_std: a float, e.g. 0.05
answer_he_std = None
answer_he_std = float(np.sqrt(2 / 50))
