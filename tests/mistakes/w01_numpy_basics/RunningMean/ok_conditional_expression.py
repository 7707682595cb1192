# The empty case as a conditional expression.
class RunningMean:
    def __init__(self):
        self.count, self.total = 0, 0.0

    def update(self, x):
        self.total = self.total + x
        self.count = self.count + 1

    def mean(self):
        return self.total / self.count if self.count else 0.0
