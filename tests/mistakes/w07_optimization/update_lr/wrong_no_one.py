# Forgets the 1 in the denominator (and divides by 0 at epoch 0).
def update_lr(learning_rate0, epoch_num, decay_rate):
    learning_rate = learning_rate0 / (decay_rate * epoch_num)
    return learning_rate
