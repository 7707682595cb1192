# The Coursera order (f, pad, stride) read into the book's signature (filter_size, stride, pad).
def conv_output_size(input_size, filter_size, pad=0, stride=1):
    return (input_size + 2 * pad - filter_size) // stride + 1


def window_slice(a, h, w, f, stride):
    vert_start = h * stride
    horiz_start = w * stride
    return a[vert_start:vert_start + f, horiz_start:horiz_start + f]
