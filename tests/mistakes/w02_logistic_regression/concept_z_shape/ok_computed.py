# Computes the shape instead of working it out by hand.
# answer_z_shape: a tuple of whole numbers, e.g. (5, 7)
answer_z_shape = None
answer_z_shape = (np.zeros((64, 1)).T @ train_set_x + 0.0).shape
