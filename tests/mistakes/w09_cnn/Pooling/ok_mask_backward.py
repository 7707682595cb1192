# Backward with a mask (col == row max) instead of argmax: the same without ties.
class Pooling:
    def __init__(self, pool_h, pool_w, stride=2, pad=0):
        self.pool_h = pool_h
        self.pool_w = pool_w
        self.stride = stride
        self.pad = pad
        self.x = None
        self.arg_max = None

    def forward(self, x):
        N, C, H, W = x.shape
        out_h = (H + 2 * self.pad - self.pool_h) // self.stride + 1
        out_w = (W + 2 * self.pad - self.pool_w) // self.stride + 1
        self.col = im2col(x, self.pool_h, self.pool_w, self.stride, self.pad).reshape(-1, self.pool_h * self.pool_w)
        self.out_rows = self.col.max(axis=1, keepdims=True)
        self.x = x
        return self.out_rows.reshape(N, out_h, out_w, C).transpose(0, 3, 1, 2)

    def backward(self, dout):
        mask = self.col == self.out_rows
        dcol = mask * dout.transpose(0, 2, 3, 1).reshape(-1, 1)
        N = self.x.shape[0]
        dcol = dcol.reshape(-1, self.x.shape[1] * self.pool_h * self.pool_w)
        return col2im(dcol, self.x.shape, self.pool_h, self.pool_w, self.stride, self.pad)
