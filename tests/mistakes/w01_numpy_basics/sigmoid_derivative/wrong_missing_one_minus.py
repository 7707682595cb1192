# Forgets the (1 − σ) factor: returns σ(x)·σ(x).
# expect: σ(x)·σ(x)
def sigmoid_derivative(x):
    s = sigmoid(x)
    ds = s * s
    return ds
