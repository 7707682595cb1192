# np.pad(X, pad) looks like the obvious call, but it pads EVERY axis, the batch and the channels too.
# expect: batch/channel axes
def zero_pad(X, pad):
    X_pad = np.pad(X, pad, mode="constant", constant_values=0)
    return X_pad
