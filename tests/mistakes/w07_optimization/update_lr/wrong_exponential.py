# Exponential decay instead of inverse-time decay.
def update_lr(learning_rate0, epoch_num, decay_rate):
    learning_rate = learning_rate0 * decay_rate ** epoch_num
    return learning_rate
