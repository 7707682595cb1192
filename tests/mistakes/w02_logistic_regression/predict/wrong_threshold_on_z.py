# The sigmoid skipped: z compared with 0.5 (z would have to be compared with 0).
def predict(w, b, X):
    Z = np.dot(w.T, X) + b
    Y_prediction = (Z > 0.5).astype(float)
    return Y_prediction
