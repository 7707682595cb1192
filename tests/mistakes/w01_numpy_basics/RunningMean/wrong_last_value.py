# Remembers the last number as "the mean".
# expect: last number
class RunningMean:
    def __init__(self):
        self.count = 0
        self.last = 0.0

    def update(self, x):
        self.count += 1
        self.last = x

    def mean(self):
        return float(self.last)
