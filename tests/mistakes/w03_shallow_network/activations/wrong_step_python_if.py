# The formula written for one number: `if` on an array raises "truth value ... is ambiguous".
def step_function(x):
    if x > 0:
        return 1
    else:
        return 0


def relu(x):
    return np.maximum(0, x)
