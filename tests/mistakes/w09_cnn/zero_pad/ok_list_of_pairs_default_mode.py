# A list of pairs and the default mode ("constant", zeros).
def zero_pad(X, pad):
    return np.pad(X, [(0, 0), (pad, pad), (pad, pad), (0, 0)])
