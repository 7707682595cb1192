# The windows after the first are counted, the first one is forgotten.
# expect: + 1 is missing
# expect-ja: + 1 が抜けて
def conv_output_size(input_size, filter_size, stride=1, pad=0):
    return (input_size + 2 * pad - filter_size) // stride


def window_slice(a, h, w, f, stride):
    vert_start = h * stride
    horiz_start = w * stride
    return a[vert_start:vert_start + f, horiz_start:horiz_start + f]
