"""The offline Seattle weather loader, the dither for rounded data, and lagged MI.

References: the CSV file parsed independently with the standard library,
closed-form Gaussian MI (a rounded Gaussian pair, an AR(1) series), and
plain slicing plus a direct estimator call.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import math
import socket
from importlib import resources

import numpy as np
import pytest

import mi_helpers as mh
from mi_helpers.conditional import cmi_stratified
from mi_helpers.datasets import SEATTLE_RESOLUTION, dequantize, lagged_mi, load_seattle_weather

pytest.importorskip("vega_datasets")


@pytest.fixture(scope="module")
def weather():
    return load_seattle_weather()


def test_loader_shape_columns_and_dtypes(weather):
    assert len(weather) == 1461
    assert list(weather.columns) == ["date", "precipitation", "temp_max", "temp_min", "wind", "weather", "month"]
    assert weather["date"].dtype.kind == "M"
    for c in ("precipitation", "temp_max", "temp_min", "wind"):
        assert weather[c].dtype == np.float64
    assert weather["weather"].dtype == "category"
    assert set(weather["weather"].cat.categories) == {"drizzle", "fog", "rain", "snow", "sun"}
    assert weather["month"].dtype == np.int64
    assert weather.isna().sum().sum() == 0


def test_loader_dates_are_consecutive_days_with_their_month(weather):
    days = np.diff(weather["date"].to_numpy()).astype("timedelta64[D]").astype(int)
    assert (days == 1).all()
    assert str(weather["date"].iloc[0].date()) == "2012-01-01"
    assert str(weather["date"].iloc[-1].date()) == "2015-12-31"
    np.testing.assert_array_equal(weather["month"].to_numpy(), weather["date"].dt.month.to_numpy())


def test_loader_values_match_the_csv_parsed_by_the_standard_library(weather):
    text = (resources.files("vega_datasets") / "_data" / "seattle-weather.csv").read_text()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == len(weather)
    for c in ("precipitation", "temp_max", "temp_min", "wind"):
        np.testing.assert_allclose(weather[c].to_numpy(), [float(r[c]) for r in rows])
    assert list(weather["weather"].astype(str)) == [r["weather"] for r in rows]
    assert weather["date"].iloc[100].strftime("%Y/%m/%d") == rows[100]["date"]


def test_loader_works_with_the_network_blocked(monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("network access attempted during an offline test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    df = load_seattle_weather()
    assert len(df) == 1461


def test_loader_says_what_to_install_when_vega_datasets_is_missing(monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "vega_datasets" else real(name, *a))
    with pytest.raises(ImportError, match="pip install vega_datasets"):
        load_seattle_weather()


# --------------------------------------------------------------------------
# dequantize
# --------------------------------------------------------------------------


def test_dequantize_stays_in_the_rounding_interval_and_breaks_ties(weather):
    wind = weather["wind"].to_numpy()
    d = dequantize(wind, step=SEATTLE_RESOLUTION["wind"], seed=0)
    assert np.abs(d - wind).max() <= 0.05 + 1e-12
    np.testing.assert_allclose(np.round(d, 1), wind)  # rounding back recovers the record
    assert np.unique(d).size == d.size
    # Default step: the smallest gap between distinct values (0.1 for wind).
    d2 = dequantize(wind, seed=0)
    np.testing.assert_allclose(d2, d)


def _rounded_gaussian_mi(rho: float, step: float) -> float:
    """Exact MI (nats) of a standard bivariate Gaussian pair rounded to a grid of ``step``.

    Cell probabilities by quadrature: P(i, j) = int_{x in cell i} phi(x) [Phi((b_j - rho x)/s) - Phi((a_j - rho x)/s)] dx.
    """
    from scipy.stats import norm

    s = np.sqrt(1 - rho**2)
    edges = np.arange(-8 - step / 2, 8 + step, step)
    x = np.linspace(edges[0], edges[-1], 160_001)
    dx = x[1] - x[0]
    cell = np.diff(norm.cdf((edges[None, :] - rho * x[:, None]) / s), axis=1) * norm.pdf(x)[:, None] * dx
    rows = np.clip(np.searchsorted(edges, x, side="right") - 1, 0, len(edges) - 2)
    table = np.zeros((len(edges) - 1, len(edges) - 1))
    np.add.at(table, rows, cell)
    assert abs(table.sum() - 1) < 1e-6
    return mh.mi_from_joint(table)


def test_ksg_on_rounded_data_and_on_dequantized_data_against_ground_truth():
    x, y = mh.correlated_gaussian(3000, 0.6, seed=4)
    xr, yr = np.round(x * 2) / 2, np.round(y * 2) / 2  # a grid of 0.5 standard deviations
    rounded_truth = _rounded_gaussian_mi(0.6, 0.5)  # about 0.212 nats, below the 0.223 of the raw pair
    assert rounded_truth < mh.gaussian_mi(0.6)
    with pytest.warns(mh.TiesWarning):
        raw = mh.mi_ksg(xr, yr)
    # Tied rows get independent jitter in x and in y, so the estimate tracks the
    # MI of the rounded values instead of exploding with the number of ties.
    assert raw == pytest.approx(rounded_truth, abs=0.03)
    fixed = mh.mi_ksg(dequantize(xr, step=0.5, seed=1), dequantize(yr, step=0.5, seed=2))
    # Rounding plus the dither acts almost like independent uniform noise of variance
    # 0.5^2 / 12 on each variable (Sheppard), so the MI left is close to that of the
    # correspondingly attenuated correlation.
    attenuated = 0.6 / (1 + 0.25 / 12)
    assert fixed == pytest.approx(mh.gaussian_mi(attenuated), abs=0.04)


def test_dequantize_is_reproducible_and_rejects_bad_input():
    x = np.array([0.0, 0.0, 1.0, 2.0, 2.0])
    np.testing.assert_array_equal(dequantize(x, seed=3), dequantize(x, seed=3))
    with pytest.raises(TypeError, match="seed"):
        dequantize(x)
    with pytest.raises(ValueError, match="step"):
        dequantize(x, step=0.0, seed=0)
    with pytest.raises(ValueError, match="step"):
        dequantize(x, step=-1, seed=0)
    with pytest.raises(ValueError, match="single distinct value"):
        dequantize(np.ones(5), seed=0)
    with pytest.raises(ValueError, match="1-D"):
        dequantize(np.zeros((5, 2)), seed=0)


# --------------------------------------------------------------------------
# lagged_mi
# --------------------------------------------------------------------------


def test_lagged_mi_equals_a_manual_shift_and_estimator_call():
    rng = np.random.default_rng(0)
    x = np.cumsum(rng.standard_normal(400)) * 0.1 + rng.standard_normal(400)
    y = rng.standard_normal(400) + np.roll(x, 2)
    for lag in (1, 3, 17):
        assert lagged_mi(x, lag) == mh.mi_ksg(x[:-lag], x[lag:])
        assert lagged_mi(x, lag, y=y, k=5) == mh.mi_ksg(x[:-lag], y[lag:], k=5)
        assert lagged_mi(x, lag, estimator=mh.mi_binned, bins=6) == mh.mi_binned(x[:-lag], x[lag:], bins=6)
    assert lagged_mi(x, 0, y=y) == mh.mi_ksg(x, y)


def test_lagged_mi_given_labels_is_the_stratified_cmi():
    rng = np.random.default_rng(1)
    x = rng.standard_normal(600)
    labels = np.repeat(np.arange(6), 100)
    got = lagged_mi(x, 2, given=labels, estimator=mh.mi_binned, bins=4)
    want = cmi_stratified(x[:-2], x[2:], labels[:-2], estimator=mh.mi_binned, bins=4)
    assert got == pytest.approx(want, abs=1e-15)


def test_lagged_mi_of_an_ar1_series_matches_the_closed_form():
    # x_t = phi x_{t-1} + e_t (stationary, unit variance): corr at lag L is phi^L.
    phi, n = 0.8, 6000
    rng = np.random.default_rng(2)
    e = rng.standard_normal(n) * math.sqrt(1 - phi**2)
    x = np.empty(n)
    x[0] = rng.standard_normal()
    for t in range(1, n):
        x[t] = phi * x[t - 1] + e[t]
    for lag in (1, 2, 5):
        assert lagged_mi(x, lag) == pytest.approx(mh.gaussian_mi(phi**lag), abs=0.04)


def test_lagged_mi_rejects_bad_input():
    x = np.arange(50, dtype=float)
    with pytest.raises(ValueError, match="lag 0"):
        lagged_mi(x, 0)
    with pytest.raises(ValueError, match="lag"):
        lagged_mi(x, -1)
    with pytest.raises(TypeError, match="lag"):
        lagged_mi(x, 1.5)
    with pytest.raises(ValueError, match="smaller than"):
        lagged_mi(x, 48)
    with pytest.raises(ValueError, match="same length"):
        lagged_mi(x, 1, y=x[:40])
    with pytest.raises(ValueError, match="1-D"):
        lagged_mi(np.zeros((50, 2)), 1)
    with pytest.raises(ValueError, match="given"):
        lagged_mi(x, 1, given=np.zeros(10))
    with pytest.raises(TypeError, match="estimator"):
        lagged_mi(x, 1, estimator="ksg")
