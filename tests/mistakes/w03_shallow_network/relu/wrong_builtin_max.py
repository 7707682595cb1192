# Python's max works on two numbers, not elementwise on an array.
def relu(x):
    y = max(0, x)
    return y
