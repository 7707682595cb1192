# Picks reshape(-1, m) because it has the right shape.
# expect: mix pixels of different images
# answer_flatten: a set of the numbers of the right expressions, e.g. {2, 3}
answer_flatten = None
answer_flatten = {1, 2, 4}
