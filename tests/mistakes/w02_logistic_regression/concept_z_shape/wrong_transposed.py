# Pictures z as a column, one row per example.
# expect: one z per example
# answer_z_shape: a tuple of whole numbers, e.g. (5, 7)
answer_z_shape = None
answer_z_shape = (107, 1)
