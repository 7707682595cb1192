# np.mean over every entry of t * log(y): divides by N * C instead of N.
def cross_entropy_error(y, t):
    delta = 1e-7
    if t.size != y.size:
        t = np.eye(y.shape[1])[t]
    return -np.mean(t * np.log(y + delta))
