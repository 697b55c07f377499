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
# # 08 · Words that go together: PMI and collocations
#
# [← Previous: 07 Clustering](07_clustering.ipynb) · **08 NLP** · [Next: 09 Images →](09_images.ipynb)
#
# Some word pairs are more than the sum of their words: "context manager", "square
# brackets", "keyword arguments". Linguists call them collocations. A classic way to
# find them is **pointwise mutual information** (PMI): how much more often two words
# occur together than they would if they ignored each other. PMI is one term of the
# MI sum of notebook 01, for one pair of values, and it has one famous weakness that
# this notebook takes apart.
#
# **You will learn to**
#
# - compute PMI and normalised PMI (NPMI) of word pairs from counts, and check them against NLTK;
# - explain why raw PMI ranks pairs seen once at the top, and fix it with a frequency filter, NPMI or a significance score;
# - connect PMI back to MI: the probability-weighted average of PMI is the MI of the word-pair table;
# - rank words by the MI between their presence in a paragraph and its topic, a simple feature selector for text.
#
# **Time:** about 35 minutes.

# %% [markdown]
# ## Setup
#
# Counting and scoring live in `mi_helpers.text`; NLTK and scikit-learn are used only to
# check them. PMI is reported in **bits** (log base 2) in this notebook, because that is
# the convention of the NLP literature and of NLTK; other MI values follow it.

# %%
import matplotlib.pyplot as plt
import numpy as np
from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder
from sklearn.feature_selection import mutual_info_classif

import mi_helpers as mh
from mi_helpers.text import (
    CORPUS_PYTHON_VERSION,
    association_scores,
    cooccurrence_counts,
    pair_arrays,
    pair_table_mi,
    python_docs_corpus,
    python_docs_documents,
    tokenize,
    top_pairs,
    word_label_mi,
    word_presence,
)
from mi_helpers.widgets.nlp import collocations_panel

SEED = 0
rng = np.random.default_rng(SEED)

# %% [markdown]
# ## 1. A corpus that is already on your computer
#
# Every CPython installation carries real English prose: the help texts of the Python
# reference manual, the pages `help("with")` or `help("import")` print, stored in the
# standard-library module `pydoc_data.topics` (about 0.5 MB, under the Python Software
# Foundation licence). Its wording changes a little between Python releases, so
# `mi_helpers` carries a fixed copy taken from Python 3.11.7, with the licence beside it,
# and every reader gets the same words whatever Python they run. Nothing is downloaded.
# The topics repeat each other (the page for
# `if` is a section of the page for compound statements), so `python_docs_documents`
# keeps each paragraph once.
#
# **Tokens.** The text is lower-cased and every run of the letters a-z is a word; digits,
# punctuation and underscores separate words. So `"__init__()"` gives `init` and
# "manager’s" gives `manager` and `s`. Code samples in the manual become words too; that
# is part of this corpus's character.

# %%
documents = python_docs_documents()
tokens = tokenize(python_docs_corpus())
counts = cooccurrence_counts(tokens, window=2)
n_tokens = counts.n_tokens
print(f"Python {CORPUS_PYTHON_VERSION} manual: {len({t for t, _ in documents})} topics, {len(documents)} distinct paragraphs")
print(f"{n_tokens:,} tokens, {len(counts.vocab):,} distinct words, {len(counts.pair_counts):,} distinct adjacent pairs")
print("first tokens:", " ".join(tokens[:16]))

# %% [markdown]
# ## 2. PMI of one pair
#
# For two words x and y, estimate p(x) = c(x)/N from word counts and p(x, y) = c(x, y)/N
# from the count of x directly followed by y. Then
#
# $$ \mathrm{PMI}(x, y) = \log_2 \frac{p(x, y)}{p(x)\,p(y)} = \log_2 \frac{c(x, y)\, N}{c(x)\, c(y)} \ \text{bits}. $$
#
# PMI > 0: the pair occurs more often than independence predicts; PMI = 0: exactly as
# often; PMI < 0: less often. 2 to the power PMI is the ratio itself. Here is "context
# manager" by hand, by `mi_helpers` and by NLTK (`BigramAssocMeasures.pmi`, which takes
# the same counts).

# %%
w1, w2 = "context", "manager"
c_xy = counts.pair_counts[counts.lookup(w1, w2)]
c_x = counts.word_counts[np.searchsorted(counts.vocab, w1)]
c_y = counts.word_counts[np.searchsorted(counts.vocab, w2)]
pmi_by_hand = np.log2(c_xy * n_tokens / (c_x * c_y))
pmi_helper = association_scores(counts, "pmi", base=2)[counts.lookup(w1, w2)]
pmi_nltk = BigramAssocMeasures.pmi(c_xy, (c_x, c_y), n_tokens)
print(f"c({w1}) = {c_x}, c({w2}) = {c_y}, c({w1} {w2}) = {c_xy}, N = {n_tokens}")
print(f"PMI by hand: {pmi_by_hand:.4f} bits | mi_helpers: {pmi_helper:.4f} | NLTK: {pmi_nltk:.4f}")
print(f"the pair occurs {2 ** pmi_by_hand:.0f} times more often than independent words would")

# %% [markdown]
# ## 3. Ranking collocations
#
# Score every adjacent pair and sort. The list below keeps pairs seen at least 5 times;
# the Pitfall section shows what happens without that filter.

# %%
for first, second, count, score in top_pairs(counts, "pmi", min_freq=5, n=10, base=2):
    print(f"{first + ' ' + second:24s} seen {count:3d}×   PMI = {score:6.3f} bits")

# %% [markdown]
# Real collocations of the manual ("post mortem", "square brackets", "nearest
# enclosing") and a few phrases from one repeated example ("something bad happened").

# %% [markdown]
# ## 4. Normalised PMI
#
# PMI has no fixed upper end: a pair's maximum is −log₂ p(x, y), reached when x and y
# only ever occur together, so rare pairs can reach higher values than frequent ones.
# Bouma (2009, *Proceedings of GSCL*, 31–40) divides by that maximum:
#
# $$ \mathrm{NPMI}(x, y) = \frac{\mathrm{PMI}(x, y)}{-\log_2 p(x, y)} \in [-1, 1], $$
#
# −1 for words that never meet (in the limit), 0 for independence, 1 for words that
# always occur together. NLTK has no NPMI, so check it from NLTK's PMI.

# %%
npmi = association_scores(counts, "npmi")
for pair in [("square", "brackets"), ("context", "manager"), ("keyword", "arguments"), ("of", "the"), ("is", "a")]:
    k = counts.lookup(*pair)
    c_pair = counts.pair_counts[k]
    c_a, c_b = counts.word_counts[counts.first[k]], counts.word_counts[counts.second[k]]
    from_nltk = BigramAssocMeasures.pmi(c_pair, (c_a, c_b), n_tokens) / -np.log2(c_pair / n_tokens)
    print(f"{' '.join(pair):20s} seen {c_pair:3d}×: NPMI = {npmi[k]:.4f} (from NLTK's PMI: {from_nltk:.4f})")

# %% [markdown]
# "square brackets" scores exactly 1: in this corpus "square" is always followed by
# "brackets", and "brackets" always preceded by "square". "of the" is frequent but only
# mildly associated.

# %% [markdown]
# ## 5. Wider windows, checked against NLTK
#
# Pairs need not be adjacent. With a window of size w, NLTK's
# `BigramCollocationFinder.from_words(tokens, window_size=w)` pairs every token with each
# of the next w − 1 tokens, counts each word once per token, and divides each pair count
# by w − 1 before scoring (Church & Hanks 1990), so that p(x, y) stays a probability.
# `cooccurrence_counts(tokens, window=w)` does exactly that. Below, every pair's score
# from `mi_helpers` is compared with NLTK's for windows 2 and 3, for PMI and for two
# significance-based measures: Dunning's (1993) log-likelihood ratio G² and the t-score
# (Manning & Schütze 1999, §5.3).

# %%
measures = {"pmi": BigramAssocMeasures.pmi, "llr": BigramAssocMeasures.likelihood_ratio, "t_score": BigramAssocMeasures.student_t}
for window in (2, 3):
    ours_counts = cooccurrence_counts(tokens, window=window)
    finder = BigramCollocationFinder.from_words(tokens, window_size=window)
    pairs = ours_counts.pair_words(np.arange(len(ours_counts.pair_counts)))
    for name, nltk_fn in measures.items():
        ours = association_scores(ours_counts, name, base=2)
        theirs = dict(finder.score_ngrams(nltk_fn))
        worst = max(abs(s - theirs[p]) / max(1.0, abs(theirs[p])) for p, s in zip(pairs, ours))
        print(f"window {window}, {name:7s}: {len(ours):6d} pairs (NLTK {len(theirs)}), all scores agree to 1e-12: {worst < 1e-12}")

# %% [markdown]
# The largest relative difference is about 1e-15, a rounding error. Wider windows find pairs with a word
# in between ("changed in version" gives "changed version"), at the price of more pairs
# that are merely nearby.

# %% [markdown]
# ## 6. Try it: measure, minimum count and window
#
# The panel ranks the pairs of this corpus. Counts and scores for every window are
# computed when it is built, so a move only filters and redraws.
#
# - Start at minimum count 1 with PMI: every top pair was seen once. Raise the minimum count to 3, then 10.
# - Switch to NPMI at minimum count 1: pairs seen once still fill the top, but now they tie at 1.0 with perfect pairs seen many times such as "square brackets" (ties are listed alphabetically).
# - Switch to G² or the t-score: they reward evidence, so frequent pairs of function words ("of the", "can be") rise to the top.
# - Widen the window and watch pairs with a word in between appear.

# %%
collocations_panel()

# %% [markdown]
# ## 7. From PMI back to MI
#
# PMI is the contribution of one cell to the MI sum. Average it over all pairs, weighted
# by how often each pair occurs, and you get the MI between the first and the second word
# of a pair:
#
# $$ I(W_1; W_2) = \sum_{x, y} p(x, y)\, \mathrm{PMI}(x, y). $$
#
# For this to be exact, p(x, y), p(x) and p(y) must all come from the same table of pairs.
# `pair_table_mi` uses the table's row and column sums; NLTK-style PMI uses word counts,
# which differ only for the last token (it starts no pair). Check it against
# `mh.mi_discrete` on the (first word, second word) arrays, the estimator of notebook 01.

# %%
first_words, second_words = pair_arrays(tokens, window=2)
mi_table = pair_table_mi(counts, base=2)
mi_labels = mh.mi_discrete(first_words, second_words, base=2)
p_pair = counts.pair_counts / counts.pair_counts.sum()
weighted_nltk_pmi = np.dot(p_pair, association_scores(counts, "pmi", base=2))
print(f"sum p(x,y) PMI(x,y), table marginals: {mi_table:.6f} bits")
print(f"mh.mi_discrete(first, second):        {mi_labels:.6f} bits")
print(f"same average with word-count PMI:     {weighted_nltk_pmi:.6f} bits")

# %% [markdown]
# How much of those bits is real? With about 3,000 distinct words, the table has millions
# of cells and only 51,000 pairs, so the plug-in estimate is biased upwards (notebook 04).
# Shuffle the words to destroy all word order and compute it again: what remains is bias.

# %%
shuffled_tokens = list(rng.permutation(np.array(tokens)))
mi_shuffled = pair_table_mi(cooccurrence_counts(shuffled_tokens, window=2), base=2)
print(f"MI of adjacent words:               {mi_table:.3f} bits")
print(f"MI after shuffling the words:       {mi_shuffled:.3f} bits (true value 0)")
print(f"difference (roughly bias-corrected): {mi_table - mi_shuffled:.3f} bits")

# %% [markdown]
# About three quarters of the plug-in MI is the bias of a huge, sparse table; roughly one
# bit is real: knowing a word tells you about one bit about the next.

# %% [markdown]
# ## 8. Which words tell you the topic?
#
# MI also selects features for text classification. Take the paragraphs (with at least
# 8 tokens) of four help topics: the `pdb` debugger, string methods, dictionaries
# (`typesmapping`) and the import statement. Each paragraph becomes a binary vector: is
# word j present? The MI between a word's presence and the topic measures how much
# seeing that word tells you about the topic. It is computed with `mh.mi_discrete` for
# each word and checked against scikit-learn's `mutual_info_classif` with
# `discrete_features=True` (which reports nats).

# %%
chosen_topics = ("debugger", "string-methods", "typesmapping", "import")
labelled = [(topic, para) for topic, para in python_docs_documents(min_tokens=8) if topic in chosen_topics]
topic_labels = np.array([topic for topic, _ in labelled])
presence, words = word_presence([tokenize(para) for _, para in labelled], min_docs=3)
mi_words = word_label_mi(presence, topic_labels, base=2)
mi_sklearn = mutual_info_classif(presence, topic_labels, discrete_features=True, random_state=SEED) / np.log(2)
print(f"{len(topic_labels)} paragraphs, {presence.shape[1]} words seen in at least 3; H(topic) = {mh.entropy_discrete(topic_labels, base=2):.3f} bits")
print(f"all {len(words)} values agree with sklearn to 1e-10 bits: {np.allclose(mi_words, mi_sklearn, rtol=0, atol=1e-10)}")
print("most informative words (bits), and how many paragraphs of each topic contain them:")
for j in np.argsort(-mi_words, kind="stable")[:10]:
    per_topic = ", ".join(f"{t}: {presence[topic_labels == t, j].sum()}" for t in chosen_topics)
    print(f"  {words[j]:12s} {mi_words[j]:.3f}   ({per_topic})")

# %% [markdown]
# The top words are what a reader would pick ("string", "dictionary", "key", "future",
# "debugger"), plus "return", which appears in most method descriptions (string methods
# and dictionary methods alike) but never in the other two topics. The most
# *frequent* words ("the", "a", "is") carry almost nothing about the topic:

# %%
for j in np.argsort(-presence.sum(axis=0), kind="stable")[:5]:
    print(f"{words[j]:5s} in {presence[:, j].sum()} of {len(topic_labels)} paragraphs, I(present; topic) = {mi_words[j]:.3f} bits")

# %% [markdown]
# ## Pitfall: ranking by raw PMI
#
# Rank all adjacent pairs by PMI without a frequency filter, as many tutorials do:

# %%
raw_top = top_pairs(counts, "pmi", min_freq=1, n=8, base=2)
for first, second, count, score in raw_top:
    print(f"{first + ' ' + second:26s} seen {count}×   PMI = {score:.3f} bits")
pmi_all = association_scores(counts, "pmi", base=2)
top100 = np.argsort(-pmi_all, kind="stable")[:100]
print(f"pairs seen once among the top 100: {np.mean(counts.pair_counts[top100] == 1):.0%}; log2 N = {np.log2(n_tokens):.3f} bits")

# %% [markdown]
# The top is filled with accidents seen once. The reason is arithmetic: since
# c(x) ≥ c(x, y) and c(y) ≥ c(x, y),
#
# $$ \mathrm{PMI}(x, y) = \log_2 \frac{c(x, y)\,N}{c(x)\,c(y)} \le \log_2 \frac{N}{c(x, y)}, $$
#
# and the bound is highest, log₂ N, for a pair seen once whose two words are each seen
# once. One coincidence between two rare words beats every genuine collocation. The
# figure shows every pair's PMI against its count, under that bound.

# %%
fig, ax = plt.subplots(figsize=(6.4, 3.6))
jitter = np.exp(rng.uniform(-0.12, 0.12, size=len(pmi_all)))  # spread the integer counts a little
ax.scatter(counts.pair_counts * jitter, pmi_all, s=3, alpha=0.25, color="C0", rasterized=True)
c_grid = np.logspace(0, np.log10(counts.pair_counts.max()), 100)
ax.plot(c_grid, np.log2(n_tokens / c_grid), color="C3", label="bound log₂(N / c(x, y))")
ax.set_xscale("log")
ax.set_xlabel("pair count c(x, y)")
ax.set_ylabel("PMI (bits)")
ax.set_title("PMI of every adjacent pair")
ax.legend()
plt.show()

# %% [markdown]
# **The fixes**, each with its numbers:
#
# 1. **A minimum count.** Keep pairs seen at least, say, 5 times (NLTK's
#    `apply_freq_filter`). The list of section 3 appears.
# 2. **NPMI.** It does not remove the accidents, but it stops them from *beating* real
#    collocations: a pair seen once scores at most 1, and so does "square brackets", seen 11
#    times. Combined with a minimum count it gives a clean list on a fixed scale.
# 3. **A significance score** such as G² weighs the evidence (the count) in, and swings
#    the other way, towards frequent pairs.

# %%
k_brackets = counts.lookup("square", "brackets")
k_accident = counts.lookup(raw_top[0][0], raw_top[0][1])
print(f"PMI:  {raw_top[0][0]} {raw_top[0][1]} (1×) {pmi_all[k_accident]:.2f} bits  >  square brackets (11×) {pmi_all[k_brackets]:.2f} bits")
print(f"NPMI: {raw_top[0][0]} {raw_top[0][1]} (1×) {npmi[k_accident]:.3f}       =  square brackets (11×) {npmi[k_brackets]:.3f}")
print("NPMI with a minimum count of 5:", ", ".join(f"{a} {b}" for a, b, _, _ in top_pairs(counts, "npmi", min_freq=5, n=6)))
print("G² (no filter needed):         ", ", ".join(f"{a} {b}" for a, b, _, _ in top_pairs(counts, "llr", min_freq=1, n=6)))

# %% [markdown]
# ## Pitfall: downloading a corpus at run time
#
# Many NLP tutorials start with `nltk.download(...)` or a dataset hub loader. That call
# needs a network, a reachable server and the same file as last time; in a classroom,
# on an offline laptop or in a test run any of those can fail, and a changed file
# silently changes every number. This notebook instead uses text that is installed with
# Python itself, and NLTK only for its counting code (which needs no data). The words are
# a fixed copy kept inside `mi_helpers` (see `mi_helpers/data/README.md` for its source and
# licence), so they cannot change under you either.

# %% [markdown]
# ## Exercises
#
# Each solution sits in a collapsed cell below its exercise, its code and its output
# both hidden so the answer is not spoiled: click the collapsed cell (or its three dots)
# to open it once you have tried.
#
# **Exercise 1.** List the six pairs with the most *negative* PMI among pairs seen at least
# 5 times. What does a negative PMI say, and why are these pairs so common anyway?

# %% tags=["solution", "hide-cell"] jupyter={"outputs_hidden": true, "source_hidden": true}
frequent = np.flatnonzero(counts.pair_counts >= 5)
for k in frequent[np.argsort(pmi_all[frequent], kind="stable")[:6]]:
    (a, b), = counts.pair_words(k)
    print(f"{a + ' ' + b:10s} seen {counts.pair_counts[k]}×, PMI = {pmi_all[k]:.2f} bits ({2 ** pmi_all[k]:.2f} times the independent rate)")
print("They occur less often than independence predicts; they are common only because both words are very common.")

# %% [markdown]
# **Exercise 2.** Check the bound of the pitfall on every pair: is PMI ≤ log₂(N / c(x, y))
# everywhere? For how many pairs is it an equality, and what do those pairs have in common?

# %% tags=["solution", "hide-cell"] jupyter={"outputs_hidden": true, "source_hidden": true}
bound = np.log2(n_tokens / counts.pair_counts)
print(f"bound holds for every pair: {bool(np.all(pmi_all <= bound + 1e-9))}")
equal = np.flatnonzero(np.isclose(pmi_all, bound))
c_first = counts.word_counts[counts.first[equal]]
c_second = counts.word_counts[counts.second[equal]]
print(f"equality for {len(equal)} pairs; in all of them c(x) = c(y) = c(x, y): {bool(np.all((c_first == counts.pair_counts[equal]) & (c_second == counts.pair_counts[equal])))}")
print("examples:", ", ".join(f"{a} {b}" for a, b in counts.pair_words(equal[counts.pair_counts[equal] > 1][:5])))

# %% [markdown]
# **Exercise 3.** Use the MI ranking of section 8 to classify the paragraphs: keep the k
# words with the highest MI and fit a Bernoulli naive Bayes classifier, for k = 5, 20 and
# 100, with 5-fold cross-validation. Rank the words on each *training* fold only,
# otherwise the test paragraphs leak into the selection.

# %% tags=["solution", "hide-cell"] jupyter={"outputs_hidden": true, "source_hidden": true}
from sklearn.model_selection import StratifiedKFold
from sklearn.naive_bayes import BernoulliNB

folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED)
accuracy = {k: [] for k in (5, 20, 100)}
for train, test in folds.split(presence, topic_labels):
    ranking = np.argsort(-word_label_mi(presence[train], topic_labels[train]), kind="stable")  # training rows only
    for k in accuracy:
        keep = ranking[:k]
        model = BernoulliNB().fit(presence[train][:, keep], topic_labels[train])
        accuracy[k].append(model.score(presence[test][:, keep], topic_labels[test]))
for k, scores in accuracy.items():
    print(f"k = {k:3d} words: accuracy {np.mean(scores):.3f} ± {np.std(scores):.3f}")
print(f"always guessing the largest topic: {np.mean(topic_labels == 'debugger'):.3f}")

# %% [markdown]
# ## Summary
#
# - PMI(x, y) = log₂ p(x, y) / (p(x) p(y)) compares how often two words meet with how often
#   independent words would; `mi_helpers.text` computes it exactly as NLTK does, for any window.
# - Raw PMI is bounded by log₂(N / c(x, y)), so pairs seen once top every ranking: filter by
#   count, use NPMI (on a fixed [−1, 1] scale), or a significance score such as G².
# - The probability-weighted average of PMI is the MI of the word-pair table; on a sparse
#   table its plug-in estimate is mostly bias, so compare it with shuffled text.
# - The MI between a word's presence and a document label ranks informative words for
#   classification; select inside cross-validation folds.
# - Use data that ships with what you install; never download at run time.
#
# [← Previous: 07 Clustering](07_clustering.ipynb) · **08 NLP** · [Next: 09 Images →](09_images.ipynb)
