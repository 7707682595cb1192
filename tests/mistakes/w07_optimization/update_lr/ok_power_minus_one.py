# Writes the division as a power -1.
def update_lr(learning_rate0, epoch_num, decay_rate):
    return learning_rate0 * (1.0 + decay_rate * epoch_num) ** -1
