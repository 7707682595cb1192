# math.exp instead of np.exp: works on one number, fails on an array.
# expect: np.exp
def sigmoid(x):
    s = 1 / (1 + math.exp(-x))
    return s
