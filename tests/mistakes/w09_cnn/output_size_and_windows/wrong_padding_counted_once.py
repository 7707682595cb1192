# n + pad: the zeros on the far side are forgotten.
# expect: counted once
# expect-ja: 片側の分しか
def conv_output_size(input_size, filter_size, stride=1, pad=0):
    return (input_size + pad - filter_size) // stride + 1


def window_slice(a, h, w, f, stride):
    vert_start = h * stride
    horiz_start = w * stride
    return a[vert_start:vert_start + f, horiz_start:horiz_start + f]
