# Believes a bigger learning rate is always better.
# expect: overshoots the valley
# answer_learning_rate: a set of the numbers of the true statements, e.g. {2, 3}
answer_learning_rate = None
answer_learning_rate = {1, 2}
