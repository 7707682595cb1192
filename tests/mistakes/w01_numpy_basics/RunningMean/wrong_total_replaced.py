# Assigns x to the total instead of adding it: only the last number is remembered.
class RunningMean:
    def __init__(self):
        self.count = 0
        self.total = 0.0

    def update(self, x):
        self.count += 1
        self.total = x

    def mean(self):
        if self.count == 0:
            return 0.0
        return self.total / self.count
