# Picks reshape(-1, m) because it has the right shape.
answer_flatten = {1, 2, 4}
