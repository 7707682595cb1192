# Updates the mean itself, mean += (x - mean) / count: no total kept.
class RunningMean:
    def __init__(self):
        self.count = 0
        self.current = 0.0

    def update(self, x):
        self.count += 1
        self.current += (x - self.current) / self.count

    def mean(self):
        return self.current
