# math.ceil: a window that runs over the edge is counted too.
# expect: rounded up
# expect-ja: 切り上げ
import math


def conv_output_size(input_size, filter_size, stride=1, pad=0):
    return math.ceil((input_size + 2 * pad - filter_size) / stride) + 1


def window_slice(a, h, w, f, stride):
    vert_start = h * stride
    horiz_start = w * stride
    return a[vert_start:vert_start + f, horiz_start:horiz_start + f]
