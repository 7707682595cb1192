# The window of output pixel (h, w) taken at (h, w), as if the stride were 1.
# expect: starts at row h
def conv_output_size(input_size, filter_size, stride=1, pad=0):
    return (input_size + 2 * pad - filter_size) // stride + 1


def window_slice(a, h, w, f, stride):
    return a[h:h + f, w:w + f]
