# A vectorised im2col whose np.pad(input_data, pad) also pads the batch and channel axes.
# expect: batch/channel axes
# expect-ja: バッチとチャンネルの軸
def im2col(input_data, filter_h, filter_w, stride=1, pad=0):
    img = np.pad(input_data, pad, mode="constant")
    windows = np.lib.stride_tricks.sliding_window_view(img, (filter_h, filter_w), axis=(2, 3))[:, :, ::stride, ::stride]
    N, C, out_h, out_w = windows.shape[:4]
    return windows.transpose(0, 2, 3, 1, 4, 5).reshape(N * out_h * out_w, -1)
