# The reverse of a per-window im2col: add each row back into its window.
def col2im(col, input_shape, filter_h, filter_w, stride=1, pad=0):
    N, C, H, W = input_shape
    out_h = (H + 2 * pad - filter_h) // stride + 1
    out_w = (W + 2 * pad - filter_w) // stride + 1
    rows = col.reshape(N, out_h, out_w, C, filter_h, filter_w)
    img = np.zeros((N, C, H + 2 * pad, W + 2 * pad))
    for y in range(out_h):
        for x in range(out_w):
            img[:, :, y * stride:y * stride + filter_h, x * stride:x * stride + filter_w] += rows[:, y, x]
    return img[:, :, pad:pad + H, pad:pad + W]
