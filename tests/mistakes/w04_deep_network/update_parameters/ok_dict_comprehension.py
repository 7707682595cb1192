# A fresh dict built in one comprehension.
def update_parameters(params, grads, learning_rate):
    return {key: value - learning_rate * grads["d" + key] for key, value in params.items()}
