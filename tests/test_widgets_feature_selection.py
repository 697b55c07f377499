"""The panel of notebook 05: its compute function and its registry."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from sklearn.datasets import load_wine
from sklearn.feature_selection import mutual_info_classif
from sklearn.naive_bayes import GaussianNB

from mi_helpers import TiesWarning
from mi_helpers.selection import SelectionStudy, add_noisy_copies, mrmr
from mi_helpers.widgets._panel import LivePanel
from mi_helpers.widgets.feature_selection import (
    COPY_COLUMNS,
    NOISE_LEVELS,
    PANELS,
    selection_panel,
    selection_summary,
)


@pytest.fixture(scope="module")
def small_study():
    data = load_wine()
    X, names = add_noisy_copies(data.data[:, [0, 6, 9, 12]], ["alcohol", "flav", "colour", "proline"], [1], [0.1], seed=2)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", TiesWarning)
        study = SelectionStudy(X, data.target, estimator=GaussianNB(), neighbors=(3, 7), weights=(0.0, 0.5, 1.5), n_splits=4, seed=2)
    return study, names, X, data.target


def test_summary_at_non_default_values(small_study):
    study, names, X, y = small_study
    s = selection_summary(study, names, 3, 7, 1.5)
    # The picks are mRMR on full-data estimates: relevance from scikit-learn, redundancy from the study.
    np.testing.assert_array_equal(study.relevance[7], mutual_info_classif(X, y, n_neighbors=7, random_state=2))
    expected = mrmr(study.relevance[7], study.redundancy[7], 3, weight=1.5)
    assert s["picked"] == [names[j] for j in expected]
    assert s["acc"]["mrmr"] == study.fold_scores("mrmr", k=7, weight=1.5)[:, 2].mean()
    assert s["acc"]["mi"] == study.fold_scores("mi", k=7)[:, 2].mean()
    assert s["acc"]["f_test"] == study.fold_scores("f_test")[:, 2].mean()
    # Weight 0 is MI ranking: the picks are the most relevant features.
    s0 = selection_summary(study, names, 2, 3, 0.0)
    assert s0["picked"] == [names[j] for j in np.argsort(-study.relevance[3])[:2]]
    with pytest.raises(ValueError, match="n_features"):
        selection_summary(study, names, 0, 3, 0.0)


def test_panel_on_a_given_study_updates(small_study):
    study, names, _, _ = small_study
    panel = selection_panel(study, names, n_features=2, k=3, weight=0.5)
    assert isinstance(panel, LivePanel)
    text = panel.set(n_features=4, k=7, weight=1.5)
    s = selection_summary(study, names, 4, 7, 1.5)
    assert ", ".join(s["picked"]) in text
    assert f"mRMR {s['acc']['mrmr']:.3f}" in text
    assert panel.text == text
    with pytest.raises(ValueError, match="names"):
        selection_panel(study, names[:-1])


def test_registry_factory_builds_and_updates():
    assert set(PANELS) == {"selection"}
    factory, worst = PANELS["selection"]
    panel = factory()
    assert isinstance(panel, LivePanel)
    assert panel.controls["n_features"].max == 13 + len(COPY_COLUMNS) * len(NOISE_LEVELS)
    text = panel.set(**worst)
    assert text.startswith(f"k = {worst['k']}, weight = {worst['weight']:g}, keep {worst['n_features']}")
    # With every feature kept, the four methods use the same set, hence the same accuracy.
    accs = [part.split()[-1] for part in text.splitlines()[1].split("|")]
    assert len(set(accs)) == 1
