# Forgets that w.T is (1, 64): answers the shape of X.
# expect: one z per example
# answer_z_shape: a tuple of whole numbers, e.g. (5, 7)
answer_z_shape = None
answer_z_shape = (64, 107)
