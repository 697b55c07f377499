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
# most days, and a calendar that drives everything at once. This notebook measures MI
# between daily weather variables in Seattle, how long the weather "remembers", and how
# much of what looks like dependence is just the season.
#
# **You will learn to**
#
# - load a real data set offline and state where it comes from;
# - prepare zero-inflated and rounded measurements for a nearest-neighbour estimator, and cross-check the result;
# - measure the memory of a series with lagged MI and compare it with the autocorrelation;
# - remove a confounder (the season) with MI conditional on the month.
#
# **Time:** about 35 minutes. There is no true MI for real data, so every estimate is
# checked against a second, independent way of computing it.

# %% [markdown]
# ## Setup
#
# The data loader, the dither and the lagged MI come from `mi_helpers.datasets`;
# conditional MI from `mi_helpers.conditional`. Random draws (the dither) are seeded.

# %%
import warnings

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

import mi_helpers as mh
from mi_helpers.conditional import cmi_stratified
from mi_helpers.datasets import SEATTLE_RESOLUTION, SEATTLE_WEATHER_SOURCE, dequantize, lagged_mi, load_seattle_weather
from mi_helpers.widgets.climate import climate_panel

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
# runs offline (downloading data at run time is item 10 of the course's pitfall list).

# %%
weather = load_seattle_weather()
print("source:", SEATTLE_WEATHER_SOURCE)
print(f"{len(weather)} days, {weather['date'].min():%Y-%m-%d} to {weather['date'].max():%Y-%m-%d}")
print(weather.head().to_string())

# %% [markdown]
# Two features of the numbers matter for MI. Precipitation is exactly 0 on most days.
# And every column is rounded: the temperatures were read in whole degrees Fahrenheit and
# converted (so they sit on a grid about 0.56 °C apart), precipitation in hundredths of
# an inch (0.254 mm), wind to 0.1 m/s. Hence very few distinct values for 1,461 days:

# %%
for column in SEATTLE_RESOLUTION:
    values = weather[column].to_numpy()
    print(f"{column:13s}: {np.unique(values).size:3d} distinct values, "
          f"{np.mean(values == 0):5.1%} exactly zero, recording step {SEATTLE_RESOLUTION[column]:.3f}")

# %% [markdown]
# A word of caution about the weather label before using it: its meaning drifts. The
# table counts the labels per year. "rain" nearly disappears after 2013 while "fog"
# takes over, which is a change in how the label was assigned, not in Seattle's
# climate. The label carries a lot of "information" about the year for that reason alone.

# %%
year = weather["date"].dt.year.to_numpy()
print(pd.crosstab(pd.Series(year, name="year"), weather["weather"]).to_string())
print(f"\nI(label; year) = {mh.mi_discrete(weather['weather'], year):.3f} nats "
      f"(H(label) = {mh.entropy_discrete(weather['weather']):.3f} nats)")

# %% [markdown]
# ## 2. Zeros and rounding break nearest-neighbour estimators
#
# KSG (`mh.mi_ksg`) assumes continuous data: it measures distances to the k-th nearest
# neighbour, and those are zero when values repeat. 57% of the days share the value
# precipitation = 0, and the temperatures take only 67 values. `mi_ksg` breaks exact ties
# with a tiny jitter and warns; the warning is captured and printed here. The number it
# returns is far from what the next cells find.

# %%
t_max = weather["temp_max"].to_numpy()
t_min = weather["temp_min"].to_numpy()
wind = weather["wind"].to_numpy()
precip = weather["precipitation"].to_numpy()
month = weather["month"].to_numpy()

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    raw_tp = mh.mi_ksg(t_max, precip)
print(f"KSG on the raw values, I(max temp; precipitation) = {raw_tp:.3f} nats")
print("warning:", caught[0].message)

# %% [markdown]
# Three honest ways to estimate I(T; P) between the maximum temperature T and the
# precipitation P:
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
# **(b) Dequantize.** Add to each value a uniform dither over its rounding interval,
# v + U(−δ/2, δ/2) with δ the recording step. Rounding the result gives back the
# recorded value, so no information is lost (I(T + U; P + V) = I(T; P) when the intervals
# do not overlap), while the dithered values have a density and no ties. The dither is
# random; its effect is shown over five seeds.
#
# **(c) A histogram** on the raw values: ties are no problem for bins, but the estimate
# depends on the bins and carries the bias (Bx − 1)(By − 1)/(2N) of notebooks 04 and 12.
#
# (The dithered precipitation of a dry day lies between −0.127 and +0.127 mm. A negative
# amount looks odd but is harmless: it is a code for "dry", and MI does not care about
# the coding.)

# %%
wet = (precip > 0).astype(int)
t_bins = mh.discretize(t_max, "fd")
n_tbins = t_bins.max() + 1
i_tw = mh.mi_discrete(t_bins, wet)
on_wet = wet == 1
t_deq = dequantize(t_max, step=SEATTLE_RESOLUTION["temp_max"], seed=rng)
p_deq = dequantize(precip, step=SEATTLE_RESOLUTION["precipitation"], seed=rng)
i_ta = mh.mi_ksg(t_deq[on_wet], p_deq[on_wet])
split = i_tw + on_wet.mean() * i_ta
print(f"(a) I(T;W) = {i_tw:.3f} nats ({n_tbins} bins for T; bias about {(n_tbins - 1) / (2 * len(t_max)):.3f}), "
      f"P(wet) = {on_wet.mean():.3f}, I(T;A|wet) = {i_ta:.3f}")
print(f"    I(T;P) = {i_tw:.3f} + {on_wet.mean():.3f} x {i_ta:.3f} = {split:.3f} nats")

dithered = [
    mh.mi_ksg(dequantize(t_max, step=SEATTLE_RESOLUTION["temp_max"], seed=s),
              dequantize(precip, step=SEATTLE_RESOLUTION["precipitation"], seed=100 + s))
    for s in range(5)
]
print(f"(b) KSG on dequantized values: {np.mean(dithered):.3f} nats (sd over 5 dither seeds {np.std(dithered):.3f})")

for b in (5, 10, 20):
    print(f"(c) histogram, {b:2d} x {b:2d} equal-width bins: {mh.mi_binned(t_max, precip, bins=b):.3f} nats "
          f"(bias formula {(b - 1) ** 2 / (2 * len(t_max)):.3f})")

# %% [markdown]
# (a) and (b) agree to about 0.01 nats, an agreement between two methods that treat the
# zeros in entirely different ways. The histogram (c) follows its bin count: equal-width
# bins on a skewed variable put every dry day in the first bin *together with* all light
# rain (up to 11 mm with 5 bins), which throws away the wet/dry information that carries
# most of the MI; more bins recover it and add bias. The raw KSG value was wrong by a
# factor of eight: ties are not a detail. The two temperatures, both rounded to the same
# grid, show the same problem:

# %%
tmin_deq = dequantize(t_min, step=SEATTLE_RESOLUTION["temp_min"], seed=rng)
with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message=".*repeated values")  # shown above; this cell shows its effect
    raw_tt = mh.mi_ksg(t_max, t_min)
print(f"I(max temp; min temp): raw KSG {raw_tt:.3f}, dequantized KSG {mh.mi_ksg(t_deq, tmin_deq):.3f}, "
      f"Gaussian from r {mh.mi_gaussian(t_max, t_min):.3f} nats")

# %% [markdown]
# From here on, KSG is always applied to dequantized values (`deq` below), and the
# wet/dry indicator is used where rain matters as an event.

# %% [markdown]
# ## 3. MI between the variables
#
# The matrix below is KSG on the dequantized columns, next to the Pearson correlation.
# MI has no sign; correlation sees only straight lines.

# %%
columns = ["temp_max", "temp_min", "wind", "precipitation"]
deq = {c: dequantize(weather[c].to_numpy(), step=SEATTLE_RESOLUTION[c], seed=rng) for c in columns}
mi_matrix = mh.pairwise_mi(np.column_stack([deq[c] for c in columns]), method="ksg")
r_matrix = np.corrcoef(np.column_stack([weather[c].to_numpy() for c in columns]), rowvar=False)
print("KSG MI (nats), off-diagonal:")
print(pd.DataFrame(mi_matrix, index=columns, columns=columns).round(3).to_string())
print("\nPearson r:")
print(pd.DataFrame(r_matrix, index=columns, columns=columns).round(3).to_string())

# %% [markdown]
# Temperature and precipitation share 0.15 nats although r = −0.23 would suggest only
# −½ ln(1 − 0.23²) = 0.03 nats for a Gaussian pair: the relation is not a straight line
# (mostly "warm days are dry days", an event, not an amount). Wind and precipitation
# share 0.07 nats with r = +0.33, close to the Gaussian value of 0.06.
#
# The weather label can be checked against the precipitation it should describe. A
# label that summarises the day should tell a lot about whether it rained:

# %%
h_wet = mh.entropy_discrete(wet)
print(f"I(label; wet) = {mh.mi_discrete(weather['weather'], wet):.3f} nats out of H(wet) = {h_wet:.3f} nats")
print(pd.crosstab(weather["weather"], pd.Series(np.where(wet == 1, "wet", "dry"), name="day")).to_string())

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
for L in (1, 2, 3, 7, 30, 90, 180):
    i = int(np.flatnonzero(lags == L)[0])
    print(f"lag {L:3d} d: I = {lag_mi[i]:.3f} nats | r = {lag_r[i]:+.3f} -> Gaussian {mh.gaussian_mi(lag_r[i]):.3f} nats")

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
# Up to about a month the two curves agree: the day-to-day dependence is close to linear.
# Then they part. At 90 days r ≈ 0, yet MI is clearly positive; at 180 days r is
# strongly negative and MI rises again, because MI has no sign. The scatter plots show
# why: a quarter of a year apart, today's and the later temperature trace a loop (the
# seasonal cycle as sine against cosine), which has no correlation but a lot of structure.

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
for L in (1, 2, 3, 5, 10):
    plain_bits = lagged_mi(wet, L, estimator=mh.mi_discrete, base=2)
    given_bits = lagged_mi(wet, L, estimator=mh.mi_discrete, given=month) / np.log(2)
    print(f"lag {L:2d} d: I(wet_t; wet_t+L) = {plain_bits:.4f} bits | given the month {given_bits:.4f} bits")

# %% [markdown]
# One wet day tells about 0.14 bits about the next and less than half of that about the
# day after. Part of it is the season: wet days cluster in winter, so a wet day also says
# "it is winter", and within a month the value falls to 0.085 bits. At lag 10 what
# remains is near the plug-in bias of a 2 × 2 table on one month of data,
# 1/(2 · 120 · ln 2) ≈ 0.006 bits.

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
# noise is that of 120 points, so a reference level is useful: shuffling Y *within* each
# month keeps the seasonal pattern of both variables and destroys everything else.

# %%
pairs = [("temp_max", "temp_min"), ("temp_max", "precipitation"), ("temp_max", "wind"), ("wind", "precipitation")]
print("pair                        |  I(X;Y) | I(X;Y|month) | shuffled within month (mean, sd of 10)")
for cx, cy in pairs:
    plain = mh.mi_ksg(deq[cx], deq[cy])
    given = cmi_stratified(deq[cx], deq[cy], month)
    null = []
    for _ in range(10):
        y_shuf = deq[cy].copy()
        for m in range(1, 13):
            idx = np.flatnonzero(month == m)
            y_shuf[idx] = y_shuf[rng.permutation(idx)]
        null.append(cmi_stratified(deq[cx], y_shuf, month))
    print(f"{cx + ' / ' + cy:27s} | {plain:7.3f} | {given:12.3f} | {np.mean(null):+.3f}, {np.std(null):.3f}")

# %% [markdown]
# Conditioning on the month removes more than half of every dependence that involves
# temperature. The maximum and minimum temperatures share 0.80 nats over the year, but
# only about 0.3 within a month: most of what they share is "it is July". Within a month
# a warm afternoon still goes with a warm night, and warm days are still drier days
# (0.07 nats, far above the shuffled level, whose sd is 0.01). Wind and rain keep all of
# their 0.07 nats: storms bring both, whatever the month. The month is a coarse stand-in
# for the season (temperatures still drift by a few degrees within a month), so a little
# seasonal information remains in the conditional values.

# %% [markdown]
# ## 6. Try it: pairs, lags and estimators
#
# Pick a pair (X on day t, Y on day t + lag), a lag and an estimator. The scatter plot
# colours each pair of days by the month of day t; the bars show the MI, the MI given the
# month, and the MI of a Gaussian pair with the same correlation.
#
# - "max temp -> max temp": move the lag from 1 to 90 and 180 and watch the loop form and the
#   plain MI fall and rise while the conditional MI stays near 0 after a week.
# - Switch to "histogram" and raise the bins: the plain MI grows a little, the conditional MI
#   a lot. Within a month there are only about 120 days, so the bias (B − 1)²/(2 · 120) is
#   paid twelve times over (with 20 bins it is 1.5 nats).
# - "precipitation -> precipitation" with KSG wobbles around 0 beyond a few days, and can go
#   below 0: a KSG estimate is noisy, and a spike of dry days is hard for any estimator.

# %%
climate_panel()

# %% [markdown]
# ## Pitfall: reading the seasonal cycle as memory
#
# **The wrong reading.** Section 4's profile says today's maximum temperature shares
# about 0.46 nats with the temperature 180 days later, half of what it shares with
# tomorrow's. "Seattle's temperature has a half-year memory."

# %%
i1, i180 = (int(np.flatnonzero(lags == L)[0]) for L in (1, 180))
print(f"I(T_t; T_t+1)   = {lag_mi[i1]:.3f} nats")
print(f"I(T_t; T_t+180) = {lag_mi[i180]:.3f} nats  -> 'a half-year memory'?")

# %% [markdown]
# **Why it is wrong.** Nothing in the weather carries heat over six months. Both days
# follow the calendar: knowing that day t is in January tells you that day t + 180 is in
# July, and the seasonal cycle does the rest. The dependence runs through a third
# variable, the season, which is known in advance and is not memory. The same holds for
# every slow cycle and trend (the time of day, economic cycles, a sensor's drift).
#
# **The fix.** Ask about the dependence *given* the season: the lagged MI conditional on
# the month of day t, I(T_t; T_t+L | month). A second, independent fix is to remove the
# seasonal cycle first (subtract each calendar month's mean temperature, the
# "climatology") and compute the lagged MI of the anomalies.

# %%
monthly_mean = pd.Series(t_max).groupby(month).mean()
anomaly = t_mx - monthly_mean.loc[month].to_numpy()
lag_anom = np.array([lagged_mi(anomaly, int(L)) for L in lags])
for L in (1, 2, 3, 5, 7, 30, 180):
    i = int(np.flatnonzero(lags == L)[0])
    print(f"lag {L:3d} d: plain {lag_mi[i]:.3f} | given the month {lag_cmi[i]:+.3f} | anomalies {lag_anom[i]:+.3f} nats")

fig, ax = plt.subplots(figsize=(6.5, 3.3))
ax.plot(lags, lag_mi, "o-", ms=3, label="I(T_t; T_t+L)")
ax.plot(lags, lag_cmi, "s-", ms=3, label="I(T_t; T_t+L | month)")
ax.plot(lags, lag_anom, "^-", ms=3, label="MI of anomalies")
ax.axhline(0, color="black", lw=0.8)
ax.set_xscale("log")
ax.set_xlabel("lag L (days, log scale)")
ax.set_ylabel("nats")
ax.set_title("Memory of maximum temperature, with and without the season")
ax.legend()
plt.show()

# %% [markdown]
# Both fixes agree: the real memory of the maximum temperature is a few days (about 0.3
# nats after one day, a tenth of that after five), and the "half-year memory" is the
# calendar. Beyond a week the two fixed curves scatter by a few hundredths of a nat
# around 0, the noise level found by shuffling within months in section 5.

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

# %% tags=["solution", "hide-cell"] jupyter={"outputs_hidden": true, "source_hidden": true}
table = np.zeros((2, 2))
np.add.at(table, (wet[:-1], wet[1:]), 1)
print(table)
print(f"P(wet tomorrow | wet today) = {table[1, 1] / table[1].sum():.3f}, "
      f"P(wet tomorrow | dry today) = {table[0, 1] / table[0].sum():.3f}")
print(f"MI of the table: {mh.mi_from_joint(table, base=2):.4f} bits; "
      f"lagged_mi: {lagged_mi(wet, 1, estimator=mh.mi_discrete, base=2):.4f} bits")

# %% [markdown]
# **Exercise 2.** Estimate I(max temp; min temp | month) with a histogram of 8 bins per
# variable (`cmi_stratified(..., estimator=mh.mi_binned, bins=8)`) and with KSG on the
# dequantized values. How large is the plug-in bias (Bx − 1)(By − 1)/(2n) for one month of
# about 120 days, and does it explain the difference?

# %% tags=["solution", "hide-cell"] jupyter={"outputs_hidden": true, "source_hidden": true}
cmi_hist = cmi_stratified(t_max, t_min, month, estimator=mh.mi_binned, bins=8)
cmi_ksg_deq = cmi_stratified(deq["temp_max"], deq["temp_min"], month)
n_month = len(t_max) / 12
print(f"histogram (8 bins): {cmi_hist:.3f} nats; KSG (dequantized): {cmi_ksg_deq:.3f} nats")
print(f"bias formula for n = {n_month:.0f}: {(8 - 1) ** 2 / (2 * n_month):.3f} nats; "
      f"difference {cmi_hist - cmi_ksg_deq:.3f} nats")

# %% [markdown]
# The bias formula (0.20 nats) is larger than the difference (0.12): 8 bins over a
# month's narrow temperature range also lose information, which pulls the histogram
# estimate down. The two errors partly cancel, which is luck, not accuracy. Conditioning
# multiplies the cost of bias: each stratum pays it with its own small sample.

# %% [markdown]
# **Exercise 3.** The dither is random. Recompute I(min temp; wind) on dequantized data
# with 10 dither seeds and report the mean and the spread. Is the spread small compared
# with the estimate?

# %% tags=["solution", "hide-cell"] jupyter={"outputs_hidden": true, "source_hidden": true}
values = [
    mh.mi_ksg(dequantize(t_min, step=SEATTLE_RESOLUTION["temp_min"], seed=s),
              dequantize(wind, step=SEATTLE_RESOLUTION["wind"], seed=50 + s))
    for s in range(10)
]
print(f"I(min temp; wind) = {np.mean(values):.4f} nats, sd over 10 dither seeds {np.std(values):.4f} "
      f"(Pearson r = {np.corrcoef(t_min, wind)[0, 1]:+.3f})")

# %% [markdown]
# The spread is about a third of the estimate: for a weak dependence the dither's own
# randomness matters, so average over several seeds (or check with a second method, as
# in section 2) before reporting a value.

# %% [markdown]
# ## Summary
#
# - Real data sets can ship inside packages: load them from the installed file, state
#   the source and licence, and check what the columns really mean (the weather label drifts).
# - Zeros and rounding create ties that break KSG (here by a factor of eight). Split a
#   zero-inflated variable into event and amount, or dequantize with the recording step,
#   and cross-check with a second method.
# - Lagged MI measures the memory of a series for any shape of dependence; it agrees with
#   the autocorrelation only while the dependence is linear.
# - A common driver (the season) creates MI between everything it drives. Condition on it
#   (MI given the month) or remove it (anomalies) before reading MI as a link or as memory.
#
# [← Previous: 10 Genes](10_genes.ipynb) · **11 Climate** · [Next: 12 Limitations →](12_limitations.ipynb)
