"""Reference solutions of the dlcourse notebooks (instructors and CI only).

One module per week, named exactly as the week's folder (``w01_numpy_basics`` …). Each
defines every graded exercise under the name the notebook uses, plus ``CONCEPT_ANSWERS``
for the week's concept questions.
"""
WEEKS = (
    "w01_numpy_basics",
    "w02_logistic_regression",
    "w03_shallow_network",
    "w04_deep_network",
    "w05_backprop_layers",
    "w06_init_regularization_gradcheck",
    "w07_optimization",
    "w08_batchnorm_tuning",
    "w09_cnn",
)
