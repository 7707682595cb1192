# Returns the running total and forgets to divide by the count.
# expect: the sum
class RunningMean:
    def __init__(self):
        self.count = 0
        self.total = 0.0

    def update(self, x):
        self.count += 1
        self.total += x

    def mean(self):
        return self.total
