# Sets the negatives to 0 in the caller's array: the right values, but x itself is changed.
# expect: in place
def step_function(x):
    y = x > 0
    return y.astype(int)


def relu(x):
    x[x < 0] = 0
    return x
