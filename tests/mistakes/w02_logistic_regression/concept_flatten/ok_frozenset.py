# A frozenset is a set too.
# answer_flatten: a set of the numbers of the right expressions, e.g. {2, 3}
answer_flatten = None
answer_flatten = frozenset([4, 1])
