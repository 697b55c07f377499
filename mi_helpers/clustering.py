"""Information-theoretic scores for comparing two clusterings.

A clustering is a labeling: one label per sample. Two labelings of the same
samples share mutual information I(U;V) (nats), computed from their
contingency table. This module normalises it (NMI) and corrects it for
chance (AMI), as in Vinh, Epps & Bailey [VEB]_, gives the two distances
built from the same quantities (the normalised information distance of
[VEB]_ and Meila's variation of information [Meila]_), and the tools to show
why the chance correction matters.

References
----------
.. [VEB] N. X. Vinh, J. Epps, J. Bailey, "Information theoretic measures for
   clusterings comparison: variants, properties, normalization and correction
   for chance", Journal of Machine Learning Research 11, 2837-2854 (2010).
.. [Meila] M. Meila, "Comparing clusterings: an information based distance",
   Journal of Multivariate Analysis 98(5), 873-895 (2007).
.. [HA] L. Hubert, P. Arabie, "Comparing partitions", Journal of
   Classification 2, 193-218 (1985).
"""

from __future__ import annotations

import math

import numpy as np

from ._validation import as_labels, check_int, check_same_length, log_base
from .estimators import entropy_discrete, mi_discrete
from .synthetic import make_rng

__all__ = [
    "AVERAGES",
    "adjusted_rand_index",
    "ami",
    "chance_scores",
    "expected_mutual_information",
    "nid",
    "nmi",
    "random_labels",
    "variation_of_information",
]

#: Generalised means accepted by ``average``: the normaliser of NMI and AMI.
AVERAGES = ("arithmetic", "geometric", "max", "min")

_EPS = np.finfo(np.float64).eps


def _check_average(average) -> str:
    if not isinstance(average, str) or average not in AVERAGES:
        raise ValueError(f"average must be one of {AVERAGES}, got {average!r}")
    return average


def _mean(h_a: float, h_b: float, average: str) -> float:
    """The generalised mean of two entropies named by ``average``."""
    if average == "arithmetic":
        return 0.5 * (h_a + h_b)
    if average == "geometric":
        return math.sqrt(h_a * h_b)
    if average == "max":
        return max(h_a, h_b)
    return min(h_a, h_b)


def _codes(a, b):
    """Integer codes of two labelings of equal length: ``(ca, ma, cb, mb, n)``."""
    for name, labels in (("a", a), ("b", b)):
        shape = np.shape(labels)
        if len(shape) != 1:
            raise ValueError(f"{name} must be a 1-D array of labels, got shape {shape}")
    ca, ma = as_labels(a, "a")
    cb, mb = as_labels(b, "b")
    n = check_same_length(("a", ca), ("b", cb))
    return ca, ma, cb, mb, n


def nmi(a, b, *, average="arithmetic") -> float:
    """Normalised mutual information of two labelings.

    NMI = I(A;B) / mean(H(A), H(B)), where the mean is one of ``AVERAGES``
    [VEB]_. Since I(A;B) <= min(H(A), H(B)), every choice lies in [0, 1].
    The means are ordered, min <= geometric <= arithmetic <= max, so the
    scores are ordered the other way: NMI_max <= NMI_arithmetic <=
    NMI_geometric <= NMI_min.

    Parameters
    ----------
    a, b : array-like, shape (n,)
        Two labelings of the same n samples (ints, strings, bools). Label
        names do not matter, only the partition they define.
    average : {"arithmetic", "geometric", "max", "min"}, default "arithmetic"
        The mean of the two entropies used as normaliser.

    Returns
    -------
    float
        NMI in [0, 1], unitless (the log base cancels). Conventions as in
        :func:`sklearn.metrics.normalized_mutual_info_score`: 1 when both
        labelings put all samples in one cluster, 0 when I(A;B) = 0.

    Raises
    ------
    ValueError
        If ``a`` and ``b`` are not 1-D, differ in length, are empty, or hold
        missing labels; or ``average`` is unknown.
    TypeError
        If a labeling mixes label types.

    Notes
    -----
    NMI is *not* corrected for chance: two independent random labelings
    with many clusters have I(A;B) > 0 in any finite sample, so their NMI is
    well above 0 (see :func:`ami`). Cost O(n log n).

    References
    ----------
    .. [VEB] N. X. Vinh, J. Epps, J. Bailey, "Information theoretic measures for
       clusterings comparison: variants, properties, normalization and correction
       for chance", Journal of Machine Learning Research 11, 2837-2854 (2010).

    Examples
    --------
    >>> import mi_helpers as mh
    >>> round(mh.nmi([0, 0, 1, 1], ["b", "b", "a", "a"]), 4)  # the same partition, other names
    1.0
    >>> round(mh.nmi([0, 0, 1, 1], [0, 1, 0, 1]), 4)
    0.0
    """
    average = _check_average(average)
    ca, ma, cb, mb, _ = _codes(a, b)
    if ma == mb == 1:
        return 1.0
    if ma == 1 or mb == 1:
        return 0.0  # one labeling is constant: I = 0 exactly (the sum may round to 1e-17)
    mi = mi_discrete(ca, cb)
    if mi == 0.0:
        return 0.0
    # Clip: with I = H (one labeling determines the other) rounding can give 1 + 2e-16.
    return float(min(mi / _mean(entropy_discrete(ca), entropy_discrete(cb), average), 1.0))


def nid(a, b) -> float:
    """Normalised information distance, NID = 1 - I(A;B) / max(H(A), H(B)).

    The distance Vinh, Epps & Bailey recommend for comparing clusterings
    [VEB]_: unlike 1 - NMI with the arithmetic, geometric or min mean, it is
    a true metric on partitions (it obeys the triangle inequality), and it
    lies in [0, 1]. It equals ``1 - nmi(a, b, average="max")``.

    Parameters
    ----------
    a, b : array-like, shape (n,)
        Two labelings of the same samples.

    Returns
    -------
    float
        NID in [0, 1], unitless: 0 for the same partition, 1 for labelings
        that share no information. 0 when both labelings are one cluster.
        Not corrected for chance (see :func:`ami` with ``average="max"``,
        its chance-adjusted counterpart). Cost O(n log n).

    Raises
    ------
    ValueError
        If ``a`` and ``b`` are not 1-D, differ in length, are empty, or hold
        missing labels (None, NaN, pandas' NA, NaT).
    TypeError
        If a labeling mixes label types (1 and "1").

    References
    ----------
    .. [VEB] N. X. Vinh, J. Epps, J. Bailey, "Information theoretic measures for
       clusterings comparison: variants, properties, normalization and correction
       for chance", Journal of Machine Learning Research 11, 2837-2854 (2010).

    Examples
    --------
    >>> import mi_helpers as mh
    >>> round(mh.nid([0, 0, 1, 1], ["x", "x", "y", "y"]), 12)  # the same partition
    0.0
    >>> round(mh.nid([0, 0, 1, 1], [0, 1, 0, 1]), 12)  # no shared information
    1.0
    >>> a, b = [0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2]
    >>> round(mh.nid(a, b), 4) == round(1 - mh.nmi(a, b, average="max"), 4)
    True
    """
    return 1.0 - nmi(a, b, average="max")


def variation_of_information(a, b, *, base=math.e) -> float:
    """Variation of information VI = H(A|B) + H(B|A) = H(A) + H(B) - 2 I(A;B).

    Meila's distance between partitions [Meila]_: the information lost and
    gained in moving from one clustering to the other. A true metric; it
    depends only on the proportions of the contingency table (not on n as
    such), and 0 <= VI <= ln n; with at most K clusters in each labeling,
    VI <= 2 ln K.

    Parameters
    ----------
    a, b : array-like, shape (n,)
        Two labelings of the same samples.
    base : float, default e
        e gives nats, 2 gives bits.

    Returns
    -------
    float
        VI >= 0 in nats (or ``base`` units); 0 only for the same partition.
        Plug-in, not corrected for chance. Cost O(n log n).

    Raises
    ------
    ValueError
        If ``a`` and ``b`` are not 1-D, differ in length, are empty, or hold
        missing labels (None, NaN, pandas' NA, NaT); or ``base`` is not a valid logarithm base.
    TypeError
        If a labeling mixes label types (1 and "1"), or ``base`` is not a number.

    References
    ----------
    .. [Meila] M. Meila, "Comparing clusterings: an information based distance",
       Journal of Multivariate Analysis 98(5), 873-895 (2007).

    Examples
    --------
    Splitting each of two equal clusters in half loses nothing and gains
    one bit: H(B|A) = ln 2, H(A|B) = 0.

    >>> import mi_helpers as mh
    >>> a, b = [0, 0, 0, 0, 1, 1, 1, 1], [0, 0, 1, 1, 2, 2, 3, 3]
    >>> round(mh.variation_of_information(a, b, base=2), 12)
    1.0
    >>> round(mh.variation_of_information(a, ["p", "p", "p", "p", "q", "q", "q", "q"]), 12)
    0.0
    """
    lb = log_base(base)
    ca, ma, cb, mb, _ = _codes(a, b)
    joint = entropy_discrete(np.column_stack([ca, cb]))
    vi = 2.0 * joint - entropy_discrete(ca) - entropy_discrete(cb)
    return max(vi, 0.0) / lb  # rounding can leave -1e-16 for equal partitions


def _emi_from_marginals(row_sums: np.ndarray, col_sums: np.ndarray, n: int) -> float:
    """Expected MI (nats) under the permutation model for the given cluster sizes."""
    from scipy.special import gammaln  # imported on first use: scipy.special is slow to import

    if len(row_sums) <= 1 or len(col_sums) <= 1:
        return 0.0  # a labeling with one cluster carries no information
    # The sum depends on the pair of sizes (a_i, b_j) only: group equal sizes.
    a_vals, a_mult = np.unique(row_sums, return_counts=True)
    b_vals, b_mult = np.unique(col_sums, return_counts=True)
    a_vals = a_vals.astype(np.float64)
    b_vals = b_vals.astype(np.float64)
    k_max = int(min(a_vals.max(), b_vals.max()))
    nij = np.arange(1, k_max + 1, dtype=np.float64)  # n_ij = 0 adds nothing
    log_n = math.log(n)
    lg_n = gammaln(n + 1.0)
    lg_b = gammaln(b_vals + 1) + gammaln(n - b_vals + 1)
    lg_nij = gammaln(nij + 1)
    total = 0.0
    b_col = b_vals[:, None]
    for a, mult in zip(a_vals, a_mult):
        # Rows: distinct column sizes b; columns: n_ij = 1..k_max.
        lo = np.maximum(1.0, a + b_col - n)
        hi = np.minimum(a, b_col)
        valid = (nij >= lo) & (nij <= hi)
        # log of the hypergeometric probability P(n_ij) =
        # C(a, n_ij) C(n - a, b - n_ij) / C(n, b); -inf outside its support.
        log_p = (
            gammaln(a + 1) + gammaln(n - a + 1) + lg_b[:, None] - lg_n - lg_nij
            - gammaln(np.where(valid, a - nij + 1, 1.0))
            - gammaln(np.where(valid, b_col - nij + 1, 1.0))
            - gammaln(np.where(valid, n - a - b_col + nij + 1, 1.0))
        )
        log_p[~valid] = -np.inf
        term = (nij / n) * (log_n + np.log(nij) - math.log(a) - np.log(b_col)) * np.exp(log_p)
        total += mult * float(np.dot(b_mult, term.sum(axis=1)))
    return total


def expected_mutual_information(a, b, *, base=math.e) -> float:
    """Expected MI of two labelings under random permutation (exact).

    Keep the cluster sizes of ``a`` (a_1..a_R) and of ``b`` (b_1..b_C) fixed
    and pair the samples at random. Each cell n_ij of the contingency table
    is then hypergeometric, and [VEB]_:

    E[I] = sum_ij sum_{n_ij} (n_ij / n) ln(n n_ij / (a_i b_j)) P(n_ij),
    P(n_ij) = C(a_i, n_ij) C(n - a_i, b_j - n_ij) / C(n, b_j),

    with n_ij from max(1, a_i + b_j - n) to min(a_i, b_j).

    Parameters
    ----------
    a, b : array-like, shape (n,)
        Two labelings of the same samples.
    base : float, default e
        e gives nats, 2 gives bits.

    Returns
    -------
    float
        E[I(A;B)] >= 0 in nats (or ``base`` units): the MI that two labelings
        with these cluster sizes share by chance alone. 0 when either
        labeling has a single cluster.

    Raises
    ------
    ValueError
        If ``a`` and ``b`` are not 1-D, differ in length, are empty, or hold
        missing labels; or ``base`` is invalid.
    TypeError
        If a labeling mixes label types.

    Notes
    -----
    The probabilities are computed in log space with ``gammaln`` so large n
    does not overflow. Terms depend only on the pair (a_i, b_j), so equal
    cluster sizes are grouped; the inner sum over n_ij is vectorised. Cost
    O(U_a U_b min(max a, max b)) for U_a, U_b distinct cluster sizes.

    References
    ----------
    .. [VEB] N. X. Vinh, J. Epps, J. Bailey, "Information theoretic measures for
       clusterings comparison: variants, properties, normalization and correction
       for chance", Journal of Machine Learning Research 11, 2837-2854 (2010).

    Examples
    --------
    >>> import mi_helpers as mh
    >>> a = mh.random_labels(200, 10, seed=0)
    >>> b = mh.random_labels(200, 10, seed=1)
    >>> round(float(mh.expected_mutual_information(a, b)), 3), round(mh.mi_discrete(a, b), 3)
    (0.237, 0.239)
    """
    lb = log_base(base)
    ca, ma, cb, mb, n = _codes(a, b)
    return _emi_from_marginals(np.bincount(ca, minlength=ma), np.bincount(cb, minlength=mb), n) / lb


def ami(a, b, *, average="arithmetic") -> float:
    """Adjusted mutual information of two labelings (chance-corrected NMI).

    AMI = (I - E[I]) / (mean(H(A), H(B)) - E[I]), with E[I] the expected MI
    of :func:`expected_mutual_information` [VEB]_. It is 1 for identical
    partitions and 0 on average for labelings that agree only by chance;
    it can be slightly negative.

    Parameters
    ----------
    a, b : array-like, shape (n,)
    average : {"arithmetic", "geometric", "max", "min"}, default "arithmetic"

    Returns
    -------
    float
        AMI, unitless, at most 1. Conventions as in
        :func:`sklearn.metrics.adjusted_mutual_info_score`: 1 when both
        labelings are a single cluster, 0 when exactly one is. When E[I]
        equals the normaliser (every permutation gives the same MI, as when
        one labeling puts each sample in its own cluster) AMI is 0/0 and 1
        is returned; scikit-learn divides two rounding errors there.

    Raises
    ------
    ValueError
        If ``a`` and ``b`` are not 1-D, differ in length, are empty, or hold
        missing labels; or ``average`` is unknown.
    TypeError
        If a labeling mixes label types.

    Notes
    -----
    The chance model keeps both sets of cluster sizes fixed (a permutation,
    or hypergeometric, model). Cost: that of
    :func:`expected_mutual_information`.

    References
    ----------
    .. [VEB] N. X. Vinh, J. Epps, J. Bailey, "Information theoretic measures for
       clusterings comparison: variants, properties, normalization and correction
       for chance", Journal of Machine Learning Research 11, 2837-2854 (2010).

    Examples
    --------
    Two independent random labelings with 10 clusters each: NMI is well above
    0 by chance, AMI is not.

    >>> import mi_helpers as mh
    >>> a = mh.random_labels(200, 10, seed=0)
    >>> b = mh.random_labels(200, 10, seed=1)
    >>> round(mh.nmi(a, b), 2), round(mh.ami(a, b), 2)
    (0.11, 0.0)
    """
    average = _check_average(average)
    return _ami_codes(*_codes(a, b), average)


def _ami_codes(ca, ma, cb, mb, n, average, mi=None, emi=None) -> float:
    if ma == mb == 1:
        return 1.0
    if ma == 1 or mb == 1:
        return 0.0
    if mi is None:
        mi = mi_discrete(ca, cb)
    if emi is None:
        emi = _emi_from_marginals(np.bincount(ca, minlength=ma), np.bincount(cb, minlength=mb), n)
    normaliser = _mean(entropy_discrete(ca), entropy_discrete(cb), average)
    if abs(normaliser - emi) <= 1e-12 * max(1.0, normaliser):
        # Every permutation gives the same MI (e.g. one labeling has a sample per
        # cluster), so I = E[I] = the normaliser and AMI is 0/0: call it a match.
        return 1.0
    denominator = normaliser - emi
    numerator = mi - emi
    # Keep the sign but avoid 0/0 when the expectation reaches the maximum.
    denominator = min(denominator, -_EPS) if denominator < 0 else max(denominator, _EPS)
    numerator = min(numerator, -_EPS) if numerator < 0 else max(numerator, _EPS)
    return float(numerator / denominator)


def random_labels(n, n_clusters, *, seed) -> np.ndarray:
    """Labels drawn uniformly and independently from ``0..n_clusters-1``.

    Parameters
    ----------
    n : int >= 1
        Number of samples.
    n_clusters : int >= 1
        Number of possible labels.
    seed : int or numpy.random.Generator
        Required.

    Returns
    -------
    ndarray of int, shape (n,)
        A labeling that carries no information about anything.

    Raises
    ------
    ValueError
        If ``n`` or ``n_clusters`` is below 1, or ``seed`` is None.
    TypeError
        If ``n`` or ``n_clusters`` is not an integer.

    Examples
    --------
    >>> import mi_helpers as mh
    >>> mh.random_labels(8, 3, seed=0)
    array([2, 1, 1, 0, 0, 0, 0, 0])
    """
    n = check_int(n, "n", minimum=1)
    n_clusters = check_int(n_clusters, "n_clusters", minimum=1)
    return make_rng(seed).integers(0, n_clusters, size=n)


def chance_scores(n, cluster_counts, *, n_repeats=20, average="arithmetic", seed) -> dict:
    """NMI and AMI of pairs of independent random labelings.

    For each k in ``cluster_counts`` draw ``n_repeats`` pairs of
    :func:`random_labels` with k clusters each, and score every pair.
    The true dependence is zero, so every score above 0 is chance.

    Parameters
    ----------
    n : int
        Samples per labeling.
    cluster_counts : sequence of int
        Numbers of clusters k to try (each >= 2).
    n_repeats : int, default 20
        Pairs of labelings per k.
    average : str, default "arithmetic"
        The normaliser of NMI and AMI (see :func:`nmi`).
    seed : int or numpy.random.Generator
        Required.

    Returns
    -------
    dict of ndarray, each of shape (len(cluster_counts), n_repeats)
        ``"k"`` (1-D, the cluster counts), ``"mi"`` (nats), ``"emi"``
        (expected MI, nats), ``"nmi"`` and ``"ami"``.

    Raises
    ------
    ValueError
        If ``cluster_counts`` is empty, a count or ``n_repeats`` is out of
        range, ``average`` is unknown, or ``seed`` is None.
    TypeError
        If a count is not an integer.

    References
    ----------
    .. [VEB] N. X. Vinh, J. Epps, J. Bailey, "Information theoretic measures for
       clusterings comparison: variants, properties, normalization and correction
       for chance", Journal of Machine Learning Research 11, 2837-2854 (2010).

    Examples
    --------
    >>> import mi_helpers as mh
    >>> s = mh.chance_scores(200, [2, 20], n_repeats=10, seed=0)
    >>> s["nmi"].mean(axis=1).round(2), s["ami"].mean(axis=1).round(2)
    (array([0. , 0.3]), array([-0.  , -0.02]))
    """
    n = check_int(n, "n", minimum=2)
    n_repeats = check_int(n_repeats, "n_repeats", minimum=1)
    average = _check_average(average)
    ks = np.asarray([check_int(k, "cluster_counts[i]", minimum=2) for k in cluster_counts], dtype=int)
    if ks.size == 0:
        raise ValueError("cluster_counts is empty")
    rng = make_rng(seed)
    out = {name: np.empty((ks.size, n_repeats)) for name in ("mi", "emi", "nmi", "ami")}
    for i, k in enumerate(ks):
        for r in range(n_repeats):
            codes = _codes(random_labels(n, int(k), seed=rng), random_labels(n, int(k), seed=rng))
            ca, ma, cb, mb, _ = codes
            mi = mi_discrete(ca, cb)
            emi = _emi_from_marginals(np.bincount(ca, minlength=ma), np.bincount(cb, minlength=mb), n)
            out["mi"][i, r] = mi
            out["emi"][i, r] = emi
            out["nmi"][i, r] = nmi(ca, cb, average=average)
            out["ami"][i, r] = _ami_codes(*codes, average, mi=mi, emi=emi)
    out["k"] = ks
    return out


def adjusted_rand_index(a, b) -> float:
    """Adjusted Rand index of two labelings (Hubert and Arabie [HA]_).

    The Rand index counts the pairs of samples on which two labelings agree
    (together in both, or apart in both); the adjusted index subtracts its
    expectation when the samples are paired at random with the cluster
    sizes kept, and rescales so a perfect match scores 1:

    ARI = (S - S_a S_b / P) / ((S_a + S_b) / 2 - S_a S_b / P),

    with S = sum_ij C(n_ij, 2) over the contingency table, S_a = sum_i
    C(a_i, 2), S_b = sum_j C(b_j, 2) and P = C(n, 2).

    Parameters
    ----------
    a, b : array-like, shape (n,)
        Two labelings of the same samples.

    Returns
    -------
    float
        ARI, unitless, at most 1; 0 on average under chance, and it can be
        negative. Conventions as in :func:`sklearn.metrics.adjusted_rand_score`:
        1 when the two partitions are the same (including both a single
        cluster or both all singletons), where the formula is 0/0.

    Notes
    -----
    Counts pairs rather than information, so it is a chance-corrected
    partner of :func:`ami` that weighs a split cluster differently. Cost
    O(n log n) (the labels are coded and the non-empty cells counted with
    ``np.unique``); on small data it is several times faster than
    scikit-learn's, whose input checks dominate there.

    Raises
    ------
    ValueError
        If ``a`` and ``b`` are not 1-D, differ in length, are empty, or hold
        missing labels (None, NaN, pandas' NA, NaT), or have fewer than 2 samples.
    TypeError
        If a labeling mixes label types (1 and "1").

    References
    ----------
    .. [HA] L. Hubert, P. Arabie, "Comparing partitions", Journal of
       Classification 2, 193-218 (1985).

    Examples
    --------
    >>> import mi_helpers as mh
    >>> mh.adjusted_rand_index([0, 0, 1, 1], [1, 1, 0, 0])  # the same partition
    1.0
    >>> round(mh.adjusted_rand_index([0, 0, 1, 1], [0, 1, 0, 1]), 12)  # below chance: (0 - 2/3) / (2 - 2/3)
    -0.5
    """
    ca, ma, cb, mb, n = _codes(a, b)
    if n < 2:
        raise ValueError(f"a and b need at least 2 samples, got {n}")
    # Counts of the non-empty cells only: a dense table could hold n^2 cells.
    cells = np.unique(ca.astype(np.int64) * mb + cb, return_counts=True)[1].astype(np.float64)
    row, col = np.bincount(ca, minlength=ma).astype(np.float64), np.bincount(cb, minlength=mb).astype(np.float64)
    pairs = lambda c: float(np.sum(c * (c - 1.0)) / 2.0)  # noqa: E731  (sum of C(c, 2))
    s_ab, s_a, s_b = pairs(cells), pairs(row), pairs(col)
    expected = s_a * s_b / (n * (n - 1.0) / 2.0)
    maximum = 0.5 * (s_a + s_b)
    if maximum == expected:  # both labelings trivial in the same way: the same partition
        return 1.0
    return float((s_ab - expected) / (maximum - expected))
