# A dot product of the flattened arrays.
def conv_single_step(a_slice_prev, W, b):
    return float(a_slice_prev.ravel() @ W.ravel() + b.item())
