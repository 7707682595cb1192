# A dict comprehension over the parameter names with np.zeros_like.
def initialize_velocity(parameters):
    return {"d" + name: np.zeros_like(value, dtype=float) for name, value in parameters.items()}
