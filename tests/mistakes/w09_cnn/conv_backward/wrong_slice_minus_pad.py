# The course's da_prev_pad[pad:-pad, pad:-pad, :]: empty when pad == 0.
# expect: empty when pad == 0
def conv_backward(dZ, cache):
    (A_prev, W, b, hparameters) = cache
    stride, pad = hparameters["stride"], hparameters["pad"]
    (m, n_H_prev, n_W_prev, n_C_prev) = A_prev.shape
    A_prev_pad = zero_pad(A_prev, pad)
    dA_prev = np.zeros(A_prev.shape)
    dW = np.zeros(W.shape)
    db = np.zeros(b.shape)
    for i in range(m):
        da_prev_pad, dW_i, db_i = conv_backward_example(dZ[i], A_prev_pad[i], W, stride)
        dA_prev[i, :, :, :] = da_prev_pad[pad:-pad, pad:-pad, :]
        dW += dW_i
        db += db_i
    return dA_prev, dW, db
