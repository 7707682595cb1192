# Believes a bigger learning rate is always better.
answer_learning_rate = {1, 2}
