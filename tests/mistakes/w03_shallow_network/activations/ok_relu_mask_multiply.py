# Multiplying by the boolean mask gives numbers (True == 1).
def step_function(x):
    y = x > 0
    return y.astype(int)


def relu(x):
    return x * (x > 0)
