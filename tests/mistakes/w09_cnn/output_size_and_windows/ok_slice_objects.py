# slice objects, and the floor taken with np.floor then converted to int.
def conv_output_size(input_size, filter_size, stride=1, pad=0):
    return int(np.floor((input_size + 2 * pad - filter_size) / stride)) + 1


def window_slice(a, h, w, f, stride):
    rows = slice(h * stride, h * stride + f)
    cols = slice(w * stride, w * stride + f)
    return a[rows, cols]
