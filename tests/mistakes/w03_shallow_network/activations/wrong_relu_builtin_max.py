# Python's max works on two numbers, not elementwise on an array.
def step_function(x):
    y = x > 0
    return y.astype(int)


def relu(x):
    y = max(0, x)
    return y
