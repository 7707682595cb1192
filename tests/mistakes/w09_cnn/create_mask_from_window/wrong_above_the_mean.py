# "Large values" read as larger than the mean: several cells marked.
def create_mask_from_window(x):
    mask = x > np.mean(x)
    return mask
