# The number of features from len(X_train) (the number of rows), keyword arguments.
def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):
    dim = len(X_train)
    w, b = initialize_with_zeros(dim)
    params, _, costs = optimize(w=w, b=b, X=X_train, Y=Y_train, learning_rate=learning_rate,
                                num_iterations=num_iterations, print_cost=print_cost)
    w = params["w"]
    b = params["b"]
    Y_prediction_test = predict(w, b, X_test)
    Y_prediction_train = predict(w, b, X_train)
    d = {"costs": costs,
         "Y_prediction_test": Y_prediction_test,
         "Y_prediction_train": Y_prediction_train,
         "w": w,
         "b": b,
         "learning_rate": learning_rate,
         "num_iterations": num_iterations}
    return d
