# One slice per output pixel, stacked in (n, y, x) order (slower, same result).
def im2col(input_data, filter_h, filter_w, stride=1, pad=0):
    N, C, H, W = input_data.shape
    out_h = (H + 2 * pad - filter_h) // stride + 1
    out_w = (W + 2 * pad - filter_w) // stride + 1
    img = np.pad(input_data, [(0, 0), (0, 0), (pad, pad), (pad, pad)])
    rows = [img[:, :, y * stride:y * stride + filter_h, x * stride:x * stride + filter_w].reshape(N, -1)
            for y in range(out_h) for x in range(out_w)]
    return np.stack(rows, axis=1).reshape(N * out_h * out_w, -1)
