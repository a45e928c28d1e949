"""torch.nn.functional's two binary cross-entropies, as PyTorch documents them."""
import numpy as np


def _reduce(loss, reduction):
    from torch import _t

    if reduction == "mean":
        return _t(loss.sum() / loss.size)
    if reduction == "sum":
        return _t(loss.sum())
    return _t(loss)


def binary_cross_entropy(input, target, weight=None, reduction="mean"):
    x, y = np.asarray(input), np.asarray(target)
    # PyTorch clamps each log at -100.
    loss = -(y * np.maximum(np.log(x), -100) + (1 - y) * np.maximum(np.log(1 - x), -100))
    if weight is not None:
        loss = np.asarray(weight) * loss
    return _reduce(loss, reduction)


def binary_cross_entropy_with_logits(input, target, weight=None, pos_weight=None, reduction="mean"):
    z, y = np.asarray(input), np.asarray(target)
    pw = 1.0 if pos_weight is None else np.asarray(pos_weight)
    # l = -[pw y log sigmoid(z) + (1 - y) log(1 - sigmoid(z))], computed stably.
    log_sig = -np.logaddexp(0, -z)
    log_one_minus = -np.logaddexp(0, z)
    loss = -(pw * y * log_sig + (1 - y) * log_one_minus)
    if weight is not None:
        loss = np.asarray(weight) * loss
    return _reduce(loss, reduction)
