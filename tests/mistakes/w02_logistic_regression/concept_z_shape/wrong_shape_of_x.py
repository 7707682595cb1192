# Forgets that w.T is (1, 64): answers the shape of X.
answer_z_shape = (64, 267)
