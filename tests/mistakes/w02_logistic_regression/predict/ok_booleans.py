# Booleans instead of 0./1. floats: True/False count as 1/0, so they are accepted.
def predict(w, b, X):
    A = sigmoid(w.T @ X + b)
    return A > 0.5
