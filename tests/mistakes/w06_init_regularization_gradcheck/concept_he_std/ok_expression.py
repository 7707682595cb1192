# Written as an expression.
answer_he_std = float(np.sqrt(2 / 50))
