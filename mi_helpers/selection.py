"""Feature selection with mutual information: ranking and mRMR.

Univariate MI ranking scores each feature alone by its relevance I(X_j; Y)
and keeps the top ones, so a feature and its near-copies are kept together.
Minimum-redundancy-maximum-relevance (mRMR) [PLD]_ adds features one at a
time, each time taking the one whose relevance minus its mean MI with the
features already chosen is largest.

Everything here works in nats. scikit-learn is imported inside the functions
that need it, so importing this module stays cheap.

References
----------
.. [PLD] H. Peng, F. Long, C. Ding, "Feature selection based on mutual
   information: criteria of max-dependency, max-relevance, and
   min-redundancy", IEEE Trans. Pattern Analysis and Machine Intelligence
   27(8), 1226-1238 (2005).
.. [Ross] B. C. Ross, "Mutual information between discrete and continuous
   data sets", PLoS ONE 9(2), e87357 (2014); the estimator behind
   :func:`sklearn.feature_selection.mutual_info_classif`.
"""

from __future__ import annotations

import numbers

import numpy as np

from ._validation import as_continuous, as_labels, check_int, check_same_length
from .estimators import _check_k, _KSGColumns, pairwise_mi
from .synthetic import make_rng

__all__ = [
    "MRMRSelector",
    "SelectionStudy",
    "add_noisy_copies",
    "cv_scores_by_size",
    "mi_redundancy",
    "mi_relevance",
    "mrmr",
    "rank_by_score",
]


# --------------------------------------------------------------------------
# The greedy mRMR search on given relevance and redundancy
# --------------------------------------------------------------------------


def _check_weight(weight) -> float:
    if isinstance(weight, bool) or not isinstance(weight, numbers.Real):
        raise TypeError(f"weight must be a real number, got {type(weight).__name__}")
    weight = float(weight)
    if not np.isfinite(weight) or weight < 0:
        raise ValueError(f"weight must be finite and non-negative, got {weight!r}")
    return weight


def _as_vector(a, name: str) -> np.ndarray:
    try:
        arr = np.asarray(a, dtype=np.float64)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be an array of real numbers") from None
    return arr


def mrmr(relevance, redundancy, n_select, *, weight=1.0) -> np.ndarray:
    """Greedy minimum-redundancy-maximum-relevance selection.

    The first feature is the most relevant one. Each next feature j is the
    not-yet-chosen one that maximises

        relevance[j] - weight * mean(redundancy[j, i] for i already chosen),

    the "MID" (mutual information difference) criterion of the incremental
    search of [PLD]_ when ``weight`` is 1. ``weight = 0`` gives plain
    univariate ranking; larger weights punish redundancy more.

    Parameters
    ----------
    relevance : array-like, shape (p,)
        I(X_j; Y) for every feature, e.g. from :func:`mi_relevance` (nats).
    redundancy : array-like, shape (p, p)
        Symmetric matrix of I(X_i; X_j), e.g. from :func:`mi_redundancy`, in
        the same unit as ``relevance``. The diagonal is never read (it may
        be NaN).
    n_select : int
        Number of features to choose, 1 <= n_select <= p.
    weight : float, default 1.0
        Non-negative weight of the redundancy term.

    Returns
    -------
    ndarray of int, shape (n_select,)
        Column indices in the order they were chosen. Ties go to the lowest
        index, so the result is deterministic.

    Raises
    ------
    ValueError
        If ``relevance`` is empty or not 1-D, either input holds NaN or
        infinite values (off the diagonal), ``redundancy`` has the wrong shape
        or is not symmetric, ``n_select`` is out of range, or ``weight`` is
        negative.
    TypeError
        If an input is not numeric, or ``n_select`` is not an integer.

    Notes
    -----
    O(p * n_select) time: the running sum of redundancy to the chosen set is
    updated with one row per step, and only the rows of the features chosen
    (all but the last) are read. The search is greedy, as in [PLD]_; it does
    not search all subsets.

    References
    ----------
    .. [PLD] H. Peng, F. Long, C. Ding, "Feature selection based on mutual
       information: criteria of max-dependency, max-relevance, and
       min-redundancy", IEEE Trans. Pattern Analysis and Machine Intelligence
       27(8), 1226-1238 (2005).

    Examples
    --------
    Feature 1 is a near-copy of feature 0; feature 2 is less relevant but new.

    >>> import mi_helpers as mh
    >>> relevance = [0.50, 0.48, 0.30]
    >>> redundancy = [[0.0, 2.0, 0.0], [2.0, 0.0, 0.0], [0.0, 0.0, 0.0]]
    >>> mh.mrmr(relevance, redundancy, 2)
    array([0, 2])
    >>> mh.mrmr(relevance, redundancy, 2, weight=0.0)  # plain ranking keeps the copy
    array([0, 1])
    """
    rel = _as_vector(relevance, "relevance")
    if rel.ndim != 1 or rel.size == 0:
        raise ValueError(f"relevance must be a non-empty 1-D array, got shape {rel.shape}")
    if not np.isfinite(rel).all():
        raise ValueError("relevance contains NaN or infinite values")
    p = rel.size
    red = _as_vector(redundancy, "redundancy")
    if red.shape != (p, p):
        raise ValueError(f"redundancy must have shape ({p}, {p}) to match relevance, got {red.shape}")
    off = ~np.eye(p, dtype=bool)
    if not np.isfinite(red[off]).all():
        raise ValueError("redundancy contains NaN or infinite values off the diagonal")
    if not np.allclose(red[off], red.T[off], rtol=1e-9, atol=1e-12):
        raise ValueError("redundancy must be symmetric: I(X_i; X_j) = I(X_j; X_i)")
    n_select = check_int(n_select, "n_select", minimum=1)
    if n_select > p:
        raise ValueError(f"n_select must be at most the number of features ({p}), got {n_select}")
    weight = _check_weight(weight)

    return _greedy_mrmr(rel, lambda j, free: red[free, j], n_select, weight)


def _greedy_mrmr(rel: np.ndarray, redundancy_row, n_select: int, weight: float) -> np.ndarray:
    """The greedy search of :func:`mrmr`, reading redundancy one row at a time.

    ``redundancy_row(j, free)`` returns I(X_i; X_j) for the features i
    where the boolean mask ``free`` is True (those not chosen yet), in
    index order. It is called once per chosen feature except the last, and
    never when ``weight`` is 0, so a caller can compute the pairs lazily:
    picking s of p features reads (p - 1) + ... + (p - s + 1) pairs instead
    of all p (p - 1) / 2.
    """
    p = rel.size
    chosen = np.empty(n_select, dtype=np.intp)
    free = np.ones(p, dtype=bool)
    red_sum = np.zeros(p)
    score = rel.copy()
    for step in range(n_select):
        candidates = np.where(free, score, -np.inf)
        j = int(np.argmax(candidates))  # first maximum: ties go to the lowest index
        chosen[step] = j
        free[j] = False
        if step == n_select - 1 or weight == 0.0:
            continue
        red_sum[free] += redundancy_row(j, free)
        score = rel - weight * red_sum / (step + 1)
    return chosen


def rank_by_score(scores) -> np.ndarray:
    """Indices that sort ``scores`` from largest to smallest.

    Parameters
    ----------
    scores : array-like, shape (p,)
        One score per feature (relevance, F statistic, ...).

    Returns
    -------
    ndarray of int, shape (p,)
        Feature indices, best first; ties keep the lower index first.

    Raises
    ------
    ValueError
        If ``scores`` is not 1-D or holds NaN.
    TypeError
        If ``scores`` is not numeric.

    Examples
    --------
    >>> import mi_helpers as mh
    >>> mh.rank_by_score([0.2, 0.9, 0.2, 0.5])
    array([1, 3, 0, 2])
    """
    s = _as_vector(scores, "scores")
    if s.ndim != 1:
        raise ValueError(f"scores must be 1-D, got shape {s.shape}")
    if np.isnan(s).any():
        raise ValueError("scores contains NaN")
    return np.argsort(-s, kind="stable")


# --------------------------------------------------------------------------
# The two MI ingredients
# --------------------------------------------------------------------------


def _check_xy(X, y):
    Xa = as_continuous(X, "X", min_samples=4)
    codes, m = as_labels(y, "y")
    if codes.ndim != 1 or np.asarray(y).ndim != 1:
        raise ValueError(f"y must be 1-D class labels, got shape {np.asarray(y).shape}")
    check_same_length(("X", Xa), ("y", codes))
    if m < 2:
        raise ValueError("y has a single class; there is nothing to select for")
    return Xa, codes


def _check_seed(seed) -> int:
    if seed is None:
        raise ValueError("seed must be an int; unseeded estimates cannot be reproduced")
    return check_int(seed, "seed", minimum=0)


def mi_relevance(X, y, *, k=3, seed) -> np.ndarray:
    """I(X_j; Y) of every column with class labels, by scikit-learn's kNN estimator.

    A thin, checked wrapper of
    :func:`sklearn.feature_selection.mutual_info_classif` with
    ``discrete_features=False``, Ross's estimator [Ross]_ (the package's own
    version of it is :func:`~mi_helpers.estimators.mi_mixed`).

    Parameters
    ----------
    X : array-like, shape (n, p)
        Continuous features, at least 4 rows.
    y : array-like, shape (n,)
        Class labels, at least 2 classes.
    k : int, default 3
        Neighbours of the kNN estimator (more: less variance, more bias);
        scikit-learn's ``n_neighbors``. Must be below the smallest class size.
    seed : int
        scikit-learn's ``random_state``: the seed of the tiny noise it adds
        to break ties. Required.

    Returns
    -------
    ndarray, shape (p,)
        Estimates in nats, clipped at 0 by scikit-learn. O(p n log n).

    Raises
    ------
    ValueError
        If ``X`` and ``y`` differ in length, ``X`` holds NaN or infinite
        values, ``y`` has one class or missing labels, ``k`` is not below the
        smallest class size, or ``seed`` is None or negative.
    TypeError
        If ``k`` or ``seed`` is not an integer.

    References
    ----------
    .. [Ross] B. C. Ross, "Mutual information between discrete and continuous
       data sets", PLoS ONE 9(2), e87357 (2014).

    Examples
    --------
    >>> import numpy as np
    >>> import mi_helpers as mh
    >>> rng = np.random.default_rng(0)
    >>> y = rng.integers(0, 2, 2000)
    >>> X = np.c_[2.0 * y + rng.standard_normal(2000), rng.standard_normal(2000)]
    >>> mh.mi_relevance(X, y, seed=0).round(3)  # the truth: 0.337 and 0 nats
    array([0.343, 0.01 ])
    """
    from sklearn.feature_selection import mutual_info_classif

    Xa, codes = _check_xy(X, y)
    k = check_int(k, "k", minimum=1)
    counts = np.bincount(codes)
    if k >= counts.min():
        raise ValueError(f"k must be smaller than the smallest class size ({counts.min()}), got {k}")
    return mutual_info_classif(Xa, codes, discrete_features=False, n_neighbors=k, random_state=_check_seed(seed))


def mi_redundancy(X, *, k=3) -> np.ndarray:
    """Pairwise I(X_i; X_j) between the columns of ``X`` by KSG (nats).

    :func:`mi_helpers.pairwise_mi` with ``method="ksg"`` and one thread (the
    matrices of a course-sized data set are too small to gain from more).

    Parameters
    ----------
    X : array-like, shape (n, p)
        Continuous features, at least k + 2 rows.
    k : int, default 3
        Neighbours of the KSG estimator [KSG]_.

    Returns
    -------
    ndarray, shape (p, p)
        Symmetric matrix of estimates in nats; the diagonal is NaN.
        O(p^2 n log n).

    Raises
    ------
    ValueError
        If ``X`` is not 2-D, holds NaN or infinite values, or has fewer than
        k + 2 rows.
    TypeError
        If ``X`` is not numeric or ``k`` is not an integer.

    Warns
    -----
    TiesWarning
        When columns hold many repeated values (rounded measurements).

    References
    ----------
    .. [KSG] A. Kraskov, H. Stoegbauer, P. Grassberger, "Estimating mutual
       information", Phys. Rev. E 69, 066138 (2004).

    Examples
    --------
    >>> import numpy as np
    >>> import mi_helpers as mh
    >>> x, y = mh.correlated_gaussian(2000, 0.9, seed=0)
    >>> mh.mi_redundancy(np.c_[x, y]).round(2)  # the truth is 0.83 nats
    array([[ nan, 0.84],
           [0.84,  nan]])
    """
    k = check_int(k, "k", minimum=1)
    return pairwise_mi(X, method="ksg", k=k, workers=1)


def add_noisy_copies(X, names, columns, noise_levels, *, seed):
    """Append noisy copies of some columns: redundant features on purpose.

    Every column in ``columns`` gets one copy per level in ``noise_levels``:
    the column plus independent Gaussian noise with standard deviation
    ``level * std(column)``. A copy at level 0.1 is a near-duplicate
    (correlation about 0.995); at 0.4, a noisy copy (about 0.93).

    Parameters
    ----------
    X : array-like, shape (n, p)
        The original features.
    names : sequence of str, length p
        Their names.
    columns : sequence of int
        Columns to copy.
    noise_levels : sequence of float
        Non-negative noise levels, in standard deviations of the column.
    seed : int or numpy Generator
        Required: the noise is random.

    Returns
    -------
    X_new : ndarray, shape (n, p + len(columns) * len(noise_levels))
        The original columns first, then the copies, column by column.
    names_new : list of str
        ``names`` followed by ``"<name> copy <level>"`` for each copy.

    Raises
    ------
    ValueError
        If ``X`` holds NaN or infinite values, ``names`` has the wrong length,
        a column is out of range, a noise level is negative, or ``seed`` is
        None.
    TypeError
        If ``X`` is not numeric or a column index is not an integer.

    Examples
    --------
    >>> import numpy as np
    >>> import mi_helpers as mh
    >>> X = np.random.default_rng(0).standard_normal((1000, 2))
    >>> X_new, names = mh.add_noisy_copies(X, ["a", "b"], [0], [0.1, 0.4], seed=1)
    >>> X_new.shape, names
    ((1000, 4), ['a', 'b', 'a copy 0.1', 'a copy 0.4'])
    >>> np.corrcoef(X_new, rowvar=False)[0, 2:].round(2)
    array([1.  , 0.92])
    """
    Xa = as_continuous(X, "X")
    names = [str(s) for s in names]
    if len(names) != Xa.shape[1]:
        raise ValueError(f"names has {len(names)} entries but X has {Xa.shape[1]} columns")
    p = Xa.shape[1]
    cols = [check_int(c, "columns[i]") for c in columns]
    for c in cols:
        if not 0 <= c < p:
            raise ValueError(f"column {c} is out of range for X with {p} columns")
    levels = []
    for level in noise_levels:
        if isinstance(level, bool) or not isinstance(level, numbers.Real) or not np.isfinite(level) or level < 0:
            raise ValueError(f"noise_levels must hold non-negative numbers, got {level!r}")
        levels.append(float(level))
    rng = make_rng(seed)
    extra, extra_names = [], []
    for c in cols:
        sd = Xa[:, c].std()
        for level in levels:
            extra.append(Xa[:, c] + level * sd * rng.standard_normal(Xa.shape[0]))
            extra_names.append(f"{names[c]} copy {level:g}")
    if not extra:
        return Xa.copy(), names
    return np.column_stack([Xa, *extra]), names + extra_names


# --------------------------------------------------------------------------
# A scikit-learn compatible transformer
# --------------------------------------------------------------------------


class MRMRSelector:
    """Keep the features chosen by mRMR; a scikit-learn transformer.

    It works inside :class:`sklearn.pipeline.Pipeline`,
    :func:`sklearn.model_selection.cross_val_score` and
    :func:`sklearn.base.clone`: the selection is learnt in ``fit`` from the
    training rows only. Relevance is Ross's estimator [Ross]_ (scikit-learn's
    ``mutual_info_classif``), redundancy the KSG estimator [KSG]_; the
    greedy search is that of :func:`mrmr` [PLD]_.

    Parameters
    ----------
    n_features_to_select : int, default 5
        Number of columns to keep.
    random_state : int
        Required. Seed of the tie-breaking noise of the relevance estimator.
    weight : float, default 1.0
        Weight of the redundancy term (0: plain MI ranking); see :func:`mrmr`.
    n_neighbors : int, default 3
        Neighbours of both MI estimators (relevance and redundancy).

    Attributes
    ----------
    relevance_ : ndarray, shape (p,)
        I(X_j; y) in nats on the training data (:func:`mi_relevance`).
    redundancy_ : ndarray, shape (p, p)
        I(X_i; X_j) in nats, the values of :func:`mi_redundancy`. ``fit``
        estimates only the pairs the greedy search reads; the first access to
        this attribute estimates the others.
    n_redundancy_pairs_ : int
        Number of pairs estimated so far: (p - 1) + (p - 2) + ... +
        (p - n_features_to_select + 1) right after ``fit`` (0 when ``weight``
        is 0), out of p (p - 1) / 2.
    ranking_ : ndarray of int
        The chosen columns in the order mRMR picked them.
    n_features_in_ : int
        Number of columns seen in ``fit``.

    Raises
    ------
    ValueError
        From ``fit``: if ``X`` and ``y`` differ in length, ``X`` holds NaN or
        infinite values, ``y`` has a single class,
        ``n_features_to_select`` exceeds the number of columns, ``weight`` is
        negative, ``random_state`` is None, or ``n_neighbors`` is not below
        the smallest class size. From ``transform``: if the selector is not
        fitted or ``X`` has a different number of columns.

    Notes
    -----
    Implemented without inheriting from scikit-learn, so that importing
    :mod:`mi_helpers` does not import scikit-learn; it provides the methods
    scikit-learn's tools use (``get_params``, ``set_params``,
    ``__sklearn_tags__``, ``fit``, ``transform``, ``fit_transform``,
    ``get_support``, ``get_feature_names_out``). Cost per fit: relevance
    O(p n log n) plus O(p * n_features_to_select * n log n) for the
    redundancy pairs read, instead of O(p^2 n log n) for the whole matrix.
    Memory: so that ``redundancy_`` can estimate the remaining pairs on
    first access, a fitted selector keeps the standardised training columns
    and their sort orders, 16 n p bytes (twice X in float64), and so does
    its pickle. ``del selector._columns`` frees them; ``redundancy_`` then
    raises instead of completing the matrix.

    References
    ----------
    .. [PLD] H. Peng, F. Long, C. Ding, "Feature selection based on mutual
       information: criteria of max-dependency, max-relevance, and
       min-redundancy", IEEE Trans. Pattern Analysis and Machine Intelligence
       27(8), 1226-1238 (2005).
    .. [Ross] B. C. Ross, "Mutual information between discrete and continuous
       data sets", PLoS ONE 9(2), e87357 (2014).
    .. [KSG] A. Kraskov, H. Stoegbauer, P. Grassberger, "Estimating mutual
       information", Phys. Rev. E 69, 066138 (2004).

    Examples
    --------
    Column 1 is a near-copy of column 0; column 2 carries the other half of
    the class.

    >>> import numpy as np
    >>> import mi_helpers as mh
    >>> rng = np.random.default_rng(0)
    >>> a, b = rng.standard_normal((2, 600))
    >>> X = np.c_[a, a + 0.05 * rng.standard_normal(600), b, rng.standard_normal(600)]
    >>> y = (a > 0).astype(int) + 2 * (b > 0)
    >>> sel = mh.MRMRSelector(2, random_state=0).fit(X, y)
    >>> sel.ranking_, sel.get_support()
    (array([0, 2]), array([ True, False,  True, False]))
    >>> sel.n_redundancy_pairs_  # one row of the 4 x 4 matrix was needed
    3
    """

    def __init__(self, n_features_to_select=5, *, random_state, weight=1.0, n_neighbors=3):
        self.n_features_to_select = n_features_to_select
        self.random_state = random_state
        self.weight = weight
        self.n_neighbors = n_neighbors

    _PARAMS = ("n_features_to_select", "random_state", "weight", "n_neighbors")

    def get_params(self, deep=True):
        """Constructor parameters by name (scikit-learn's estimator API)."""
        return {name: getattr(self, name) for name in self._PARAMS}

    def set_params(self, **params):
        """Set constructor parameters by name; returns ``self``."""
        for name, value in params.items():
            if name not in self._PARAMS:
                raise ValueError(f"invalid parameter {name!r} for MRMRSelector; valid ones are {self._PARAMS}")
            setattr(self, name, value)
        return self

    def __repr__(self):
        args = ", ".join(f"{k}={getattr(self, k)!r}" for k in self._PARAMS)
        return f"MRMRSelector({args})"

    def __sklearn_tags__(self):
        from sklearn.utils import InputTags, Tags, TargetTags, TransformerTags

        return Tags(
            estimator_type="transformer",
            target_tags=TargetTags(required=True),
            transformer_tags=TransformerTags(),
            input_tags=InputTags(),
        )

    def __sklearn_is_fitted__(self):
        return hasattr(self, "ranking_")

    def fit(self, X, y):
        """Estimate relevance and redundancy on ``(X, y)`` and choose the columns."""
        names = getattr(X, "columns", None)
        Xa, codes = _check_xy(X, y)
        p = Xa.shape[1]
        n_sel = check_int(self.n_features_to_select, "n_features_to_select", minimum=1)
        if n_sel > p:
            raise ValueError(f"n_features_to_select must be at most the number of features ({p}), got {n_sel}")
        _check_seed(self.random_state)
        weight = _check_weight(self.weight)
        k = check_int(self.n_neighbors, "n_neighbors", minimum=1)
        self.relevance_ = mi_relevance(Xa, codes, k=k, seed=self.random_state)
        # Redundancy pairs are computed only when the greedy search reads them, and kept.
        self._columns = _KSGColumns(Xa, _check_k(k, Xa.shape[0]), 1, estimator="MRMRSelector")
        self._pairs = {}
        self.ranking_ = _greedy_mrmr(self.relevance_, self._redundancy_row, n_sel, weight)
        self.n_features_in_ = p
        if names is not None:
            self.feature_names_in_ = np.asarray(names, dtype=object)
        return self

    def _redundancy_row(self, j, free):
        """I(X_i; X_j) for the free features i, computing (and keeping) the pairs not seen yet."""
        others = np.flatnonzero(free)
        keys = [(min(i, j), max(i, j)) for i in others]
        missing = [key for key in keys if key not in self._pairs]
        self._pairs.update(zip(missing, self._columns.values(missing)))
        return np.array([self._pairs[key] for key in keys])

    @property
    def redundancy_(self) -> np.ndarray:
        """I(X_i; X_j) in nats for every pair (NaN diagonal), completed on first access."""
        if not hasattr(self, "_pairs"):
            raise AttributeError("redundancy_ exists after fit(X, y)")
        p = self.n_features_in_
        keys = [(i, j) for i in range(p) for j in range(i + 1, p)]
        missing = [key for key in keys if key not in self._pairs]
        if missing and not hasattr(self, "_columns"):
            raise AttributeError(
                f"redundancy_ needs {len(missing)} more pairs, and the training columns were deleted; fit again"
            )
        self._pairs.update(zip(missing, self._columns.values(missing)))
        out = np.full((p, p), np.nan)
        for (i, j), v in self._pairs.items():
            out[i, j] = out[j, i] = v
        return out

    @property
    def n_redundancy_pairs_(self) -> int:
        """Number of redundancy pairs I(X_i; X_j) estimated so far (fit reads only what it needs)."""
        if not hasattr(self, "_pairs"):
            raise AttributeError("n_redundancy_pairs_ exists after fit(X, y)")
        return len(self._pairs)

    def _check_fitted(self):
        if not self.__sklearn_is_fitted__():
            raise ValueError("this MRMRSelector is not fitted yet; call fit(X, y) first")

    def get_support(self, indices=False):
        """Boolean mask of the kept columns, or their indices (ascending) if ``indices``."""
        self._check_fitted()
        if indices:
            return np.sort(self.ranking_)
        mask = np.zeros(self.n_features_in_, dtype=bool)
        mask[self.ranking_] = True
        return mask

    def transform(self, X):
        """Keep the chosen columns, in their original order (as scikit-learn's selectors do)."""
        self._check_fitted()
        Xa = as_continuous(X, "X", min_samples=1)
        if Xa.shape[1] != self.n_features_in_:
            raise ValueError(f"X has {Xa.shape[1]} features, but MRMRSelector was fitted with {self.n_features_in_}")
        return Xa[:, self.get_support()]

    def fit_transform(self, X, y):
        """``fit(X, y)`` then ``transform(X)``."""
        return self.fit(X, y).transform(X)

    def get_feature_names_out(self, input_features=None):
        """Names of the kept columns (``x0``, ``x1``, ... when none were given)."""
        self._check_fitted()
        if input_features is None:
            input_features = getattr(self, "feature_names_in_", None)
        if input_features is None:
            input_features = [f"x{i}" for i in range(self.n_features_in_)]
        input_features = np.asarray(input_features, dtype=object)
        if input_features.shape != (self.n_features_in_,):
            raise ValueError(f"input_features must have {self.n_features_in_} names, got {input_features.shape[0]}")
        return input_features[self.get_support()]


# --------------------------------------------------------------------------
# Cross-validated accuracy against the number of features kept
# --------------------------------------------------------------------------


def _check_size_study(X, y, rank, sizes):
    """Checked ``(X, y, sizes)`` of a study of accuracy against the number of features kept."""
    Xa, _ = _check_xy(X, y)
    sizes = [check_int(m, "sizes[i]", minimum=1) for m in sizes]
    if not sizes:
        raise ValueError("sizes is empty")
    if max(sizes) > Xa.shape[1]:
        raise ValueError(f"sizes go up to {max(sizes)} but X has only {Xa.shape[1]} features")
    if not callable(rank):
        raise TypeError(f"rank must be a callable rank(X_train, y_train), got {type(rank).__name__}")
    return Xa, np.asarray(y), sizes


def cv_scores_by_size(X, y, rank, sizes, *, estimator, cv):
    """Cross-validated score of "keep the top m features" for several m at once.

    For every training fold, ``rank(X_train, y_train)`` orders the features
    (best first) using the training rows only; then for each m in ``sizes``
    a clone of ``estimator`` is fitted on the top m columns and scored on the
    test fold. This gives the same numbers as
    ``cross_val_score(Pipeline([(selector keeping the top m), estimator]), X, y, cv=cv)``
    for every m, but ranks once per fold instead of once per fold and m.

    Parameters
    ----------
    X : array-like, shape (n, p)
        Features.
    y : array-like, shape (n,)
        Class labels.
    rank : callable ``rank(X_train, y_train) -> array of int``
        Column indices, best first; at least ``max(sizes)`` of them. Nested
        selections (the top m are a prefix of the top m + 1), as MI ranking,
        F-test ranking and greedy mRMR are.
    sizes : sequence of int
        Numbers of features to keep.
    estimator : scikit-learn estimator
        Cloned for every fit; scored with its ``score`` method (accuracy for
        classifiers).
    cv : int or scikit-learn splitter
        As in ``cross_val_score``; an int means (Stratified)KFold without
        shuffling, so pass a seeded splitter to shuffle.

    Returns
    -------
    ndarray, shape (n_splits, len(sizes))
        Score of every fold (rows) and size (columns).

    Raises
    ------
    ValueError
        If ``X`` and ``y`` differ in length or ``y`` has one class, ``sizes``
        is empty or asks for more features than ``X`` has, or ``rank``
        returns too few indices.
    TypeError
        If ``rank`` is not callable or a size is not an integer.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn.model_selection import StratifiedKFold
    >>> from sklearn.naive_bayes import GaussianNB
    >>> import mi_helpers as mh
    >>> rng = np.random.default_rng(0)
    >>> y = rng.integers(0, 2, 300)
    >>> X = np.c_[rng.standard_normal(300), y + 0.5 * rng.standard_normal(300)]
    >>> def by_correlation(X_train, y_train):
    ...     return mh.rank_by_score([abs(np.corrcoef(c, y_train)[0, 1]) for c in X_train.T])
    >>> cv = StratifiedKFold(n_splits=3, shuffle=True, random_state=0)
    >>> scores = mh.cv_scores_by_size(X, y, by_correlation, [1, 2], estimator=GaussianNB(), cv=cv)
    >>> scores.shape, bool(scores[:, 0].mean() > 0.8)
    ((3, 2), True)
    """
    from sklearn.base import clone, is_classifier
    from sklearn.model_selection import check_cv

    Xa, y_arr, sizes = _check_size_study(X, y, rank, sizes)
    splitter = check_cv(cv, y_arr, classifier=is_classifier(estimator))
    rows = []
    for train, test in splitter.split(Xa, y_arr):
        order = np.asarray(rank(Xa[train], y_arr[train]), dtype=np.intp)
        if order.size < max(sizes):
            raise ValueError(f"rank returned {order.size} indices but sizes need {max(sizes)}")
        row = []
        for m in sizes:
            cols = np.sort(order[:m])
            model = clone(estimator).fit(Xa[np.ix_(train, cols)], y_arr[train])
            row.append(model.score(Xa[np.ix_(test, cols)], y_arr[test]))
        rows.append(row)
    return np.array(rows)


class SelectionStudy:
    """Cross-validated accuracy of four selectors over a grid, computed once.

    The four selectors are univariate MI ranking, mRMR [PLD]_, the ANOVA
    F-test ranking and a seeded random order. For every fold of a seeded
    stratified K-fold split, and for every ``neighbors`` option, the MI
    relevance vector and the KSG redundancy matrix are estimated on the
    training rows once; then every (k, weight) ordering and every number of
    features kept is scored. Fits of the same feature set on the same fold
    are shared, so the grid costs far fewer fits than its size.

    Parameters
    ----------
    X : array-like, shape (n, p)
        Continuous features.
    y : array-like, shape (n,)
        Class labels.
    estimator : scikit-learn classifier
        Refitted on each fold and feature set; scored by accuracy.
    neighbors : sequence of int, default (3,)
        ``k`` options of both MI estimators.
    weights : sequence of float, default (0.0, 1.0)
        mRMR redundancy weights (0 is MI ranking).
    n_splits : int, default 5
        Folds of the stratified K-fold split.
    seed : int
        Seeds the split, the MI estimator's tie noise and the random order.

    Attributes
    ----------
    sizes : ndarray
        1, 2, ..., p: the numbers of features kept.
    folds : list of (train, test) index arrays.
    relevance, redundancy : dict
        Full-data estimates per k (nats), for showing which features a
        setting picks.
    f_scores : ndarray
        Full-data ANOVA F statistics.

    Raises
    ------
    ValueError
        If ``X`` and ``y`` differ in length or ``y`` has one class, ``seed``
        is None, ``neighbors`` or ``weights`` is empty or holds invalid values,
        or ``n_splits`` is below 2. From the query methods: if ``method``,
        ``k`` or ``weight`` was not precomputed.

    Notes
    -----
    Build cost: ``(n_splits + 1) * len(neighbors)`` relevance vectors and
    redundancy matrices, plus one fit per distinct (fold, feature set).
    After that every query is a dictionary lookup. When ``estimator`` is a
    plain :class:`sklearn.naive_bayes.GaussianNB` (no fixed priors), the
    fits are replaced by a vectorised computation of the same model from
    per-fold class means and variances (same variance smoothing, same
    decision rule), which is much faster than one scikit-learn fit per
    feature set; the tests check it against ``GaussianNB`` itself.

    References
    ----------
    .. [PLD] H. Peng, F. Long, C. Ding, "Feature selection based on mutual
       information: criteria of max-dependency, max-relevance, and
       min-redundancy", IEEE Trans. Pattern Analysis and Machine Intelligence
       27(8), 1226-1238 (2005).

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn.naive_bayes import GaussianNB
    >>> import mi_helpers as mh
    >>> rng = np.random.default_rng(0)
    >>> y = rng.integers(0, 2, 200)
    >>> X = np.c_[y + 0.5 * rng.standard_normal(200), rng.standard_normal((200, 2))]
    >>> study = mh.SelectionStudy(X, y, estimator=GaussianNB(), n_splits=3, seed=0)
    >>> study.selected(1)
    array([0])
    >>> bool(study.curve("mrmr")[0] > study.curve("random")[0])
    True
    """

    def __init__(self, X, y, *, estimator, neighbors=(3,), weights=(0.0, 1.0), n_splits=5, seed):
        from sklearn.base import clone
        from sklearn.feature_selection import f_classif
        from sklearn.model_selection import StratifiedKFold

        Xa, codes = _check_xy(X, y)
        seed = _check_seed(seed)
        self.neighbors = tuple(check_int(k, "neighbors[i]", minimum=1) for k in neighbors)
        self.weights = tuple(_check_weight(w) for w in weights)
        if not self.neighbors or not self.weights:
            raise ValueError("neighbors and weights must each hold at least one value")
        n_splits = check_int(n_splits, "n_splits", minimum=2)
        self.X, self.y, self.seed = Xa, codes, seed
        p = Xa.shape[1]
        self.sizes = np.arange(1, p + 1)
        splitter = StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=seed)
        self.folds = list(splitter.split(Xa, codes))

        self.relevance = {k: mi_relevance(Xa, codes, k=k, seed=seed) for k in self.neighbors}
        self.redundancy = {k: mi_redundancy(Xa, k=k) for k in self.neighbors}
        self.f_scores = f_classif(Xa, codes)[0]

        fast = _GaussianNBFolds.applies(estimator)
        if fast:
            nb_folds = _GaussianNBFolds(Xa, codes, self.folds, estimator.var_smoothing)
        fits: dict = {}

        def accuracy(f, cols):
            key = (f, cols)
            if key not in fits:
                train, test = self.folds[f]
                idx = np.array(cols)
                if fast:
                    fits[key] = nb_folds.accuracy(f, idx)
                else:
                    model = clone(estimator).fit(Xa[np.ix_(train, idx)], codes[train])
                    fits[key] = model.score(Xa[np.ix_(test, idx)], codes[test])
            return fits[key]

        def curve(orders):
            out = np.empty((n_splits, p))
            for f, order in enumerate(orders):
                for m in self.sizes:
                    out[f, m - 1] = accuracy(f, tuple(sorted(order[:m].tolist())))
            return out

        rng = make_rng(seed)
        self._scores = {}
        fold_data = [(Xa[tr], codes[tr]) for tr, _ in self.folds]
        for k in self.neighbors:
            rel = [mi_relevance(Xf, yf, k=k, seed=seed) for Xf, yf in fold_data]
            red = [mi_redundancy(Xf, k=k) for Xf, _ in fold_data]
            for w in self.weights:
                orders = [mrmr(r, R, p, weight=w) for r, R in zip(rel, red)]
                self._scores["mrmr", k, w] = curve(orders)
        self._scores["f_test"] = curve([rank_by_score(f_classif(Xf, yf)[0]) for Xf, yf in fold_data])
        self._scores["random"] = curve([rng.permutation(p) for _ in self.folds])
        self.n_fits = len(fits)

    def _key(self, method, k, weight):
        if method in ("f_test", "random"):
            return method
        if method not in ("mi", "mrmr"):
            raise ValueError(f"method must be 'mi', 'mrmr', 'f_test' or 'random', got {method!r}")
        k = self.neighbors[0] if k is None else k
        if k not in self.neighbors:
            raise ValueError(f"k={k!r} was not precomputed; options are {self.neighbors}")
        w = 0.0 if method == "mi" else (1.0 if weight is None else float(weight))
        if w not in self.weights:
            raise ValueError(f"weight={weight!r} was not precomputed; options are {self.weights}")
        return ("mrmr", k, w)

    def fold_scores(self, method, *, k=None, weight=None) -> np.ndarray:
        """Accuracy per fold (rows) and number of features kept (columns)."""
        return self._scores[self._key(method, k, weight)]

    def curve(self, method, *, k=None, weight=None) -> np.ndarray:
        """Mean cross-validated accuracy for 1, 2, ..., p features kept.

        ``method`` is "mi" (univariate MI ranking, i.e. weight 0), "mrmr",
        "f_test" or "random"; ``k`` and ``weight`` pick the precomputed MI
        setting (defaults: the first k option and weight 1).
        """
        return self.fold_scores(method, k=k, weight=weight).mean(axis=0)

    def selected(self, n_select, *, k=None, weight=1.0) -> np.ndarray:
        """Columns mRMR picks on the full data, in pick order."""
        k = self.neighbors[0] if k is None else k
        if k not in self.relevance:
            raise ValueError(f"k={k!r} was not precomputed; options are {self.neighbors}")
        return mrmr(self.relevance[k], self.redundancy[k], n_select, weight=weight)


class _GaussianNBFolds:
    """Test accuracy of Gaussian naive Bayes on any column subset, per fold.

    Reproduces :class:`sklearn.naive_bayes.GaussianNB` (``priors=None``):
    class priors from the training counts, per-class means and (biased)
    variances of each column, variances increased by ``var_smoothing``
    times the largest variance of the chosen training columns, and the
    prediction argmax_c [log prior_c - 1/2 sum_j log(2 pi var_cj)
    - 1/2 sum_j (x_j - mean_cj)^2 / var_cj]. Column statistics are computed
    once per fold, so a subset costs O(n_test * classes * |subset|).
    """

    @staticmethod
    def applies(estimator) -> bool:
        from sklearn.naive_bayes import GaussianNB

        return type(estimator) is GaussianNB and estimator.priors is None

    def __init__(self, X, codes, folds, var_smoothing):
        self.var_smoothing = float(var_smoothing)
        self.parts = []
        for train, test in folds:
            Xtr, ytr = X[train], codes[train]
            classes = np.unique(ytr)
            means = np.array([Xtr[ytr == c].mean(axis=0) for c in classes])
            variances = np.array([Xtr[ytr == c].var(axis=0) for c in classes])
            counts = np.array([np.count_nonzero(ytr == c) for c in classes], dtype=np.float64)
            self.parts.append(
                dict(
                    classes=classes,
                    means=means,
                    variances=variances,
                    log_prior=np.log(counts / counts.sum()),
                    column_var=Xtr.var(axis=0),
                    X_test=X[test],
                    y_test=codes[test],
                )
            )

    def accuracy(self, fold, cols) -> float:
        d = self.parts[fold]
        eps = self.var_smoothing * d["column_var"][cols].max()
        var = d["variances"][:, cols] + eps  # (classes, m)
        diff = d["X_test"][:, None, cols] - d["means"][None, :, cols]  # (n_test, classes, m)
        jll = d["log_prior"] - 0.5 * np.log(2.0 * np.pi * var).sum(axis=1) - 0.5 * (diff**2 / var).sum(axis=2)
        predicted = d["classes"][np.argmax(jll, axis=1)]
        return float(np.mean(predicted == d["y_test"]))


# --------------------------------------------------------------------------
# Conditional criteria on discrete features: JMI and CMIM
# --------------------------------------------------------------------------

__all__ += ["NestedSelection", "cmim", "jmi", "joint_relevance", "nested_cv_by_size", "random_order_scores"]


def _plugin_mi_codes(a: np.ndarray, b: np.ndarray) -> float:
    """Plug-in MI (nats) of two non-negative integer code arrays."""
    n = a.size
    ma, mb = int(a.max()) + 1, int(b.max()) + 1
    table = np.bincount(a * mb + b, minlength=ma * mb).reshape(ma, mb).astype(np.float64)
    pa, pb = table.sum(axis=1) / n, table.sum(axis=0) / n
    nz = table > 0
    p = table[nz] / n
    return float(max(np.sum(p * np.log(p / np.outer(pa, pb)[nz])), 0.0))


def joint_relevance(X_labels, y) -> np.ndarray:
    """Plug-in I(X_i, X_j; Y) for every pair of discrete features, in nats.

    The entry (i, j) is the MI between the pair (X_i, X_j), taken as one
    variable, and the class; the diagonal holds I(X_i; Y). This matrix is
    all that :func:`jmi` and :func:`cmim` need, since by the chain rule
    I(X_k; Y | X_j) = I(X_k, X_j; Y) - I(X_j; Y), exactly so for the
    plug-in estimates.

    Parameters
    ----------
    X_labels : array-like, shape (n, p)
        Discrete features: each column holds labels (bin codes, categories).
        Continuous features must be discretised first (for example with
        :func:`mi_helpers.discretize`).
    y : array-like, shape (n,)
        Class labels.

    Returns
    -------
    ndarray, shape (p, p)
        Symmetric, in nats. The plug-in estimate is biased upwards by about
        (Kij - 1)(Ky - 1) / (2n) for a pair with Kij joint values, so keep
        few levels per feature. O(p^2 n).

    Raises
    ------
    ValueError
        If ``X_labels`` is not 2-D, ``y`` is not 1-D, they differ in length,
        or either holds missing labels.
    TypeError
        If a column or ``y`` mixes label types.

    Examples
    --------
    The class is y = 2 b + a for a four-level b and a bit a; column 1 is a
    noisy copy of b. Ranking by relevance alone keeps b and its copy; the
    conditional criteria keep b and a, which together determine y.

    >>> import numpy as np
    >>> import mi_helpers as mh
    >>> rng = np.random.default_rng(0)
    >>> b, a = rng.integers(0, 4, 2000), rng.integers(0, 2, 2000)
    >>> copy = np.where(rng.random(2000) < 0.05, rng.integers(0, 4, 2000), b)
    >>> X, y = np.c_[b, copy, a, rng.integers(0, 2, 2000)], 2 * b + a
    >>> J = mh.joint_relevance(X, y)
    >>> [round(float(v), 3) for v in (J[0, 0], np.log(4), J[0, 2], np.log(8))]  # I(b; y) ~ ln 4, I(b, a; y) = H(y) ~ ln 8
    [1.385, 1.386, 2.078, 2.079]
    """
    arr = np.asarray(X_labels)
    if arr.ndim != 2:
        raise ValueError(f"X_labels must be 2-D (n samples, p features), got shape {arr.shape}")
    cols = [as_labels(arr[:, j], f"X_labels[:, {j}]") for j in range(arr.shape[1])]
    cy, my = as_labels(y, "y")
    if np.asarray(y).ndim != 1:
        raise ValueError(f"y must be 1-D class labels, got shape {np.asarray(y).shape}")
    check_same_length(("X_labels", arr), ("y", cy))
    p = len(cols)
    out = np.empty((p, p))
    for i in range(p):
        ci, _ = cols[i]
        out[i, i] = _plugin_mi_codes(ci, cy)
        for j in range(i + 1, p):
            cj, mj = cols[j]
            out[i, j] = out[j, i] = _plugin_mi_codes(ci * mj + cj, cy)
    return out


def _check_joint(joint, n_select):
    J = _as_vector(joint, "joint")
    if J.ndim != 2 or J.shape[0] != J.shape[1] or J.shape[0] == 0:
        raise ValueError(f"joint must be a square (p, p) matrix, got shape {J.shape}")
    if not np.isfinite(J).all():
        raise ValueError("joint contains NaN or infinite values")
    if not np.allclose(J, J.T, rtol=1e-9, atol=1e-12):
        raise ValueError("joint must be symmetric: I(X_i, X_j; Y) = I(X_j, X_i; Y)")
    n_select = check_int(n_select, "n_select", minimum=1)
    if n_select > J.shape[0]:
        raise ValueError(f"n_select must be at most the number of features ({J.shape[0]}), got {n_select}")
    return J, n_select


def _greedy(first_scores, step_scores, n_select) -> np.ndarray:
    """Greedy forward selection: the first pick maximises ``first_scores``, each next
    one ``step_scores(chosen)``; ties go to the lowest index."""
    p = first_scores.size
    free = np.ones(p, dtype=bool)
    chosen = [int(np.argmax(first_scores))]
    free[chosen[0]] = False
    while len(chosen) < n_select:
        score = np.where(free, step_scores(chosen), -np.inf)
        j = int(np.argmax(score))
        chosen.append(j)
        free[j] = False
    return np.array(chosen, dtype=np.intp)


def jmi(joint, n_select) -> np.ndarray:
    """Joint mutual information (JMI) forward selection [Brown]_.

    The first feature maximises I(X_k; Y) (the diagonal of ``joint``); each
    next one maximises sum over chosen j of I(X_k, X_j; Y), which rewards a
    candidate that is informative *together with* each chosen feature. A
    copy of a chosen feature adds nothing to the pair, so it is not
    rewarded twice.

    Parameters
    ----------
    joint : array-like, shape (p, p)
        I(X_i, X_j; Y) with I(X_i; Y) on the diagonal, e.g. from
        :func:`joint_relevance` (nats).
    n_select : int
        Number of features to choose, 1 <= n_select <= p.

    Returns
    -------
    ndarray of int, shape (n_select,)
        Column indices in pick order; ties go to the lowest index.
        O(p n_select).

    Raises
    ------
    ValueError
        If ``joint`` is not a non-empty square matrix, is not symmetric, or
        holds NaN or infinite values, or ``n_select`` is not in 1..p.
    TypeError
        If ``joint`` is not numeric or ``n_select`` is not an integer.

    References
    ----------
    .. [Brown] G. Brown, A. Pocock, M.-J. Zhao, M. Lujan, "Conditional
       likelihood maximisation: a unifying framework for information
       theoretic feature selection", JMLR 13, 27-66 (2012). JMI is due to
       H. Yang and J. Moody (1999); CMIM to F. Fleuret, JMLR 5, 1531-1555
       (2004).

    Examples
    --------
    The class is y = 2 b + a for a four-level b and a bit a; column 1 is a
    noisy copy of b. Ranking by relevance alone keeps b and its copy; the
    conditional criteria keep b and a, which together determine y.

    >>> import numpy as np
    >>> import mi_helpers as mh
    >>> rng = np.random.default_rng(0)
    >>> b, a = rng.integers(0, 4, 2000), rng.integers(0, 2, 2000)
    >>> copy = np.where(rng.random(2000) < 0.05, rng.integers(0, 4, 2000), b)
    >>> X, y = np.c_[b, copy, a, rng.integers(0, 2, 2000)], 2 * b + a
    >>> J = mh.joint_relevance(X, y)
    >>> np.argsort(-np.diag(J))[:2], mh.jmi(J, 2)  # relevance alone, JMI
    (array([0, 1]), array([0, 2]))
    """
    J, n_select = _check_joint(joint, n_select)
    return _greedy(np.diag(J).copy(), lambda chosen: J[:, chosen].sum(axis=1), n_select)


def cmim(joint, n_select) -> np.ndarray:
    """Conditional mutual information maximisation (CMIM) forward selection [Brown]_.

    The first feature maximises I(X_k; Y); each next one maximises
    min over chosen j of I(X_k; Y | X_j) = I(X_k, X_j; Y) - I(X_j; Y): a
    candidate is only as good as the information it adds given the chosen
    feature that explains it best, so a copy of a chosen feature scores
    about 0.

    Parameters
    ----------
    joint : array-like, shape (p, p)
        I(X_i, X_j; Y) with I(X_i; Y) on the diagonal, e.g. from
        :func:`joint_relevance` (nats).
    n_select : int
        Number of features to choose, 1 <= n_select <= p.

    Returns
    -------
    ndarray of int, shape (n_select,)
        Column indices in pick order; ties go to the lowest index.
        O(p n_select^2).

    Raises
    ------
    ValueError
        If ``joint`` is not a non-empty square matrix, is not symmetric, or
        holds NaN or infinite values, or ``n_select`` is not in 1..p.
    TypeError
        If ``joint`` is not numeric or ``n_select`` is not an integer.

    References
    ----------
    .. [Brown] G. Brown, A. Pocock, M.-J. Zhao, M. Lujan, "Conditional
       likelihood maximisation: a unifying framework for information
       theoretic feature selection", JMLR 13, 27-66 (2012). JMI is due to
       H. Yang and J. Moody (1999); CMIM to F. Fleuret, JMLR 5, 1531-1555
       (2004).

    Examples
    --------
    The class is y = 2 b + a for a four-level b and a bit a; column 1 is a
    noisy copy of b. Ranking by relevance alone keeps b and its copy; the
    conditional criteria keep b and a, which together determine y.

    >>> import numpy as np
    >>> import mi_helpers as mh
    >>> rng = np.random.default_rng(0)
    >>> b, a = rng.integers(0, 4, 2000), rng.integers(0, 2, 2000)
    >>> copy = np.where(rng.random(2000) < 0.05, rng.integers(0, 4, 2000), b)
    >>> X, y = np.c_[b, copy, a, rng.integers(0, 2, 2000)], 2 * b + a
    >>> J = mh.joint_relevance(X, y)
    >>> mh.cmim(J, 2)
    array([0, 2])
    >>> round(float(J[1, 0] - J[0, 0]), 3)  # I(copy; y | b): the copy adds almost nothing
    0.002
    """
    J, n_select = _check_joint(joint, n_select)
    relevance = np.diag(J).copy()
    conditional = J - relevance[None, :]  # [k, j] = I(X_k; Y | X_j)
    return _greedy(relevance, lambda chosen: conditional[:, chosen].min(axis=1), n_select)


# --------------------------------------------------------------------------
# Baselines and the choice of the number of features
# --------------------------------------------------------------------------


class _NaiveBayesPrefixes:
    """Test accuracy of Gaussian naive Bayes on every prefix of a column order, per fold.

    Reproduces :class:`sklearn.naive_bayes.GaussianNB` (``priors=None``:
    priors from the training counts, per-class means and biased variances,
    the argmax of the joint log-likelihood) for all m = 1..p at once: the per-column
    terms of the joint log-likelihood, log(2 pi var_cj) + (x_j - mean_cj)^2
    / var_cj, are summed along the order with a cumulative sum. The
    variance smoothing ``var_smoothing * max(var of the chosen columns)``
    depends on the prefix only through the column of largest variance, so
    the terms are tabulated once per such column. O(n_test C p) per order
    and fold after an O(n p) set-up.
    """

    def __init__(self, X, codes, folds, var_smoothing):
        self.parts = []
        for train, test in folds:
            Xtr, ytr = X[train], codes[train]
            classes = np.unique(ytr)
            counts = np.array([np.count_nonzero(ytr == c) for c in classes], dtype=np.float64)
            self.parts.append(
                dict(
                    classes=classes,
                    means=np.array([Xtr[ytr == c].mean(axis=0) for c in classes]),
                    variances=np.array([Xtr[ytr == c].var(axis=0) for c in classes]),
                    log_prior=np.log(counts / counts.sum()),
                    eps=float(var_smoothing) * Xtr.var(axis=0),  # smoothing if column j has the largest variance
                    column_var=Xtr.var(axis=0),
                    X_test=X[test],
                    y_test=codes[test],
                    terms={},
                )
            )

    def _terms(self, d, k):
        if k not in d["terms"]:
            var = d["variances"] + d["eps"][k]  # (classes, p)
            diff = d["X_test"][:, None, :] - d["means"][None, :, :]  # (n_test, classes, p)
            d["terms"][k] = np.log(2.0 * np.pi * var)[None, :, :] + diff**2 / var[None, :, :]
        return d["terms"][k]

    def accuracies(self, fold, order) -> np.ndarray:
        d = self.parts[fold]
        order = np.asarray(order, dtype=np.intp)
        v = d["column_var"][order]
        best_pos = np.zeros(order.size, dtype=np.intp)  # position of the widest column in each prefix
        for i in range(1, order.size):
            best_pos[i] = i if v[i] > v[best_pos[i - 1]] else best_pos[i - 1]
        widest = order[best_pos]
        out = np.empty(order.size)
        for k in np.unique(widest):
            ms = np.flatnonzero(widest == k)
            sums = np.cumsum(self._terms(d, k)[:, :, order[: ms[-1] + 1]], axis=2)[:, :, ms]  # (n_test, classes, len(ms))
            jll = d["log_prior"][None, :, None] - 0.5 * sums
            predicted = d["classes"][np.argmax(jll, axis=1)]  # (n_test, len(ms))
            out[ms] = np.mean(predicted == d["y_test"][:, None], axis=0)
        return out


def _prefix_fold_scores(Xa, codes, orders, folds, estimator) -> np.ndarray:
    """Score of the top-m columns of each order, per order, fold and m (shape (r, folds, p))."""
    from sklearn.base import clone

    p = Xa.shape[1]
    out = np.empty((len(orders), len(folds), p))
    from sklearn.naive_bayes import GaussianNB

    if type(estimator) is GaussianNB and estimator.priors is None:
        nb = _NaiveBayesPrefixes(Xa, codes, folds, estimator.var_smoothing)
        for r, order in enumerate(orders):
            for f in range(len(folds)):
                out[r, f] = nb.accuracies(f, order)
        return out
    for r, order in enumerate(orders):
        for f, (train, test) in enumerate(folds):
            for m in range(1, p + 1):
                cols = np.sort(order[:m])
                model = clone(estimator).fit(Xa[np.ix_(train, cols)], codes[train])
                out[r, f, m - 1] = model.score(Xa[np.ix_(test, cols)], codes[test])
    return out


def random_order_scores(X, y, *, estimator, cv, n_orders, seed) -> np.ndarray:
    """Cross-validated score of keeping the first m features of random orders.

    The baseline a selector must beat: ``n_orders`` seeded random
    permutations of the columns; for each, and for m = 1..p, the mean
    cross-validated score of ``estimator`` on the first m columns. The
    spread over orders is the band a selector's curve is compared with.

    Parameters
    ----------
    X : array-like, shape (n, p)
        Continuous features, at least 4 rows.
    y : array-like, shape (n,)
        Class labels, at least 2 classes.
    estimator : scikit-learn classifier
        Cloned and refitted for every fold and feature set (a plain
        :class:`~sklearn.naive_bayes.GaussianNB` uses the vectorised
        computation of :class:`SelectionStudy`, with the same results).
    cv : int or scikit-learn splitter
        As in ``cross_val_score``; pass a seeded splitter to shuffle.
    n_orders : int
        Number of random orders (at least 1).
    seed : int or numpy Generator
        Seeds the permutations.

    Returns
    -------
    ndarray, shape (n_orders, p)
        Row r, column m - 1: mean score over the folds of the first m
        columns of order r. Cost: n_orders * folds * p fits (cheap for
        Gaussian naive Bayes).

    Raises
    ------
    ValueError
        If ``X`` and ``y`` differ in length, ``X`` has fewer than 4 rows or
        NaN or infinite values, ``y`` is not 1-D or has a single class,
        ``n_orders`` is below 1, or ``seed`` is None or negative.
    TypeError
        If ``X`` is not numeric, ``y`` mixes label types, or ``n_orders`` or
        ``seed`` has the wrong type.

    Examples
    --------
    On the wine data (13 features, 3 classes), Gaussian naive Bayes on one
    random feature against all 13, over 20 random orders:

    >>> from sklearn.datasets import load_wine
    >>> from sklearn.naive_bayes import GaussianNB
    >>> import mi_helpers as mh
    >>> X, y = load_wine(return_X_y=True)
    >>> scores = mh.random_order_scores(X, y, estimator=GaussianNB(), cv=3, n_orders=20, seed=0)
    >>> scores.shape
    (20, 13)
    >>> round(float(scores[:, 0].mean()), 2), round(float(scores[:, -1].mean()), 2)
    (0.62, 0.96)
    """
    from sklearn.base import is_classifier
    from sklearn.model_selection import check_cv

    Xa, codes = _check_xy(X, y)
    n_orders = check_int(n_orders, "n_orders", minimum=1)
    if seed is None:
        raise ValueError("seed must be given; unseeded orders cannot be reproduced")
    rng = make_rng(seed)
    folds = list(check_cv(cv, codes, classifier=is_classifier(estimator)).split(Xa, codes))
    orders = [rng.permutation(Xa.shape[1]) for _ in range(n_orders)]
    return _prefix_fold_scores(Xa, codes, orders, folds, estimator).mean(axis=1)


from typing import NamedTuple  # noqa: E402  (kept with the code that uses it)


class NestedSelection(NamedTuple):
    """Result of :func:`nested_cv_by_size`.

    ``scores``: the outer test score of every outer fold; ``sizes``: the
    number of features the inner cross-validation chose in that fold;
    ``inner_curves``: the mean inner score of every candidate size
    (rows: outer folds).
    """

    scores: np.ndarray
    sizes: np.ndarray
    inner_curves: np.ndarray


def nested_cv_by_size(X, y, rank, sizes, *, estimator, outer_cv, inner_cv) -> NestedSelection:
    """Nested cross-validation of "rank the features, keep the best m", m chosen inside.

    For every outer training set, an inner cross-validation
    (:func:`cv_scores_by_size`) scores every m in ``sizes`` and keeps the
    best (the smallest m among ties); then the ranking is redone on the
    whole outer training set, the estimator is fitted on its top m columns
    and scored on the outer test fold, which took no part in choosing m.
    This equals ``cross_validate(GridSearchCV(Pipeline([(selector,
    ...), (estimator, ...)]), {k: sizes}, cv=inner_cv), X, y, cv=outer_cv)``
    for a selector that keeps the top k of ``rank``, but ranks once per
    inner fold instead of once per inner fold and m.

    Parameters
    ----------
    X : array-like, shape (n, p)
        Continuous features, at least 4 rows.
    y : array-like, shape (n,)
        Class labels, at least 2 classes.
    rank : callable ``rank(X_train, y_train) -> array of int``
        Column indices, best first (see :func:`cv_scores_by_size`).
    sizes : sequence of int
        Candidate numbers of features, in the order ties are broken.
    estimator : scikit-learn estimator
        Cloned and refitted for every fold and number of features.
    outer_cv, inner_cv : int or scikit-learn splitter
        As in ``cross_val_score``; pass seeded splitters to shuffle.

    Returns
    -------
    NestedSelection
        Outer scores, chosen sizes and inner curves. Cost: about
        (inner folds + 1) rankings per outer fold; with a plain Gaussian
        naive Bayes the inner scores of all sizes are computed at once.

    Raises
    ------
    ValueError
        If ``X`` and ``y`` differ in length, ``X`` has fewer than 4 rows or
        NaN or infinite values, ``y`` has a single class, ``sizes`` is
        empty or asks for more features than ``X`` has, or ``rank`` returns
        fewer indices than the largest size.
    TypeError
        If ``X`` is not numeric, a size is not an integer, or ``rank`` is
        not callable.

    Examples
    --------
    Rank the wine data's features by MI with the class inside each fold;
    the inner folds choose how many to keep, the outer folds score that
    choice on data it never saw.

    >>> import numpy as np
    >>> from sklearn.datasets import load_wine
    >>> from sklearn.naive_bayes import GaussianNB
    >>> import mi_helpers as mh
    >>> X, y = load_wine(return_X_y=True)
    >>> rank = lambda X_train, y_train: np.argsort(-mh.mi_relevance(X_train, y_train, seed=0))
    >>> res = mh.nested_cv_by_size(X, y, rank, [1, 4, 13], estimator=GaussianNB(), outer_cv=3, inner_cv=3)
    >>> res.sizes, res.scores.round(2)
    (array([ 4, 13, 13]), array([0.88, 0.97, 0.97]))
    >>> res.inner_curves.shape  # outer folds x candidate sizes
    (3, 3)
    """
    from sklearn.base import clone, is_classifier
    from sklearn.model_selection import check_cv

    Xa, y_arr, sizes = _check_size_study(X, y, rank, sizes)
    from sklearn.naive_bayes import GaussianNB

    outer = check_cv(outer_cv, y_arr, classifier=is_classifier(estimator))
    fast = type(estimator) is GaussianNB and estimator.priors is None
    scores, chosen, curves = [], [], []
    for train, test in outer.split(Xa, y_arr):
        if fast:  # rank per inner fold, then every prefix at once (same numbers as cv_scores_by_size)
            X_tr, y_tr = Xa[train], y_arr[train]
            _, codes_tr = _check_xy(X_tr, y_tr)
            folds = list(check_cv(inner_cv, y_tr, classifier=True).split(X_tr, y_tr))
            nb = _NaiveBayesPrefixes(X_tr, codes_tr, folds, estimator.var_smoothing)
            per_fold = []
            for f, (tr, _) in enumerate(folds):
                order = np.asarray(rank(X_tr[tr], y_tr[tr]), dtype=np.intp)
                if order.size < max(sizes):
                    raise ValueError(f"rank returned {order.size} indices but sizes need {max(sizes)}")
                per_fold.append(nb.accuracies(f, order[: max(sizes)])[np.array(sizes) - 1])
            inner = np.mean(per_fold, axis=0)
        else:
            inner = cv_scores_by_size(Xa[train], y_arr[train], rank, sizes, estimator=estimator, cv=inner_cv).mean(axis=0)
        m = sizes[int(np.argmax(inner))]
        order = np.asarray(rank(Xa[train], y_arr[train]), dtype=np.intp)
        cols = np.sort(order[:m])
        model = clone(estimator).fit(Xa[np.ix_(train, cols)], y_arr[train])
        scores.append(model.score(Xa[np.ix_(test, cols)], y_arr[test]))
        chosen.append(m)
        curves.append(inner)
    return NestedSelection(np.array(scores), np.array(chosen), np.array(curves))
