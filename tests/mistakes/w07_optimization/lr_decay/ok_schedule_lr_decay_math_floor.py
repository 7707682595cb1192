# math.floor and a call to update_lr with the staircase step count.
def update_lr(learning_rate0, epoch_num, decay_rate):
    learning_rate = learning_rate0 / (1 + decay_rate * epoch_num)
    return learning_rate


def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    return update_lr(learning_rate0, math.floor(epoch_num / time_interval), decay_rate)
