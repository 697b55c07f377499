"""mi_helpers: mutual-information estimators, ground-truth data and course tools.

Results are in nats unless a function is given ``base=2`` (bits) or another
base. The top-level package imports only NumPy and SciPy; plotting and
widgets live in :mod:`mi_helpers.plotting` and :mod:`mi_helpers.widgets`.

>>> import mi_helpers as mh
>>> x, y = mh.correlated_gaussian(2000, 0.8, seed=0)
>>> round(mh.gaussian_mi(0.8), 4)
0.5108
"""

from ._validation import ContinuousInputWarning, TiesWarning
from .estimators import *  # noqa: F403
from .estimators import __all__ as _est_all
from .synthetic import *  # noqa: F403
from .synthetic import __all__ as _syn_all

__version__ = "0.1.0"

__all__ = ["ContinuousInputWarning", "TiesWarning", *_est_all, *_syn_all]
