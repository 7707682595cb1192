# (pad, 0) read as "pad on this axis": only the top and left get zeros.
def zero_pad(X, pad):
    X_pad = np.pad(X, ((0, 0), (pad, 0), (pad, 0), (0, 0)), mode="constant", constant_values=0)
    return X_pad
