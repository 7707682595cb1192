# The window sliced like a 2-D image: a[..., 0] keeps only the first channel.
def conv_output_size(input_size, filter_size, stride=1, pad=0):
    return (input_size + 2 * pad - filter_size) // stride + 1


def window_slice(a, h, w, f, stride):
    vert_start, horiz_start = h * stride, w * stride
    return a[vert_start:vert_start + f, horiz_start:horiz_start + f, 0]
