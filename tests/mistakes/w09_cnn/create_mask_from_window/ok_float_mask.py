# A mask of 0.0 / 1.0 instead of False / True works the same in mask * dA.
def create_mask_from_window(x):
    return (x >= x.max()).astype(float)
