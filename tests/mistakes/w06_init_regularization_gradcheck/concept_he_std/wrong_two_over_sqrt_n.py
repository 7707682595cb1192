# 2/√50 ≈ 0.283: the common slip of He's formula.
answer_he_std = 2 / np.sqrt(50)
