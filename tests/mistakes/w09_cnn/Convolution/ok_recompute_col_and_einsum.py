# Keeps only x; recomputes col in backward and uses einsum / tensordot.
class Convolution:
    def __init__(self, W, b, stride=1, pad=0):
        self.W = W
        self.b = b
        self.stride = stride
        self.pad = pad
        self.x = None
        self.col = None
        self.col_W = None
        self.dW = None
        self.db = None

    def forward(self, x):
        FN, C, FH, FW = self.W.shape
        N, _, H, W = x.shape
        out_h = (H + 2 * self.pad - FH) // self.stride + 1
        out_w = (W + 2 * self.pad - FW) // self.stride + 1
        self.x = x
        col = im2col(x, FH, FW, self.stride, self.pad).reshape(N, out_h, out_w, -1)
        return np.einsum("nhwk,fk->nfhw", col, self.W.reshape(FN, -1)) + self.b[None, :, None, None]

    def backward(self, dout):
        FN, C, FH, FW = self.W.shape
        col = im2col(self.x, FH, FW, self.stride, self.pad)
        dout_rows = np.moveaxis(dout, 1, -1).reshape(-1, FN)
        self.db = dout_rows.sum(axis=0)
        self.dW = np.tensordot(dout_rows, col, axes=([0], [0])).reshape(self.W.shape)
        dcol = dout_rows @ self.W.reshape(FN, -1)
        return col2im(dcol, self.x.shape, FH, FW, self.stride, self.pad)
