# Returns dout twice, directly.
class AddLayer:
    def __init__(self):
        pass

    def forward(self, x, y):
        return np.add(x, y)

    def backward(self, dout):
        return dout, dout
