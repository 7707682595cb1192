# Without the copies: fine too, because w = w - ... makes a new array and never changes the caller's.
def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    costs = []
    for i in range(num_iterations):
        grads, cost = propagate(w, b, X, Y)
        dw, db = grads["dw"], grads["db"]
        w = w - learning_rate * dw
        b = b - learning_rate * db
        if not i % 100:
            costs.append(cost)
    if print_cost:
        for k, c in enumerate(costs):
            print("Cost after iteration %i: %f" % (100 * k, c))
    params = {"w": w, "b": b}
    grads = {"dw": dw, "db": db}
    return params, grads, costs
