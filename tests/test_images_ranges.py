"""Fixed bin ranges for image_mi and image_nmi, and the correlation ratio of 1-D samples.

References: scikit-learn's mutual_info_score on NumPy's histogram2d with an
explicit range, scikit-image's normalized_mutual_information (its own
histogram, checked on a case where the fixed ranges equal the images' own),
entropies computed by hand from NumPy's histogram2d, and SciPy's one-way
ANOVA F statistic (eta^2 = F (k - 1) / (F (k - 1) + N - k)). Ground truth:
eta^2 = 1 when the predicted values are a function of the bins, 0 when every
bin has the same mean.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.stats import f_oneway
from skimage.metrics import normalized_mutual_information
from sklearn.metrics import mutual_info_score

from mi_helpers.images import camera_image, correlation_ratio, image_mi, image_nmi

CAMERA = camera_image(64)


def _table(a, b, bins, range_a, range_b):
    table, _, _ = np.histogram2d(a.ravel(), b.ravel(), bins=bins, range=[range_a, range_b])
    return table


def _entropy(counts):
    p = counts[counts > 0] / counts.sum()
    return float(-(p * np.log(p)).sum())


@pytest.mark.parametrize("bins", [8, 32])
def test_image_mi_with_fixed_ranges_equals_sklearn_on_numpy_histogram(bins):
    rng = np.random.default_rng(0)
    a = CAMERA + 0.05 * rng.standard_normal(CAMERA.shape)
    b = np.sqrt(CAMERA) + 0.05 * rng.standard_normal(CAMERA.shape)
    range_a, range_b = (-0.5, 1.5), (-0.3, 1.4)  # wider than the data, so part of the bins stay empty
    expected = mutual_info_score(None, None, contingency=_table(a, b, bins, range_a, range_b))
    got = image_mi(a, b, bins=bins, value_range_a=range_a, value_range_b=range_b)
    assert got == pytest.approx(expected, abs=1e-12)
    assert image_mi(a, b, bins=bins, value_range_a=range_a, value_range_b=range_b, base=2) == pytest.approx(
        expected / math.log(2), abs=1e-12
    )
    # With a wider range the data fall into fewer bins, so the value differs from the default binning.
    assert abs(got - image_mi(a, b, bins=bins)) > 1e-3


def test_image_nmi_with_fixed_ranges_equals_entropies_by_hand():
    rng = np.random.default_rng(1)
    a = CAMERA + 0.05 * rng.standard_normal(CAMERA.shape)
    b = 1.0 - CAMERA + 0.05 * rng.standard_normal(CAMERA.shape)
    range_a, range_b = (-1.0, 2.0), (-1.0, 2.0)
    table = _table(a, b, 16, range_a, range_b)
    expected = (_entropy(table.sum(axis=1)) + _entropy(table.sum(axis=0))) / _entropy(table.ravel())
    assert image_nmi(a, b, bins=16, value_range_a=range_a, value_range_b=range_b) == pytest.approx(expected, abs=1e-12)
    # The images' own ranges reproduce the default, which scikit-image computes independently.
    own = (float(a.min()), float(a.max())), (float(b.min()), float(b.max()))
    assert image_nmi(a, b, bins=16, value_range_a=own[0], value_range_b=own[1]) == pytest.approx(
        normalized_mutual_information(a, b, bins=16), abs=1e-12
    )


def test_a_flat_noisy_part_binned_over_its_own_range_looks_dependent():
    # Two independent noise patches: the true MI is 0. Binned over their own narrow range the
    # noise fills all 32 x 32 cells of a 48 x 48 patch and the plug-in bias is large; binned over
    # a range 20 times wider (as a part of larger images would be) it falls into a few cells.
    rng = np.random.default_rng(2)
    a, b = 0.05 * rng.standard_normal((2, 48, 48))
    own = image_mi(a, b)
    wide = image_mi(a, b, value_range_a=(-1.0, 1.0), value_range_b=(-1.0, 1.0))
    assert own > 0.1 and wide < 0.03 and wide < own / 5


def test_fixed_ranges_are_checked():
    with pytest.raises(ValueError, match="value_range_a"):
        image_mi(CAMERA, CAMERA, value_range_a=(1.0, 0.0))
    with pytest.raises(TypeError, match="value_range_b"):
        image_nmi(CAMERA, CAMERA, value_range_b="wide")


# ------------------------------------------------------------------ correlation ratio of 1-D samples


@pytest.mark.parametrize("bins", [5, 20])
def test_correlation_ratio_of_1d_samples_equals_the_anova_r_squared(bins):
    rng = np.random.default_rng(3)
    x = rng.standard_normal(2000)
    y = x**2 + 0.5 * rng.standard_normal(2000)
    codes = np.digitize(x, np.histogram_bin_edges(x, bins=bins)[1:-1])  # equal-width bins of x, as NumPy counts them
    groups = [y[codes == k] for k in np.unique(codes)]
    f = f_oneway(*groups).statistic
    k, n = len(groups), y.size
    assert correlation_ratio(x, y, bins=bins) == pytest.approx(f * (k - 1) / (f * (k - 1) + n - k), abs=1e-10)


def test_correlation_ratio_of_1d_samples_matches_the_image_version_and_ground_truth():
    flat = CAMERA.ravel()
    other = np.sin(6 * CAMERA)
    assert correlation_ratio(flat, other.ravel(), bins=12) == pytest.approx(correlation_ratio(CAMERA, other, bins=12), abs=1e-14)
    x = np.repeat(np.arange(4.0), 50)
    assert correlation_ratio(x, (x - 1.5) ** 2, bins=4) == pytest.approx(1.0, abs=1e-12)  # a function of the bin
    y = np.tile([-1.0, 1.0], 100)  # the same mean, 0, in every bin of x
    assert correlation_ratio(x, y, bins=4) == pytest.approx(0.0, abs=1e-12)
    mask = x < 2
    assert correlation_ratio(x, (x - 1.5) ** 2, bins=4, mask=mask) == pytest.approx(
        correlation_ratio(x[mask], (x[mask] - 1.5) ** 2, bins=4), abs=1e-14
    )


def test_correlation_ratio_rejects_bad_1d_input():
    with pytest.raises(ValueError, match="same shape"):
        correlation_ratio(np.arange(10.0), np.arange(9.0))
    with pytest.raises(ValueError, match="at least 2 values"):
        correlation_ratio(np.array([1.0]), np.array([2.0]))
    with pytest.raises(ValueError, match="1-D array of values or a 2-D image"):
        correlation_ratio(np.zeros((2, 2, 2)), np.zeros((2, 2, 2)))
    with pytest.raises(ValueError, match="NaN"):
        correlation_ratio(np.array([1.0, np.nan, 2.0]), np.zeros(3))
    with pytest.raises(ValueError, match="2-D grey-level image"):  # the image functions stay 2-D only
        image_mi(np.arange(10.0), np.arange(10.0))


def test_correlation_ratio_with_quantile_bins_equals_the_anova_r_squared_of_pandas_qcut_groups():
    pd = pytest.importorskip("pandas")
    rng = np.random.default_rng(4)
    x = rng.standard_normal(2000)
    y = x**2 + 0.1 * rng.standard_normal(2000)
    # 1999 k / 7 is an integer only at k = 7, so no quantile edge sits on a data point and
    # pandas' right-closed cells group the values exactly as the half-open ones do.
    for a, b in ((x, y), (y, x)):
        codes = pd.qcut(a, 7, labels=False)
        groups = [b[codes == k] for k in range(7)]
        f = f_oneway(*groups).statistic
        assert correlation_ratio(a, b, bins=7, strategy="quantile") == pytest.approx(
            f * 6 / (f * 6 + b.size - 7), abs=1e-10
        )
    # Equal-count bins keep the sparse tail of a skewed predictor from inflating eta^2 of a
    # target whose conditional mean is 0 by symmetry (E[x | x^2] = 0).
    assert correlation_ratio(y, x, bins=20, strategy="quantile") < 0.02 < correlation_ratio(y, x, bins=20)


def test_correlation_ratio_rejects_an_unknown_strategy():
    with pytest.raises(ValueError, match="strategy"):
        correlation_ratio(np.arange(10.0), np.arange(10.0), strategy="kmeans")
