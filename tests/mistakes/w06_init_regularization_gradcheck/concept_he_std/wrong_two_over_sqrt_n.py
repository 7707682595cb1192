# 2/√50 ≈ 0.283: the common slip of He's formula.
# expect: not 2/√n
# answer_he_std: a float, e.g. 0.05
answer_he_std = None
answer_he_std = 2 / np.sqrt(50)
