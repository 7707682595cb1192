# Calls initialize_velocity twice: two separate dicts of zeros.
def initialize_adam(parameters):
    v = initialize_velocity(parameters)
    s = initialize_velocity(parameters)
    return v, s
