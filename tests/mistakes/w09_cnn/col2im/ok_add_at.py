# np.add.at adds every value at its pixel, repeated indices included.
def col2im(col, input_shape, filter_h, filter_w, stride=1, pad=0):
    N, C, H, W = input_shape
    out_h = (H + 2 * pad - filter_h) // stride + 1
    out_w = (W + 2 * pad - filter_w) // stride + 1
    values = col.reshape(N, out_h, out_w, C, filter_h, filter_w)
    rows = (np.arange(out_h)[:, None, None, None, None] * stride + np.arange(filter_h)[None, None, None, :, None])
    cols = (np.arange(out_w)[None, :, None, None, None] * stride + np.arange(filter_w)[None, None, None, None, :])
    chans = np.arange(C)[None, None, :, None, None]
    img = np.zeros((N, C, H + 2 * pad, W + 2 * pad))
    for n in range(N):
        np.add.at(img[n], (np.broadcast_to(chans, values.shape[1:]), np.broadcast_to(rows, values.shape[1:]),
                           np.broadcast_to(cols, values.shape[1:])), values[n])
    return img[:, :, pad:pad + H, pad:pad + W]
