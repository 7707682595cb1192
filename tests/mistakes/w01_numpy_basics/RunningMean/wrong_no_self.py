# Sets count and total as local variables of __init__ (no self.): they vanish when __init__ returns.
class RunningMean:
    def __init__(self):
        count = 0
        total = 0.0

    def update(self, x):
        self.count += 1
        self.total += x

    def mean(self):
        if self.count == 0:
            return 0.0
        return self.total / self.count
