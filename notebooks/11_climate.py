# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 11 · Climate: MI in four years of daily weather
#
# [← Previous: 10 Genes](10_genes.ipynb) · **11 Climate** · [Next: 12 Limitations →](12_limitations.ipynb)
#
# Real measurements come with no ground truth and with habits that synthetic data
# lacks: values rounded to the instrument's step, a variable that is exactly zero on
# most days, days that depend on the days before, and a calendar that drives everything
# at once. This notebook measures MI between daily weather variables in Seattle, how
# long the weather "remembers", and how much of what looks like dependence is just the
# season.
#
# **You will learn to**
#
# - load a real data set offline and state where it comes from;
# - say what a nearest-neighbour estimator measures on rounded and zero-inflated values, and cross-check it;
# - measure the memory of a series with lagged MI, compare it with the autocorrelation, and test whether lag 2 adds anything to lag 1;
# - remove a confounder (the season) with MI conditional on the month, and test against a null that keeps the day-to-day dependence.
#
# **Time:** about 45 minutes. There is no true MI for real data, so every estimate is
# checked against a second, independent way of computing it, or against synthetic data
# with the same habits and a known answer.

# %% [markdown]
# ## Setup
#
# The data loader, the dither, the lagged MI and the null models for series come from
# `mi_helpers.datasets`; conditional MI from `mi_helpers.conditional`; the test with a
# restricted set of rearrangements from `mi_helpers.significance`. Random draws (the
# dither, the surrogates) are seeded.

# %%
import warnings

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

import mi_helpers as mh
from mi_helpers.conditional import cmi_discrete, cmi_ksg, cmi_stratified
from mi_helpers.datasets import (
    SEATTLE_RESOLUTION,
    SEATTLE_WEATHER_SOURCE,
    ar1_series,
    dequantize,
    lagged_mi,
    load_seattle_weather,
    markov_surrogates,
    year_swap_indices,
)
from mi_helpers.synthetic import gaussian_binned_mi, rounded_gaussian_mi
from mi_helpers.significance import restricted_permutation_test
from mi_helpers.widgets.climate import climate_arrays, climate_pair_summary, climate_panel

SEED = 0
rng = np.random.default_rng(SEED)
np.set_printoptions(precision=4, suppress=True)

# %% [markdown]
# ## 1. The data: Seattle, 2012–2015
#
# The Python package `vega_datasets` (MIT licence) ships a small CSV file of daily
# weather in Seattle: precipitation (mm), maximum and minimum temperature (°C), mean wind
# speed (m/s) and a weather label. The package describes it as drawn from public-domain
# NOAA records (US government data, see https://www.weather.gov/disclaimer), transformed
# with the scripts of the vega-datasets project. `load_seattle_weather` reads the file
# that is *inside the installed package*; it never touches the network, so the notebook
# runs offline (why downloading data at run time is a pitfall: the end of
# [notebook 08](08_nlp.ipynb)).

# %%
weather = load_seattle_weather()
print("source:", SEATTLE_WEATHER_SOURCE)
print(f"{len(weather)} days, {weather['date'].min():%Y-%m-%d} to {weather['date'].max():%Y-%m-%d}")
print(weather.head().to_string())

# %% [markdown]
# Two features of the numbers matter for MI. Precipitation is exactly 0 on most days.
# And every column is rounded: the temperatures were read in whole degrees Fahrenheit and
# converted (so they sit on a grid about 0.56 °C apart), precipitation in hundredths of
# an inch (0.254 mm), wind to 0.1 m/s. Hence few distinct values for 1,461 days:

# %%
for column in SEATTLE_RESOLUTION:
    values = weather[column].to_numpy()
    print(f"{column:13s}: {np.unique(values).size:3d} distinct values, "
          f"{np.mean(values == 0):5.1%} exactly zero, recording step {SEATTLE_RESOLUTION[column]:.3f}")
assert np.unique(weather["temp_max"]).size < 100 and np.mean(weather["precipitation"] == 0) > 0.5

# %% [markdown]
# A word of caution about the weather label before using it: its meaning drifts. The
# table counts the labels per year. "rain" nearly disappears after 2013 while "fog"
# takes over, which is a change in how the label was assigned, not in Seattle's
# climate. The label carries information about the year for that reason alone.

# %%
year = weather["date"].dt.year.to_numpy()
label_counts = pd.crosstab(pd.Series(year, name="year"), weather["weather"])
print(label_counts.to_string())
print(f"\nI(label; year) = {mh.mi_discrete(weather['weather'], year):.3f} nats "
      f"(H(label) = {mh.entropy_discrete(weather['weather']):.3f} nats)")
assert label_counts.loc[2012, "rain"] > 150 and label_counts.loc[[2014, 2015], "rain"].max() < 10
assert label_counts.loc[2012, "fog"] < 10 and label_counts.loc[[2014, 2015], "fog"].min() > 150

# %% [markdown]
# ## 2. Zeros and rounding: what a nearest-neighbour estimator measures
#
# KSG (`mh.mi_ksg`) assumes continuous data: it measures distances to the k-th nearest
# neighbour, and repeated values make some of those distances zero. Here 57% of the days
# share the value precipitation = 0, and the maximum temperature takes only 67 values.
# `mi_ksg` breaks exact ties with a tiny seeded jitter, drawn independently for x and for
# y, and warns; the warning is captured and printed here.

# %%
t_max = weather["temp_max"].to_numpy()
t_min = weather["temp_min"].to_numpy()
wind = weather["wind"].to_numpy()
precip = weather["precipitation"].to_numpy()
month = weather["month"].to_numpy()
step = SEATTLE_RESOLUTION

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    raw_tp = mh.mi_ksg(t_max, precip)
print(f"KSG on the recorded values, I(max temp; precipitation) = {raw_tp:.3f} nats")
print("warning:", caught[0].message)

# %% [markdown]
# What does that number estimate? A jitter narrower than the recording step can be
# undone: rounding the jittered value gives back the recorded one. So the jittered pair
# carries exactly the information of the *recorded* pair, and KSG on tied data estimates
# the MI of the recorded values. Recording is a function of the true temperature and
# rain, so by the data processing inequality of notebook 02 that MI is at most the MI
# of the underlying quantities, and close to it when the recording step is fine compared
# with the spread of the variable. Three other ways to estimate I(T; P) between the
# maximum temperature T and the precipitation P:
#
# **(a) Split the mixed variable.** P is a mixture: a dry/wet indicator W (P > 0) and an
# amount A on wet days. W is a function of P, so the chain rule gives exactly
#
# $$ I(T;P) = I(T;W) + I(T;P \mid W) = I(T;W) + \Pr(W{=}1)\, I(T;A \mid \text{wet}), $$
#
# because on dry days P is the constant 0 and adds nothing. I(T;W) involves a binary
# variable, so T is cut into Freedman–Diaconis bins and the plug-in estimate is used (its
# bias, (B − 1)(2 − 1)/(2N), is printed). I(T;A | wet) uses KSG on the wet days only.
#
# **(b) Dequantize.** Add to each value a uniform dither over its whole rounding
# interval, v + U(−δ/2, δ/2) with δ the recording step (`dequantize`). Rounding the
# result also gives back the recorded value, so (b) aims at the same quantity as the
# tiny jitter, I(T + U; P + V) = I(T; P) for the recorded T and P; but the dithered
# points fill the space evenly instead of sitting in tight clusters of ties, which is
# the situation KSG was built for. The dither is random: its effect is shown over 20
# seeds, and (a) uses the same 20 dithers.
#
# **(c) A histogram** on the recorded values: ties are no problem for bins, but the
# estimate depends on the bins and carries the bias (Bx − 1)(By − 1)/(2N) of notebooks
# 04 and 12.
#
# (The dithered precipitation of a dry day lies between −0.127 and +0.127 mm. A negative
# amount looks odd but is harmless: it is a code for "dry", and MI does not care about
# the coding.)

# %%
wet = (precip > 0).astype(int)
on_wet = wet == 1
t_bins = mh.discretize(t_max, "fd")
n_tbins = t_bins.max() + 1
i_tw = mh.mi_discrete(t_bins, wet)
split, dithered = [], []
for s in range(20):
    t_d = dequantize(t_max, step=step["temp_max"], seed=s)
    p_d = dequantize(precip, step=step["precipitation"], seed=100 + s)
    split.append(i_tw + on_wet.mean() * mh.mi_ksg(t_d[on_wet], p_d[on_wet]))
    dithered.append(mh.mi_ksg(t_d, p_d))
split, dithered = np.array(split), np.array(dithered)
print(f"(a) I(T;W) = {i_tw:.3f} nats ({n_tbins} bins for T; bias about {(n_tbins - 1) / (2 * len(t_max)):.3f}), "
      f"P(wet) = {on_wet.mean():.3f}")
print(f"    I(T;P) = I(T;W) + P(wet) I(T;A|wet) = {split.mean():.3f} nats (sd over 20 dither seeds {split.std():.3f})")
print(f"(b) KSG on dequantized values:           {dithered.mean():.3f} nats (sd over 20 dither seeds {dithered.std():.3f})")
print(f"    KSG on the recorded values (above):  {raw_tp:.3f} nats")
for b in (5, 10, 20):
    print(f"(c) histogram, {b:2d} x {b:2d} equal-width bins: {mh.mi_binned(t_max, precip, bins=b):.3f} nats "
          f"(bias formula {(b - 1) ** 2 / (2 * len(t_max)):.3f}; the first bin holds 0 to {precip.max() / b:.1f} mm)")
estimates_tp = np.array([split.mean(), dithered.mean(), raw_tp])
assert np.ptp(estimates_tp) < 0.02 and np.ptp(estimates_tp) < 2 * dithered.std()
assert mh.mi_binned(t_max, precip, bins=5) < 0.5 * estimates_tp.min() and precip.max() / 5 > 10

# %% [markdown]
# (a), (b) and the KSG of the recorded values agree to within 0.02 nats, about the
# spread that the dither alone causes: three methods that treat the zeros in entirely
# different ways. The histogram (c) follows its bin count: equal-width
# bins on a skewed variable put every dry day in the first bin *together with* all light
# rain (up to 11 mm with 5 bins), which throws away the wet/dry information that carries
# most of the MI; more bins recover it and add bias. The two temperatures, both
# recorded on the same grid, give the same picture:

# %%
tt_deq = np.array([
    mh.mi_ksg(dequantize(t_max, step=step["temp_max"], seed=s), dequantize(t_min, step=step["temp_min"], seed=100 + s))
    for s in range(20)
])
with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message=".*repeated values")  # shown above; this cell shows its effect
    raw_tt = mh.mi_ksg(t_max, t_min)
print(f"I(max temp; min temp): KSG on recorded values {raw_tt:.3f}, dequantized {tt_deq.mean():.3f} "
      f"(sd over 20 seeds {tt_deq.std():.3f}), Gaussian from r {mh.mi_gaussian(t_max, t_min):.3f} nats")
assert abs(raw_tt - tt_deq.mean()) < 2 * tt_deq.std()

# %% [markdown]
# Real data cannot say which estimate is closer to the truth. A synthetic pair with the
# same habits can: a Gaussian pair with ρ = 0.9 (MI 0.830 nats, close to the two
# temperatures), N = 1,461, recorded on a grid with the temperature's step relative to
# its spread (0.556 °C for a standard deviation of 7.3 °C, about 0.076 sd), and, for
# contrast, on a grid one standard deviation wide, as if the data had been binned
# coarsely. `rounded_gaussian_mi` computes the exact MI of the rounded values from the
# bivariate normal distribution; 10 seeded samples per grid show the spread.

# %%
rho_syn = 0.9
rel_step = step["temp_max"] / t_max.std()
print(f"true MI of the continuous pair: {mh.gaussian_mi(rho_syn):.3f} nats")
synthetic = {}
for grid in (rel_step, 1.0):
    raw_s, deq_s = [], []
    for s in range(10):
        x, y = mh.correlated_gaussian(len(t_max), rho_syn, seed=300 + s)
        xr, yr = np.round(x / grid) * grid, np.round(y / grid) * grid
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # ties are the point of this cell
            raw_s.append(mh.mi_ksg(xr, yr))
        deq_s.append(mh.mi_ksg(dequantize(xr, step=grid, seed=400 + s), dequantize(yr, step=grid, seed=500 + s)))
    synthetic[grid] = (rounded_gaussian_mi(rho_syn, grid), np.array(raw_s), np.array(deq_s))
    exact, raw_s, deq_s = synthetic[grid]
    print(f"step {grid:.3f} sd: exact MI of the rounded values {exact:.3f} | KSG recorded {raw_s.mean():.3f} "
          f"(sd {raw_s.std():.3f}) | KSG dequantized {deq_s.mean():.3f} (sd {deq_s.std():.3f})")
fine, coarse = synthetic[rel_step], synthetic[1.0]
assert mh.gaussian_mi(rho_syn) - fine[0] < 0.005 and mh.gaussian_mi(rho_syn) - coarse[0] > 0.2


def within_noise(est, exact):
    """Mean of repeated estimates within 3 standard errors (plus 0.01 nats) of the exact value."""
    return abs(est.mean() - exact) < 3 * est.std() / np.sqrt(est.size) + 0.01


assert within_noise(fine[1], fine[0]) and within_noise(fine[2], fine[0]) and within_noise(coarse[1], coarse[0])
assert -0.05 < coarse[2].mean() - coarse[0] < 0 and max(coarse[1].mean(), coarse[2].mean()) < mh.gaussian_mi(rho_syn) - 0.2

# %% [markdown]
# At the temperature's step, rounding costs almost nothing (0.002 nats) and both KSG
# variants land within their noise of the truth: on these data, the recorded values and
# the dequantized ones give the same answer, as the real-data cells above found. At a
# coarse step both estimates track the MI of the *rounded* values (the dequantized one
# a few hundredths below it: its density jumps at every cell edge, which KSG smooths
# over), far below the MI of the continuous pair. No estimator recovers what recording
# destroyed; that is also why KSG on binned data (Pitfall 3 of [notebook 04](04_estimation.ipynb))
# estimates the MI of the bins, not of the variables.
#
# From here on, KSG is applied to dequantized values (`deq` below): the recorded values
# would give nearly the same numbers, but the dither leaves no ties to warn about, and
# its spread over seeds (printed above) is a reminder of the information the recording
# hides. The wet/dry indicator is used where rain matters as an event.

# %% [markdown]
# ## 3. MI between the variables
#
# The matrix below is KSG on the dequantized columns, next to the Pearson correlation.
# MI has no sign; correlation sees only straight lines.

# %%
columns = ["temp_max", "temp_min", "wind", "precipitation"]
deq = {c: dequantize(weather[c].to_numpy(), step=step[c], seed=rng) for c in columns}
mi_matrix = mh.pairwise_mi(np.column_stack([deq[c] for c in columns]), method="ksg")
r_matrix = np.corrcoef(np.column_stack([weather[c].to_numpy() for c in columns]), rowvar=False)
print("KSG MI (nats), off-diagonal:")
print(pd.DataFrame(mi_matrix, index=columns, columns=columns).round(3).to_string())
print("\nPearson r:")
print(pd.DataFrame(r_matrix, index=columns, columns=columns).round(3).to_string())
mi_df = pd.DataFrame(mi_matrix, index=columns, columns=columns)
r_df = pd.DataFrame(r_matrix, index=columns, columns=columns)
gauss_tp = mh.gaussian_mi(abs(r_df.loc["temp_max", "precipitation"]))
gauss_wp = mh.gaussian_mi(abs(r_df.loc["wind", "precipitation"]))
print(f"\nGaussian MI from r: max temp / precipitation {gauss_tp:.3f}, wind / precipitation {gauss_wp:.3f} nats")
assert mi_df.loc["temp_max", "precipitation"] > 3 * gauss_tp and 0.12 < mi_df.loc["temp_max", "precipitation"] < 0.16
assert 0.06 < mi_df.loc["wind", "precipitation"] < 0.08
assert abs(mi_df.loc["wind", "precipitation"] - gauss_wp) < 0.03

# %% [markdown]
# Temperature and precipitation share about 0.14 nats although r = −0.23 would suggest only
# −½ ln(1 − 0.23²) = 0.03 nats for a Gaussian pair: the relation is not a straight line
# (mostly "warm days are dry days", an event, not an amount). Wind and precipitation
# share 0.07 nats with r = +0.33, close to the Gaussian value of 0.06.
#
# The weather label can be checked against the precipitation it should describe. A
# label that summarises the day should tell a lot about whether it rained:

# %%
h_wet = mh.entropy_discrete(wet)
i_label_wet = mh.mi_discrete(weather["weather"], wet)
label_wet = pd.crosstab(weather["weather"], pd.Series(np.where(wet == 1, "wet", "dry"), name="day"))
print(f"I(label; wet) = {i_label_wet:.3f} nats out of H(wet) = {h_wet:.3f} nats")
print(label_wet.to_string())
fog_wet = label_wet.loc["fog", "wet"] / label_wet.loc["fog"].sum()
print(f"share of 'fog' days with measurable precipitation: {fog_wet:.2f}")
assert i_label_wet < 0.5 * h_wet and 0.7 < fog_wet < 0.8

# %% [markdown]
# The label explains less than half of the uncertainty about rain: three quarters of
# the "fog" days had measurable precipitation. It is a loose description, and the
# analysis below uses the measurements instead.

# %% [markdown]
# ## 4. Memory: lagged MI against the autocorrelation
#
# How much does today's maximum temperature tell about the one L days later? The
# *lagged MI* I(T_t; T_t+L) (`lagged_mi(x, lag)`) answers for any kind of dependence; the
# autocorrelation r(L) answers for straight lines, and −½ ln(1 − r²) converts it to the
# MI a Gaussian series with that correlation would have.

# %%
lags = np.concatenate([np.arange(1, 11), np.arange(15, 201, 5)])
t_mx = deq["temp_max"]
lag_mi = np.array([lagged_mi(t_mx, int(L)) for L in lags])
lag_r = np.array([np.corrcoef(t_max[:-L], t_max[L:])[0, 1] for L in lags])
lag_cmi = np.array([lagged_mi(t_mx, int(L), given=month) for L in lags])  # used in the Pitfall


def at_lag(values, L):
    """The entry of a per-lag array at lag L."""
    return values[int(np.flatnonzero(lags == L)[0])]


for L in (1, 2, 3, 7, 30, 90, 180):
    print(f"lag {L:3d} d: I = {at_lag(lag_mi, L):.3f} nats | r = {at_lag(lag_r, L):+.3f} "
          f"-> Gaussian {mh.gaussian_mi(at_lag(lag_r, L)):.3f} nats")
gap = lag_mi - mh.gaussian_mi(lag_r)
print(f"lagged MI minus the Gaussian value: at most {np.max(np.abs(gap[lags <= 3])):.3f} nats at lags 1-3, "
      f"{at_lag(gap, 30):.3f} at 30 days")
assert np.max(np.abs(gap[lags <= 3])) < 0.04 and 0.03 < at_lag(gap, 30) < 0.12
assert abs(at_lag(lag_r, 90)) < 0.05 and at_lag(lag_mi, 90) > 0.1
assert at_lag(lag_r, 180) < -0.6 and at_lag(lag_mi, 180) > 2 * at_lag(lag_mi, 90)

# %%
fig, ax = plt.subplots(figsize=(6.5, 3.3))
ax.plot(lags, lag_mi, "o-", ms=3, label="lagged MI (KSG)")
ax.plot(lags, mh.gaussian_mi(lag_r), "s--", ms=3, label="Gaussian from r: −½ ln(1 − r²)")
ax.set_xlabel("lag L (days)")
ax.set_ylabel("I(T_t ; T_t+L) (nats)")
ax.set_title("Maximum temperature: MI with itself L days later")
ax.legend()
plt.show()

# %% [markdown]
# For the first days the two curves nearly coincide: the day-to-day dependence is close
# to linear. Over the following weeks the MI pulls ahead of the Gaussian value, and
# beyond two months the curves part. At 90 days r ≈ 0, yet the MI is clearly positive;
# at 180 days r is strongly negative and the MI rises again, because MI has no sign. The scatter plots show why: a quarter of a year apart,
# today's and the later temperature trace a loop (the seasonal cycle as sine against
# cosine), which has no correlation but a lot of structure.

# %%
fig, axes = plt.subplots(1, 3, figsize=(10, 3.1), sharex=True, sharey=True)
for ax, L in zip(axes, (1, 90, 180)):
    sc = ax.scatter(t_max[:-L], t_max[L:], c=month[:-L], cmap="hsv", vmin=0.5, vmax=12.5, s=3)
    ax.set_title(f"lag {L} d: r = {np.corrcoef(t_max[:-L], t_max[L:])[0, 1]:+.2f}")
    ax.set_xlabel("max temp on day t (°C)")
axes[0].set_ylabel("max temp on day t + L (°C)")
fig.colorbar(sc, ax=axes, label="month of day t", ticks=[1, 4, 7, 10])
plt.show()

# %% [markdown]
# Rain as an event has its own memory. For the wet/dry indicator the lagged MI is a
# plug-in estimate on labels (`estimator=mh.mi_discrete`), in bits here. The second
# column conditions on the month (`given=month`), which section 5 explains.

# %%
rain_lags = (1, 2, 3, 5, 10)
rain_plain = {L: lagged_mi(wet, L, estimator=mh.mi_discrete, base=2) for L in rain_lags}
rain_given = {L: lagged_mi(wet, L, estimator=mh.mi_discrete, given=month) / np.log(2) for L in rain_lags}
for L in rain_lags:
    print(f"lag {L:2d} d: I(wet_t; wet_t+L) = {rain_plain[L]:.4f} bits | given the month {rain_given[L]:.4f} bits")
bias_2x2 = 1 / (2 * len(wet) / 12 * np.log(2))
print(f"plug-in bias of a 2 x 2 table on one month of data (about {len(wet) / 12:.0f} days): {bias_2x2:.4f} bits")
assert 0.12 < rain_plain[1] < 0.15 and rain_plain[2] < 0.5 * rain_plain[1]
assert 0.07 < rain_given[1] < 0.1 and abs(rain_given[10] - bias_2x2) < 0.003

# %% [markdown]
# One wet day tells about 0.14 bits about the next and less than half of that about the
# day after. Part of it is the season: wet days cluster in winter, so a wet day also says
# "it is winter", and within a month the value falls to 0.085 bits. At lag 10 what
# remains is near the plug-in bias of a 2 × 2 table on one month of data,
# 1/(2 · 122 · ln 2) ≈ 0.006 bits.

# %% [markdown]
# ## 5. Seasonality as a confounder: MI given the month
#
# The month drives temperature, rain and wind at once. Two variables that each follow
# the calendar share information through it, even if on any given day they are
# unrelated. The conditional MI removes that path:
#
# $$ I(X;Y \mid M) = \sum_m P(M = m)\, I(X;Y \mid M = m), $$
#
# the average of the MI *within* each month. `cmi_stratified` estimates it by running KSG
# on the roughly 120 days of each calendar month and averaging with weights P(m). Its
# noise is that of 120 points, so it needs a reference level: the value the estimate
# takes when X and Y are related *only* through the calendar. Two nulls give one:
#
# - **shuffle within each month**: permute the days of Y inside each calendar month.
#   This keeps the seasonal pattern of Y but treats the days of a month as
#   exchangeable, which they are not: weather comes in spells lasting days, and within
#   a month the temperature still drifts with the season.
# - **swap years within each month** (`year_swap_indices`): give each month of X the
#   same month of Y *from another year*, day by day. Each surrogate keeps the date in
#   the calendar and the day-to-day dependence of Y, and breaks only the link between
#   X and Y beyond the calendar. `restricted_permutation_test` computes the estimate on
#   each rearrangement and the p-value (1 + #null ≥ observed)/(1 + R).

# %%
n_days = len(weather)
swaps = year_swap_indices(weather["date"], n_surrogates=20, seed=SEED)
shuffles = np.tile(np.arange(n_days), (10, 1))
for row in shuffles:
    for m in range(1, 13):
        days = np.flatnonzero(month == m)
        row[days] = rng.permutation(days)
pairs = [("temp_max", "temp_min"), ("temp_max", "precipitation"), ("temp_max", "wind"), ("wind", "precipitation")]
table = {}
print("pair                        | I(X;Y) | I(X;Y|month) | shuffled in month: mean (sd) | years swapped: mean (sd), p")
for cx, cy in pairs:
    plain = mh.mi_ksg(deq[cx], deq[cy])
    by_shuffle = restricted_permutation_test(deq[cx], deq[cy], shuffles, estimator=cmi_stratified, z_labels=month)
    by_swap = restricted_permutation_test(deq[cx], deq[cy], swaps, estimator=cmi_stratified, z_labels=month)
    given = by_swap.observed
    table[(cx, cy)] = (plain, given, by_shuffle.null, by_swap.null, by_swap.p_value)
    print(f"{cx + ' / ' + cy:27s} | {plain:6.3f} | {given:12.3f} | {by_shuffle.null.mean():+.3f} ({by_shuffle.null.std():.3f})"
          f"{'':14s}| {by_swap.null.mean():+.3f} ({by_swap.null.std():.3f}), {by_swap.p_value:.3f}")
for cx, cy in pairs[:3]:  # every pair with temperature loses about half of its MI or more
    assert table[(cx, cy)][1] < 0.55 * table[(cx, cy)][0]
plain_tt, given_tt, shuf_tt, swap_tt, _ = table[("temp_max", "temp_min")]
assert 0.75 < plain_tt < 0.85 and 0.25 < given_tt < 0.35
_, given_tp, shuf_tp, swap_tp, p_tp = table[("temp_max", "precipitation")]
assert given_tp > shuf_tp.mean() + 4 * shuf_tp.std() and given_tp > swap_tp.mean() + 4 * swap_tp.std()
plain_wp, given_wp, shuf_wp, swap_wp, p_wp = table[("wind", "precipitation")]
assert given_wp > 0.75 * plain_wp and given_wp > swap_wp.mean() + 2 * swap_wp.std()
_, given_tw, shuf_tw, swap_tw, p_tw = table[("temp_max", "wind")]
assert p_tw > 0.05 and given_tw < shuf_tw.mean() + 2 * shuf_tw.std()
assert swap_tt.mean() - shuf_tt.mean() > 2 * max(swap_tt.std(), shuf_tt.std())
for key in table:  # the year swap's null never sits clearly lower than the shuffle's
    assert table[key][3].mean() > table[key][2].mean() - 0.005

# %% [markdown]
# Conditioning on the month removes about half or more of every dependence that
# involves temperature. The maximum and minimum temperatures share about 0.8 nats over the
# year, but only about 0.3 within a month: most of what they share is "it is July".
# Within a month a warm afternoon still goes with a warm night, and warm days are still
# drier days, far above both nulls. Wind and rain keep most of what they share: storms
# bring both, whatever the month. The maximum temperature and the wind share a few
# hundredths of a nat within a month, which neither null can tell from nothing.
#
# The two nulls differ, and the difference teaches something. The year swap's null sits
# higher, most clearly for the two temperatures: a day in another year's April is still
# early or late in April, and the temperature drifts by degrees within a month (printed
# below), which the month label does not remove and which both temperatures follow. The
# shuffle destroys that position in the month, so its null is too low and flatters weak
# effects. The conclusions above hold against the year swap, which is the null to use
# for days that are not exchangeable. (With 20 rearrangements the smallest possible
# p-value is 1/21 ≈ 0.048: more surrogates would resolve smaller ones.)

# %%
day_of_month = weather["date"].dt.day.to_numpy()
drift = {}
for m, name in ((4, "April"), (10, "October")):
    early = t_max[(month == m) & (day_of_month <= 10)].mean()
    late = t_max[(month == m) & (day_of_month >= 21)].mean()
    drift[m] = late - early
    print(f"{name:8s}: mean max temp on days 1-10 {early:.1f} °C, on days 21 to the end {late:.1f} °C")
assert drift[4] > 1.5 and drift[10] < -4

# %% [markdown]
# ## 6. Memory beyond one day: is lag 2 just lag 1 carried forward?
#
# Section 4 found I(T_t; T_t+2) ≈ 0.67 nats. Does the temperature two days ago tell
# anything that yesterday's does not? The conditional MI I(X_t; X_t−2 | X_t−1) answers.
# It is 0 for a *Markov* series, where the past acts only through the latest value (an
# AR(1) process, or a weather generator that draws each day from the day before).
#
# The season would fake such memory (two past days pin down the time of year better
# than one), so this uses the *anomalies*: each day's maximum temperature minus the mean
# of its calendar month (the "climatology"). `cmi_ksg` (the Frenzel–Pompe
# nearest-neighbour estimator) gives the estimate. Its noise level comes from 30
# Gaussian AR(1) series (`ar1_series`) with the anomalies' lag-1 autocorrelation: Markov
# by construction, so their true value is exactly 0. The linear version of the same
# question is the partial correlation of X_t and X_t−2 given X_t−1 (0 for an AR(1)
# series; −½ ln(1 − r²) converts it to the Gaussian conditional MI). It is cheap, so its
# null comes from 200 such series, and it is also computed within each year.

# %%
monthly_mean = pd.Series(t_max).groupby(month).mean()
anomaly = t_mx - monthly_mean.loc[month].to_numpy()
a_now, a_1, a_2 = anomaly[2:], anomaly[1:-1], anomaly[:-2]
def partial_lag2(z):
    """Partial correlation of z_t and z_t-2 given z_t-1, and the lag correlations r(1), r(2)."""
    c = np.corrcoef([z[2:], z[1:-1], z[:-2]])
    return (c[0, 2] - c[0, 1] * c[1, 2]) / np.sqrt((1 - c[0, 1] ** 2) * (1 - c[1, 2] ** 2)), c[0, 1], c[0, 2]


cmi_anom = cmi_ksg(a_now, a_2, a_1)
partial, r_1, r_2 = partial_lag2(anomaly)
r1 = np.corrcoef(anomaly[:-1], anomaly[1:])[0, 1]
ar_null = np.array([cmi_ksg(z[2:], z[:-2], z[1:-1]) for z in ar1_series(len(anomaly), r1, seed=SEED, n_series=30)])
partial_null = np.array([partial_lag2(z)[0] for z in ar1_series(len(anomaly), r1, seed=SEED + 1, n_series=200)])
p_partial = (1 + np.count_nonzero(partial_null <= partial)) / (1 + partial_null.size)
by_year = {y: partial_lag2(anomaly[year == y])[0] for y in np.unique(year)}
print(f"temperature anomalies: I(A_t; A_t-1) = {mh.mi_ksg(a_now, a_1):.3f}, I(A_t; A_t-2) = {mh.mi_ksg(a_now, a_2):.3f} nats")
print(f"  KSG: I(A_t; A_t-2 | A_t-1) = {cmi_anom:+.3f} nats; 30 AR(1) series: {ar_null.mean():+.3f} (sd {ar_null.std():.3f})")
print(f"  r(1) = {r_1:.3f}, r(2) = {r_2:.3f}, r(1)^2 = {r_1 ** 2:.3f} (what an AR(1) series would have)")
print(f"  partial r = {partial:+.3f} -> Gaussian conditional MI {mh.gaussian_mi(abs(partial)):.4f} nats; "
      f"200 AR(1) series: mean {partial_null.mean():+.3f}, sd {partial_null.std():.3f}, lowest {partial_null.min():+.3f}; "
      f"one-sided p = {p_partial:.3f}")
print("  partial r within each year: " + ", ".join(f"{y} {v:+.3f}" for y, v in by_year.items()))
assert abs(cmi_anom - ar_null.mean()) < 2 * ar_null.std()                            # KSG cannot tell it from 0
assert partial < partial_null.min() and partial < partial_null.mean() - 3 * partial_null.std()  # the linear test can
assert all(v < 0 for v in by_year.values()) and -0.15 < partial < -0.05 and len(a_now) == 1459
assert mh.gaussian_mi(abs(partial)) < 0.5 * ar_null.std() and r_2 < r_1**2
assert 0.62 < at_lag(lag_mi, 2) < 0.72 and 0.05 < mh.mi_ksg(a_now, a_2) < 0.09

# %% [markdown]
# For temperature the two tools disagree, and only the linear one has the power to
# decide. The KSG estimate lies within the spread of the Markov series: with 1,459 days
# the nearest-neighbour conditional MI is too noisy to see an effect this small. The
# partial correlation sees it: about −0.1, below every one of the 200 AR(1) series, and
# negative in each of the four years. As information it is tiny, well under half of the
# KSG null's standard deviation, which is why KSG misses it. So lag 2 adds something
# real but small, and with a negative sign: r(2) is *below* r(1)², so a warm anomaly two
# days ago makes today slightly cooler than yesterday alone predicts; warm spells fade a
# little faster than a Markov series would let them. The 0.07 nats that today's anomaly
# shares with the one two days ago are therefore yesterday's information passed on, with
# a small correction, not new memory. A test of a small effect needs an estimator with
# the power to see it, and for a nearly linear relation that is the linear one.
#
# Rain is a different matter. For the wet/dry indicator the same question has an exact
# plug-in answer (`cmi_discrete`), and the reference comes from 200 simulated
# first-order Markov chains with the data's transition probabilities, estimated month by
# month so that they keep the seasonal cycle (`markov_surrogates(..., given=month)`).

# %%
w_now, w_1, w_2 = wet[2:], wet[1:-1], wet[:-2]
cmi_wet = cmi_discrete(w_now, w_2, w_1, base=2)
chains = markov_surrogates(wet, n_surrogates=200, seed=SEED, given=month)
chain_cmi = np.array([cmi_discrete(c[2:], c[:-2], c[1:-1], base=2) for c in chains])
p_chain = (1 + np.count_nonzero(chain_cmi >= cmi_wet)) / (1 + chain_cmi.size)
print(f"I(wet_t; wet_t-2 | wet_t-1) = {cmi_wet:.4f} bits; Markov chains: {chain_cmi.mean():.4f} "
      f"(sd {chain_cmi.std():.4f}, largest {chain_cmi.max():.4f}), p = {p_chain:.3f}")
p_rain = {}
for yesterday in ("dry", "wet"):
    for before in ("dry", "wet"):
        sel = (w_1 == (yesterday == "wet")) & (w_2 == (before == "wet"))
        p_rain[yesterday, before] = w_now[sel].mean()
        print(f"P(wet today | {yesterday} yesterday, {before} the day before) = {p_rain[yesterday, before]:.3f} ({sel.sum()} days)")
assert cmi_wet > chain_cmi.max()
assert p_rain["dry", "wet"] > 2 * p_rain["dry", "dry"] and abs(p_rain["wet", "wet"] - p_rain["wet", "dry"]) < 0.05

# %% [markdown]
# Rain remembers more than one day, and the table shows where: on the dry side. After a
# dry day, rain the day before still more than doubles the chance of rain today; after a
# wet day, the day before hardly matters. A single dry day inside a wet spell is a break,
# not the end of the spell. The conditional MI lies above every one of the 200 Markov
# chains, although they follow the seasonal cycle: a one-day Markov model of rain misses
# the spells.

# %% [markdown]
# ## 7. Try it: pairs, lags and estimators
#
# Pick a pair (X on day t, Y on day t + lag), a lag and an estimator. The scatter plot
# colours each pair of days by the month of day t; the bars show the MI, the MI given the
# month, and the MI of a Gaussian pair with the same correlation.
#
# - "max temp -> max temp": move the lag from 1 to 90 and 180 and watch the loop form and the
#   plain MI fall and rise, while the MI given the month falls to a few hundredths of a nat
#   after a week (the calendar's share that the month label leaves, see the Pitfall).
# - Switch to "histogram" and raise the bins: the plain MI grows a little, the MI given the month
#   a lot. Within a month there are only about 120 days, so each month's estimate carries the
#   upward bias of its own small sample, and averaging the months keeps it. With 20 bins that
#   bias is about 0.7 nats, about twice the MI itself; Gaussian pairs with the size and the
#   correlation of one month, which reproduce the data's values, measure it below. The formula
#   (B − 1)²/(2n) would say 1.5 nats, but it holds only when the points far outnumber the
#   cells; 400 cells for 120 points is far outside that regime, and most cells stay empty.
# - "precipitation -> precipitation" with KSG hovers around 0 beyond a few days and goes below 0
#   at many lags: a KSG estimate is noisy, and a spike of dry days is hard for any estimator.

# %%
climate_panel()

# %% [markdown]
# The numbers behind these suggestions, computed with the panel's own functions:

# %%
panel_arrays = climate_arrays(seed=0)  # the panel's default dither
for L in (1, 7, 90, 180):
    s = climate_pair_summary(panel_arrays, "max temp -> max temp", L, "KSG on dequantized values")
    print(f"max temp, lag {L:3d}: I = {s['mi']:.3f}, given the month {s['cmi']:.3f} nats")
hist = {b: climate_pair_summary(panel_arrays, "max temp -> max temp", 1, "histogram", bins=b) for b in (10, 20)}
ksg_given = climate_pair_summary(panel_arrays, "max temp -> max temp", 1, "KSG on dequantized values")["cmi"]
print(f"histogram at lag 1, 10 -> 20 bins: I {hist[10]['mi']:.3f} -> {hist[20]['mi']:.3f}, "
      f"given the month {hist[10]['cmi']:.3f} -> {hist[20]['cmi']:.3f} nats (KSG given the month: {ksg_given:.3f})")
# The bias of one month's histogram estimate, measured on Gaussian pairs with the size and the
# correlation of one month of data (lag-1 pairs of the maximum temperature).
t_pairs, m_pairs = panel_arrays["raw"]["temp_max"], panel_arrays["month"][:-1]
per_month = [(np.corrcoef(t_pairs[:-1][m_pairs == m], t_pairs[1:][m_pairs == m])[0, 1], np.sum(m_pairs == m)) for m in range(1, 13)]
rho_month = np.average([c for c, _ in per_month], weights=[k for _, k in per_month])
n_month = int(round(np.mean([k for _, k in per_month])))
sim = {b: np.array([mh.mi_binned(*mh.correlated_gaussian(n_month, rho_month, seed=1000 + i), bins=b) for i in range(200)])
       for b in (10, 20)}
excess = {b: sim[b].mean() - mh.gaussian_mi(rho_month) for b in sim}
for b in (10, 20):
    print(f"Gaussian pairs, n = {n_month}, rho = {rho_month:.2f} (true MI {mh.gaussian_mi(rho_month):.3f}), {b} bins: "
          f"mean estimate {sim[b].mean():.3f}, so bias {excess[b]:+.3f} nats; formula (B - 1)^2/(2n) {(b - 1) ** 2 / (2 * n_month):.3f}")
rain_deq = panel_arrays["deq"]["precipitation"]
rain_panel = np.array([lagged_mi(rain_deq, L) for L in range(6, 201, 2)])  # the panel's plain MI, every other lag
print(f"precipitation with KSG, lags 6-200: mean {rain_panel.mean():+.3f} nats, below 0 at {np.mean(rain_panel < 0):.0%} of the lags")
later = [climate_pair_summary(panel_arrays, "max temp -> max temp", L, "KSG on dequantized values") for L in (90, 180)]
assert later[1]["mi"] > later[0]["mi"] and all(0 < s["cmi"] < 0.05 for s in later)
assert hist[20]["mi"] - hist[10]["mi"] < 0.5 * (hist[20]["cmi"] - hist[10]["cmi"])
assert all(abs(sim[b].mean() - hist[b]["cmi"]) < 0.1 for b in sim)             # the simulation reproduces the data's values
assert 0.6 < excess[20] < 0.8 and 1.6 < excess[20] / ksg_given < 2.5 and (20 - 1) ** 2 / (2 * n_month) > 1.4
assert (hist[20]["cmi"] - hist[10]["cmi"]) < 0.5 * ((20 - 1) ** 2 - (10 - 1) ** 2) / (2 * n_month)
assert abs(rain_panel.mean()) < 0.01 and np.mean(rain_panel < 0) > 0.25

# %% [markdown]
# ## Pitfall: reading the seasonal cycle as memory
#
# **The wrong reading.** Section 4's profile says today's maximum temperature shares
# about 0.4 nats with the temperature 180 days later, some 40% of what it shares with
# tomorrow's. "Seattle's temperature has a half-year memory."

# %%
print(f"I(T_t; T_t+1)   = {at_lag(lag_mi, 1):.3f} nats")
print(f"I(T_t; T_t+180) = {at_lag(lag_mi, 180):.3f} nats  -> 'a half-year memory'?")
assert 0.35 < at_lag(lag_mi, 180) / at_lag(lag_mi, 1) < 0.5 and 0.35 < at_lag(lag_mi, 180) < 0.45

# %% [markdown]
# **Why it is wrong.** Nothing in the weather carries heat over six months. Both days
# follow the calendar: knowing that day t is in January tells you that day t + 180 is in
# July, and the seasonal cycle does the rest. The dependence runs through a third
# variable, the season, which is known in advance and is not memory. The same holds for
# every slow cycle and trend (the time of day, economic cycles, a sensor's drift).
#
# **The fix.** Ask about the dependence *given* the season: the lagged MI conditional on
# the month of day t, I(T_t; T_t+L | month). A second, independent fix is to remove the
# seasonal cycle first and compute the lagged MI of the anomalies of section 6. And a
# null that keeps the calendar but no memory tells what "no memory" looks like for the
# conditional estimate: the year swap of section 5, now applied to the later day.

# %%
lag_anom = np.array([lagged_mi(anomaly, int(L)) for L in lags])
null_lags = np.array([1, 2, 3, 5, 7, 10, 30, 90, 180])
lag_null = np.array([[lagged_mi(t_mx, int(L), y=t_mx[idx], given=month) for L in null_lags] for idx in swaps])
null_mean, null_sd = lag_null.mean(axis=0), lag_null.std(axis=0)
print("lag (d) | plain | given the month | year-swap null: mean (sd) | anomalies (nats)")
for j, L in enumerate(null_lags):
    print(f"{L:7d} | {at_lag(lag_mi, L):.3f} | {at_lag(lag_cmi, L):+15.3f} | {null_mean[j]:+.3f} ({null_sd[j]:.3f}){'':12s}| "
          f"{at_lag(lag_anom, L):+.3f}")
late = lags >= 10
print(f"lags >= 10 d: MI given the month above 0 at {np.mean(lag_cmi[late] > 0):.0%} of the lags, mean {lag_cmi[late].mean():+.3f}; "
      f"anomalies mean {lag_anom[late].mean():+.3f}, above 0 at {np.mean(lag_anom[late] > 0):.0%}")

fig, ax = plt.subplots(figsize=(6.5, 3.5))
ax.fill_between(null_lags, null_mean - 2 * null_sd, null_mean + 2 * null_sd, color="tab:orange", alpha=0.2,
                label="year-swap null of the MI given the month (mean ± 2 sd)")
ax.plot(lags, lag_mi, "o-", ms=3, label="I(T_t; T_t+L)")
ax.plot(lags, lag_cmi, "s-", ms=3, label="I(T_t; T_t+L | month)")
ax.plot(lags, lag_anom, "^-", ms=3, label="MI of anomalies")
ax.axhline(0, color="black", lw=0.8)
ax.set_xscale("log")
ax.set_xlabel("lag L (days, log scale)")
ax.set_ylabel("nats")
ax.set_title("Memory of maximum temperature, with and without the season")
ax.legend(fontsize=8)
plt.show()

given_lag = {L: at_lag(lag_cmi, L) for L in null_lags}
print(f"anomalies from lag 3 on: largest |MI| {np.max(np.abs(lag_anom[lags >= 3])):.3f} nats")
assert 0.25 < at_lag(lag_cmi, 1) < 0.4 and 0.25 < at_lag(lag_anom, 1) < 0.4
assert 0.2 < at_lag(lag_anom, 2) / at_lag(lag_anom, 1) < 0.3 and np.max(np.abs(lag_anom[lags >= 3])) < 0.06
assert 0.33 < given_lag[2] / given_lag[1] < 0.45 and (given_lag[2] - null_mean[1]) / (given_lag[1] - null_mean[0]) < 1 / 3
assert all(given_lag[L] > null_mean[j] + 3 * null_sd[j] for j, L in enumerate(null_lags[:2]))
assert all(abs(given_lag[L] - null_mean[j]) < 2 * null_sd[j] for j, L in enumerate(null_lags) if L >= 7)  # the band drawn: mean ± 2 sd
assert np.mean(lag_cmi[late] > 0) > 0.9 and 0.015 < lag_cmi[late].mean() < 0.05
assert abs(lag_anom[late].mean()) < 0.01 and 0.2 < np.mean(lag_anom[late] > 0) < 0.8

# %% [markdown]
# Both fixes agree that the real memory of the maximum temperature is short: about 0.3
# nats after one day. After two days the anomalies keep a quarter of that (mostly
# yesterday's information passed on, as section 6 showed), and the MI given the month
# keeps about two fifths, less than a third once its year-swap null (the residue
# explained below) is subtracted at both lags. From three days on the anomaly curve
# scatters around 0, never more than about 0.05 nats away from it. The MI given the
# month does not scatter around 0: it stays about 0.03 nats above it at nearly every
# lag from 10 days on, and so does the year-swap null, which has the calendar and no
# memory at all. That residue is the season inside the month (section 5's drift of
# degrees between early and late April or October), shared by day t and day t + L.
# Against the right null, the conditional MI clearly shows memory at lags of one and
# two days, where it stands far above the band, and from a week on it sits inside the
# band.

# %% [markdown]
# ## Exercises
#
# Each solution sits in a collapsed cell below its exercise, its code and its output
# both hidden so the answer is not spoiled: click the collapsed cell (or its three dots)
# to open it once you have tried.
#
# **Exercise 1.** Rain persistence from a 2 × 2 table. Count the pairs (wet today, wet
# tomorrow), print P(wet tomorrow | wet today) and P(wet tomorrow | dry today), compute
# the MI of the table in bits with `mh.mi_from_joint`, and check it against
# `lagged_mi(wet, 1, estimator=mh.mi_discrete, base=2)`.

# %% jupyter={"outputs_hidden": true, "source_hidden": true} tags=["solution", "hide-cell"]
table_22 = np.zeros((2, 2))
np.add.at(table_22, (wet[:-1], wet[1:]), 1)
print(table_22)
print(f"P(wet tomorrow | wet today) = {table_22[1, 1] / table_22[1].sum():.3f}, "
      f"P(wet tomorrow | dry today) = {table_22[0, 1] / table_22[0].sum():.3f}")
print(f"MI of the table: {mh.mi_from_joint(table_22, base=2):.4f} bits; "
      f"lagged_mi: {lagged_mi(wet, 1, estimator=mh.mi_discrete, base=2):.4f} bits")
assert abs(mh.mi_from_joint(table_22, base=2) - lagged_mi(wet, 1, estimator=mh.mi_discrete, base=2)) < 1e-12

# %% [markdown]
# **Exercise 2.** Estimate I(max temp; min temp | month) with a histogram of 8 bins per
# variable (`cmi_stratified(..., estimator=mh.mi_binned, bins=8)`) and with KSG on the
# dequantized values. How large is the plug-in bias (Bx − 1)(By − 1)/(2n) for one month of
# about 120 days, and does it explain the difference?

# %% jupyter={"outputs_hidden": true, "source_hidden": true} tags=["solution", "hide-cell"]
cmi_hist = cmi_stratified(t_max, t_min, month, estimator=mh.mi_binned, bins=8)
cmi_ksg_deq = cmi_stratified(deq["temp_max"], deq["temp_min"], month)
n_month = len(t_max) / 12
bias_month = (8 - 1) ** 2 / (2 * n_month)
print(f"histogram (8 bins): {cmi_hist:.3f} nats; KSG (dequantized): {cmi_ksg_deq:.3f} nats")
print(f"bias formula for n = {n_month:.0f}: {bias_month:.3f} nats; difference {cmi_hist - cmi_ksg_deq:.3f} nats")
# Gaussian pairs with each month's size and correlation, 20 samples per month, weighted like
# cmi_stratified: the true MI, the exact MI of each sample's 8 equal-width bins, and the estimate.
parts = []
for m in range(1, 13):
    sel = month == m
    rho_m = np.corrcoef(t_max[sel], t_min[sel])[0, 1]
    for i in range(20):
        xg, yg = mh.correlated_gaussian(int(sel.sum()), rho_m, seed=3000 + 100 * m + i)
        cuts = [np.histogram_bin_edges(v, 8)[1:-1] for v in (xg, yg)]
        parts.append((sel.sum(), mh.gaussian_mi(rho_m), gaussian_binned_mi(rho_m, *cuts), mh.mi_binned(xg, yg, bins=8)))
parts = np.array(parts)
g_truth, g_binned, g_estimate = np.average(parts[:, 1:], axis=0, weights=parts[:, 0])
loss, bias_dep = g_truth - g_binned, g_estimate - g_binned
print(f"Gaussian pairs like the months: true MI {g_truth:.3f}, MI of the 8 bins {g_binned:.3f} (binning loses {loss:.3f}), "
      f"mean histogram estimate {g_estimate:.3f} (bias {bias_dep:.3f}, formula {bias_month:.3f})")
print(f"KSG - loss + bias = {cmi_ksg_deq:.3f} - {loss:.3f} + {bias_dep:.3f} = {cmi_ksg_deq - loss + bias_dep:.3f} nats, "
      f"against the histogram's {cmi_hist:.3f}")
print("The histogram estimate is above KSG by less than the formula says, and it is not luck.\n"
      "Two things differ from the formula: 8 bins over a month's range lose a little information\n"
      "(a few hundredths of a nat), and, mostly, the bias under dependence is smaller than the\n"
      "formula for independent variables, because the points crowd into fewer cells. With both,\n"
      "the histogram value is explained to within a few hundredths. Conditioning multiplies the\n"
      "cost of bias: each stratum pays it with its own small sample.")
assert bias_month > cmi_hist - cmi_ksg_deq > 0
assert 0.01 < loss < 0.05 and 0.12 < bias_dep < 0.85 * bias_month and bias_dep > 3 * loss
assert abs(cmi_ksg_deq - loss + bias_dep - cmi_hist) < 0.03

# %% [markdown]
# **Exercise 3.** The dither is random. Recompute I(min temp; wind) on dequantized data
# with 10 dither seeds and report the mean and the spread. Is the spread small compared
# with the estimate?

# %% jupyter={"outputs_hidden": true, "source_hidden": true} tags=["solution", "hide-cell"]
values = np.array([
    mh.mi_ksg(dequantize(t_min, step=step["temp_min"], seed=s), dequantize(wind, step=step["wind"], seed=50 + s))
    for s in range(10)
])
print(f"I(min temp; wind) = {values.mean():.4f} nats, sd over 10 dither seeds {values.std():.4f} "
      f"(Pearson r = {np.corrcoef(t_min, wind)[0, 1]:+.3f})")
print(f"The spread is {values.std() / values.mean():.0%} of the estimate: for a weak dependence the dither's\n"
      "own randomness matters, so average over several seeds (or check with a second method, as\n"
      "in section 2) before reporting a value.")
assert 0.2 < values.std() / values.mean() < 0.5

# %% [markdown]
# ## Summary
#
# - Real data sets can ship inside packages: load them from the installed file, state
#   the source and licence, and check what the columns really mean (the weather label drifts).
# - KSG on rounded or zero-inflated values, with ties broken by an independent jitter,
#   estimates the MI of the *recorded* values; dequantizing aims at the same quantity with
#   points that fill the space. Here the two agree within the dither's spread, and a
#   synthetic pair with a known answer shows that the recording step costs almost nothing,
#   while coarse binning loses information that no estimator gets back. Cross-check with a
#   second method (splitting the zeros from the amounts).
# - Lagged MI measures the memory of a series for any shape of dependence; it agrees with
#   the autocorrelation only while the dependence is linear. The conditional MI
#   I(X_t; X_t−2 | X_t−1) tells whether older days add anything: clearly for rain; for
#   temperature anomalies only a small negative correction, which the partial
#   correlation detects and the KSG estimate is too noisy to see.
# - A common driver (the season) creates MI between everything it drives. Condition on it
#   (MI given the month) or remove it (anomalies), and test against a null that keeps the
#   calendar and the day-to-day dependence (years swapped within each month): shuffled days
#   are not exchangeable, and a shuffle null flatters weak effects.
#
# [← Previous: 10 Genes](10_genes.ipynb) · **11 Climate** · [Next: 12 Limitations →](12_limitations.ipynb)
