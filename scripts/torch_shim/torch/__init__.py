"""numpy stand-ins for torch.tensor, from_numpy, clamp, logit, where and log (float64 arrays)."""
import numpy as np

from . import nn  # noqa: F401

float64 = np.float64


class Tensor(np.ndarray):
    """An ndarray with PyTorch's .item() on 0-d results and boolean indexing kept."""

    def item(self):
        return float(np.asarray(self))


def _t(x):
    return np.asarray(x, dtype=np.float64).view(Tensor)


def tensor(x, dtype=None):
    return _t(x)


def from_numpy(x):
    return _t(x)


def clamp(x, lo, hi):
    return _t(np.clip(x, lo, hi))


def logit(p):
    p = np.asarray(p, dtype=np.float64)
    return _t(np.log(p / (1 - p)))


def where(condition, input, other):
    return _t(np.where(condition, input, other))


def log(x):
    return _t(np.log(np.asarray(x, dtype=np.float64)))
