# The course's int((n + 2p - f) / s) + 1, and the window with explicit end variables.
def conv_output_size(input_size, filter_size, stride=1, pad=0):
    return int((input_size + 2 * pad - filter_size) / stride) + 1


def window_slice(a, h, w, f, stride):
    vert_start = h * stride
    vert_end = vert_start + f
    horiz_start = w * stride
    horiz_end = horiz_start + f
    a_slice = a[vert_start:vert_end, horiz_start:horiz_end, ...]
    return a_slice
