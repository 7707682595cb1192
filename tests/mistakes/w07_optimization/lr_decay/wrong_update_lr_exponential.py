# Exponential decay instead of inverse-time decay.
def update_lr(learning_rate0, epoch_num, decay_rate):
    learning_rate = learning_rate0 * decay_rate ** epoch_num
    return learning_rate


def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    completed_intervals = np.floor(epoch_num / time_interval)
    learning_rate = learning_rate0 / (1 + decay_rate * completed_intervals)
    return learning_rate
