# Divides without looking at count: mean() of a new object is 0 / 0.
class RunningMean:
    def __init__(self):
        self.count = 0
        self.total = 0.0

    def update(self, x):
        self.count += 1
        self.total += x

    def mean(self):
        return self.total / self.count
