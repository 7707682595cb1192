# Thinking of an image as (height, width, ...): the pad widths go to axes 0 and 1, the batch and the height.
def zero_pad(X, pad):
    X_pad = np.pad(X, ((pad, pad), (pad, pad), (0, 0), (0, 0)), mode="constant", constant_values=0)
    return X_pad
