# The last row of the window is vert_start + f - 1, so the slice stops there — but a slice's end is excluded.
def conv_output_size(input_size, filter_size, stride=1, pad=0):
    return (input_size + 2 * pad - filter_size) // stride + 1


def window_slice(a, h, w, f, stride):
    vert_start, horiz_start = h * stride, w * stride
    return a[vert_start:vert_start + f - 1, horiz_start:horiz_start + f - 1]
