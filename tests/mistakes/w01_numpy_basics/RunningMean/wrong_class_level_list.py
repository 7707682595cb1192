# Keeps the numbers in a list defined in the class body: one list shared by every instance.
# expect: own state
class RunningMean:
    values = []

    def __init__(self):
        self.count = 0

    def update(self, x):
        self.values.append(x)
        self.count += 1

    def mean(self):
        if self.count == 0:
            return 0.0
        return sum(self.values) / self.count
