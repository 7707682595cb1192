# / instead of //: the formula gives a float (4.5 + 1), not a whole number of windows.
# expect: should be an int
# expect-ja: int であるべき
def conv_output_size(input_size, filter_size, stride=1, pad=0):
    return (input_size + 2 * pad - filter_size) / stride + 1


def window_slice(a, h, w, f, stride):
    vert_start = h * stride
    horiz_start = w * stride
    return a[vert_start:vert_start + f, horiz_start:horiz_start + f]
