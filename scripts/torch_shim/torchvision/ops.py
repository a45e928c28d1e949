"""torchvision.ops.sigmoid_focal_loss, line for line in numpy."""
import numpy as np

from torch.nn.functional import _reduce, binary_cross_entropy_with_logits


def sigmoid_focal_loss(inputs, targets, alpha=0.25, gamma=2, reduction="none"):
    z, t = np.asarray(inputs), np.asarray(targets)
    p = 1 / (1 + np.exp(-z))
    ce = np.asarray(binary_cross_entropy_with_logits(z, t, reduction="none"))
    p_t = p * t + (1 - p) * (1 - t)
    loss = ce * ((1 - p_t) ** gamma)
    if alpha >= 0:
        loss = (alpha * t + (1 - alpha) * (1 - t)) * loss
    return _reduce(loss, reduction)
