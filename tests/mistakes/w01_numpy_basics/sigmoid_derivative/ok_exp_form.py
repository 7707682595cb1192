# σ'(x) = e^(−|x|) / (1 + e^(−|x|))²: the same value, written with exponentials (symmetric in x).
def sigmoid_derivative(x):
    e = np.exp(-np.abs(x))
    return e / (1 + e) ** 2
