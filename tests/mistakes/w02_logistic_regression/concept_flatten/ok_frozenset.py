# A frozenset is a set too.
answer_flatten = frozenset([4, 1])
