"""mi_helpers: mutual-information estimators, ground-truth data and course tools.

Results are in nats unless a function is given ``base=2`` (bits) or another
base. Importing the package loads NumPy and SciPy only; scikit-learn, pandas,
scikit-image and NLTK are imported inside the functions that need them, and
the live panels live in :mod:`mi_helpers.widgets` (ipywidgets, matplotlib).

Modules, by responsibility:

* :mod:`~mi_helpers.estimators`: entropy and MI estimators (plug-in, Miller-Madow,
  KSG, KDE, Gaussian) and the pairwise MI matrix;
* :mod:`~mi_helpers.conditional`: conditional entropy and conditional MI;
* :mod:`~mi_helpers.synthetic`: samplers with known ground truth;
* :mod:`~mi_helpers.stats`, :mod:`~mi_helpers.significance`: sampling
  distributions, permutation tests, bootstrap intervals;
* :mod:`~mi_helpers.small_sample`: entropy and MI from few samples
  (James-Stein shrinkage, NSB);
* :mod:`~mi_helpers.association`: MI on the scale of a correlation;
* :mod:`~mi_helpers.selection`, :mod:`~mi_helpers.trees`,
  :mod:`~mi_helpers.clustering`, :mod:`~mi_helpers.text`,
  :mod:`~mi_helpers.images`, :mod:`~mi_helpers.networks`: MI applied to feature
  selection, decision trees, clustering, collocations, image registration and
  network inference;
* :mod:`~mi_helpers.neural`: variational (neural) lower bounds, DV/MINE, NWJ,
  InfoNCE, and a small critic trained with JAX (imported only when training);
* :mod:`~mi_helpers.datasets`: offline loaders of the real data sets.

>>> import mi_helpers as mh
>>> x, y = mh.correlated_gaussian(2000, 0.8, seed=0)
>>> round(mh.gaussian_mi(0.8), 4)
0.5108
"""

from . import (
    association,
    clustering,
    conditional,
    datasets,
    estimators,
    images,
    networks,
    neural,
    selection,
    significance,
    small_sample,
    stats,
    synthetic,
    text,
    trees,
)
from ._validation import BinsWarning, ContinuousInputWarning, OutlierWarning, TiesWarning
from .association import *  # noqa: F403
from .clustering import *  # noqa: F403
from .conditional import *  # noqa: F403
from .datasets import *  # noqa: F403
from .estimators import *  # noqa: F403
from .images import *  # noqa: F403
from .networks import *  # noqa: F403
from .neural import *  # noqa: F403
from .selection import *  # noqa: F403
from .significance import *  # noqa: F403
from .small_sample import *  # noqa: F403
from .stats import *  # noqa: F403
from .synthetic import *  # noqa: F403
from .text import *  # noqa: F403
from .trees import *  # noqa: F403

__version__ = "0.1.0"

_MODULES = (association, clustering, conditional, datasets, estimators, images, networks, neural,
            selection, significance, small_sample, stats, synthetic, text, trees)
__all__ = ["BinsWarning", "ContinuousInputWarning", "OutlierWarning", "TiesWarning", *(name for m in _MODULES for name in m.__all__)]
