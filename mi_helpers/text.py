"""Word co-occurrence, pointwise mutual information and collocations.

The corpus is English text that ships with every CPython installation: the
topic help texts of the Python reference manual in :mod:`pydoc_data.topics`
(what ``help("with")`` prints), under the PSF licence. That text changes
between Python releases, so the package carries a fixed copy (CPython
3.11.7's, in ``mi_helpers/data``) and every Python reads the same words.
Nothing is downloaded.

Counting follows NLTK's ``BigramCollocationFinder.from_words`` so the scores
can be checked against ``nltk.collocations.BigramAssocMeasures``:

* a window of size w pairs each token with each of the next w - 1 tokens,
  giving (first word, second word) pairs at distances 1 .. w - 1;
* a word's count c(x) is its number of tokens, N is the number of tokens;
* a pair's count c(x, y) is divided by w - 1 before scoring (Church & Hanks'
  scaling), so p(x, y) = c(x, y) / ((w - 1) N) and p(x) = c(x) / N.

References
----------
.. [CH] K. W. Church, P. Hanks, "Word association norms, mutual information,
   and lexicography", Computational Linguistics 16(1), 22-29 (1990).
.. [Bouma] G. Bouma, "Normalized (pointwise) mutual information in
   collocation extraction", Proceedings of GSCL, 31-40 (2009).
.. [Dunning] T. Dunning, "Accurate methods for the statistics of surprise and
   coincidence", Computational Linguistics 19(1), 61-74 (1993).
.. [MS] C. D. Manning, H. Schuetze, Foundations of Statistical Natural
   Language Processing, MIT Press (1999), ch. 5.
"""

from __future__ import annotations

import gzip
import json
import math
import re
from importlib import resources
from dataclasses import dataclass

import numpy as np

from ._validation import as_labels, check_int, log_base
from .estimators import mi_discrete

__all__ = [
    "CORPUS_PYTHON_VERSION",
    "MEASURES",
    "CooccurrenceCounts",
    "association_scores",
    "cooccurrence_counts",
    "pair_arrays",
    "pair_table_mi",
    "python_docs_corpus",
    "python_docs_documents",
    "tokenize",
    "top_pairs",
    "word_label_mi",
    "word_presence",
]

#: Association measures of :func:`association_scores`.
MEASURES = ("pmi", "npmi", "llr", "t_score")

_WORD = re.compile(r"[a-z]+")
_PARAGRAPH = re.compile(r"\n[ \t]*\n")


# --------------------------------------------------------------------------
# Corpus and tokens
# --------------------------------------------------------------------------


#: Python release whose manual the bundled corpus comes from.
CORPUS_PYTHON_VERSION = "3.11.7"


def _topics() -> dict:
    """The bundled help topics: a fixed copy of CPython 3.11.7's ``pydoc_data.topics``."""
    payload = json.loads(gzip.decompress(resources.files("mi_helpers.data").joinpath("python_help_topics.json.gz").read_bytes()))
    return payload["topics"]


def python_docs_documents(*, min_tokens=1) -> list[tuple[str, str]]:
    """Paragraphs of the Python reference manual's help topics, with their topic.

    The topics repeat one another (``help("if")`` is a section of
    ``help("compound")``), so every paragraph is kept once only: at its first
    occurrence with topics taken in sorted order.

    Parameters
    ----------
    min_tokens : int, default 1
        Drop paragraphs with fewer tokens (see :func:`tokenize`).

    Returns
    -------
    list of (topic, paragraph) pairs
        In a fixed order (topics sorted, paragraphs in reading order), from
        the bundled copy of CPython 3.11.7's manual, whatever Python runs.

    Raises
    ------
    ValueError
        If ``min_tokens`` is below 1.
    TypeError
        If ``min_tokens`` is not an integer.

    Examples
    --------
    >>> import mi_helpers as mh
    >>> docs = mh.python_docs_documents(min_tokens=5)
    >>> topic, paragraph = docs[0]
    >>> isinstance(topic, str) and len(mh.tokenize(paragraph)) >= 5
    True
    """
    min_tokens = check_int(min_tokens, "min_tokens", minimum=0)
    topics = _topics()
    seen = set()
    out = []
    for topic in sorted(topics):
        for para in _PARAGRAPH.split(topics[topic]):
            para = para.strip()
            if not para or para in seen:
                continue
            seen.add(para)
            if len(tokenize(para)) >= min_tokens:
                out.append((topic, para))
    return out


def python_docs_corpus() -> str:
    """The whole de-duplicated help text as one string (paragraphs joined by blank lines).

    Returns
    -------
    str
        The bundled help text of CPython 3.11.7's reference manual, each
        paragraph once.

    Raises
    ------
    FileNotFoundError
        If the bundled data file is missing from the installation.

    Examples
    --------
    >>> import mi_helpers as mh
    >>> text = mh.python_docs_corpus()
    >>> len(mh.tokenize(text)) > 10000
    True
    """
    return "\n\n".join(p for _, p in python_docs_documents())


def tokenize(text) -> list[str]:
    """Lower-case the text and return its runs of letters a-z.

    Digits, punctuation, underscores and apostrophes separate words, so
    ``"__init__()"`` gives ``["init"]`` and ``"manager's"`` gives
    ``["manager", "s"]``. Simple and transparent; enough for collocations.

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    list of str
        The words, lower case, in reading order. O(len(text)).

    Raises
    ------
    TypeError
        If ``text`` is not a string.

    Examples
    --------
    >>> import mi_helpers as mh
    >>> mh.tokenize("The manager's __init__() method")
    ['the', 'manager', 's', 'init', 'method']
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    return _WORD.findall(text.lower())


# --------------------------------------------------------------------------
# Counting
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class CooccurrenceCounts:
    """Word and word-pair counts of a token sequence (see the module docstring).

    Attributes
    ----------
    vocab : ndarray of str, shape (V,)
        Distinct words, sorted.
    word_counts : ndarray of int, shape (V,)
        c(x): tokens of each word.
    first, second : ndarray of int, shape (P,)
        Vocabulary indices of each distinct (first, second) pair, sorted by
        (first, second).
    pair_counts : ndarray of int, shape (P,)
        c(x, y): raw number of times y follows x within the window.
    n_tokens : int
        N.
    window : int
        w >= 2.
    """

    vocab: np.ndarray
    word_counts: np.ndarray
    first: np.ndarray
    second: np.ndarray
    pair_counts: np.ndarray
    n_tokens: int
    window: int

    def pair_words(self, idx) -> list[tuple[str, str]]:
        """The (first, second) words of pair indices ``idx``."""
        idx = np.atleast_1d(idx)
        return list(zip(self.vocab[self.first[idx]].tolist(), self.vocab[self.second[idx]].tolist()))

    def lookup(self, w1: str, w2: str) -> int:
        """Index of the pair (w1, w2), or -1 if it never occurs."""
        i = int(np.searchsorted(self.vocab, w1))
        j = int(np.searchsorted(self.vocab, w2))
        if i >= len(self.vocab) or j >= len(self.vocab) or self.vocab[i] != w1 or self.vocab[j] != w2:
            return -1
        key = i * len(self.vocab) + j
        keys = self.first.astype(np.int64) * len(self.vocab) + self.second
        k = int(np.searchsorted(keys, key))
        return k if k < len(keys) and keys[k] == key else -1


def _check_tokens(tokens, window):
    if isinstance(tokens, str):
        raise TypeError("tokens must be a sequence of words, not one string; call tokenize(text) first")
    window = check_int(window, "window", minimum=2)
    tokens = list(tokens)
    if len(tokens) < 2:
        raise ValueError(f"tokens needs at least 2 words, got {len(tokens)}")
    if not all(isinstance(t, str) for t in tokens):
        raise TypeError("tokens must all be strings")
    return tokens, window


def cooccurrence_counts(tokens, window=2) -> CooccurrenceCounts:
    """Count words and ordered word pairs within a sliding window.

    Parameters
    ----------
    tokens : sequence of str
    window : int, default 2
        2 counts adjacent pairs (bigrams); w > 2 also counts pairs up to
        w - 1 tokens apart, exactly as NLTK's
        ``BigramCollocationFinder.from_words(tokens, window_size=w)``.

    Returns
    -------
    CooccurrenceCounts

    Raises
    ------
    ValueError
        If ``tokens`` has fewer than 2 words or ``window`` is below 2.
    TypeError
        If ``tokens`` is one string instead of a sequence of words, holds
        non-strings, or ``window`` is not an integer.

    Notes
    -----
    Vectorised: words are integer-coded once, and each distance d adds the
    pairs (t_i, t_{i+d}); distinct pairs are found with one ``np.unique``.
    Cost O(w N log N).

    Examples
    --------
    >>> import mi_helpers as mh
    >>> c = mh.cooccurrence_counts(mh.tokenize("new york is new to new york"))
    >>> c.vocab.tolist(), c.word_counts.tolist(), c.n_tokens
    (['is', 'new', 'to', 'york'], [1, 3, 1, 2], 7)
    """
    tokens, window = _check_tokens(tokens, window)
    vocab, codes = np.unique(np.asarray(tokens), return_inverse=True)
    codes = codes.astype(np.int64)
    v = len(vocab)
    n = len(codes)
    keys = np.concatenate([codes[:-d] * v + codes[d:] for d in range(1, min(window, n))])
    uniq, counts = np.unique(keys, return_counts=True)
    return CooccurrenceCounts(
        vocab=vocab,
        word_counts=np.bincount(codes, minlength=v),
        first=(uniq // v).astype(np.intp),
        second=(uniq % v).astype(np.intp),
        pair_counts=counts,
        n_tokens=n,
        window=window,
    )


def pair_arrays(tokens, window=2) -> tuple[np.ndarray, np.ndarray]:
    """The (first word, second word) of every counted pair, as two arrays.

    One row per pair occurrence (N - 1 rows for window 2), in the order
    distance 1, then distance 2, ... Feeding them to
    :func:`mi_helpers.mi_discrete` gives the MI of the pair table.

    Parameters
    ----------
    tokens : sequence of str
        The words, e.g. from :func:`tokenize`.
    window : int, default 2
        As in :func:`cooccurrence_counts`.

    Returns
    -------
    first, second : ndarray of str, shape (P,)
        The two words of every pair occurrence.

    Raises
    ------
    ValueError
        If ``tokens`` has fewer than 2 words or ``window`` is below 2.
    TypeError
        If ``tokens`` is one string or holds non-strings.

    Examples
    --------
    >>> import mi_helpers as mh
    >>> first, second = mh.pair_arrays(["a", "b", "c"], window=3)
    >>> first.tolist(), second.tolist()
    (['a', 'b', 'a'], ['b', 'c', 'c'])
    """
    tokens, window = _check_tokens(tokens, window)
    arr = np.asarray(tokens)
    n = len(arr)
    first = np.concatenate([arr[:-d] for d in range(1, min(window, n))])
    second = np.concatenate([arr[d:] for d in range(1, min(window, n))])
    return first, second


# --------------------------------------------------------------------------
# Scores
# --------------------------------------------------------------------------


def _check_counts(counts):
    if not isinstance(counts, CooccurrenceCounts):
        raise TypeError(f"counts must be a CooccurrenceCounts from cooccurrence_counts(), got {type(counts).__name__}")
    return counts


def association_scores(counts, measure="pmi", *, base=math.e) -> np.ndarray:
    """Association score of every pair in ``counts``.

    With n_ii = c(x, y) / (w - 1), n_ix = c(x), n_xi = c(y), N tokens:

    * ``"pmi"``: ln(n_ii N / (n_ix n_xi)) = ln(p(x, y) / (p(x) p(y))) [CH]_,
      in nats (or ``base`` units; ``base=2`` is NLTK's ``pmi``).
    * ``"npmi"``: PMI / (-ln p(x, y)) with p(x, y) = n_ii / N, in [-1, 1]:
      1 when x and y only ever occur together [Bouma]_. Unitless.
    * ``"llr"``: Dunning's log-likelihood ratio G^2 = 2 sum obs ln(obs / exp)
      over the 2x2 table (x or not x first, y or not y second) [Dunning]_,
      NLTK's ``likelihood_ratio``. Unitless (a chi-squared statistic).
    * ``"t_score"``: (n_ii - n_ix n_xi / N) / sqrt(n_ii), NLTK's
      ``student_t`` [MS]_.

    Parameters
    ----------
    counts : CooccurrenceCounts
    measure : {"pmi", "npmi", "llr", "t_score"}
    base : float, default e
        Log base of ``"pmi"`` only.

    Returns
    -------
    ndarray, shape (P,)
        Aligned with ``counts.first`` / ``counts.second``. O(P).

    Raises
    ------
    ValueError
        If ``measure`` is unknown or ``base`` is invalid.
    TypeError
        If ``counts`` is not a :class:`CooccurrenceCounts`.

    References
    ----------
    .. [CH] K. W. Church, P. Hanks, "Word association norms, mutual information,
       and lexicography", Computational Linguistics 16(1), 22-29 (1990).
    .. [Bouma] G. Bouma, "Normalized (pointwise) mutual information in
       collocation extraction", Proceedings of GSCL (2009), 31-40.
    .. [Dunning] T. Dunning, "Accurate methods for the statistics of surprise
       and coincidence", Computational Linguistics 19(1), 61-74 (1993).
    .. [MS] C. D. Manning, H. Schuetze, Foundations of Statistical Natural
       Language Processing (1999), chapter 5.

    Examples
    --------
    >>> import mi_helpers as mh
    >>> c = mh.cooccurrence_counts(mh.tokenize("new york is new to new york"))
    >>> [(str(c.vocab[i]), str(c.vocab[j])) for i, j in zip(c.first, c.second)]
    [('is', 'new'), ('new', 'to'), ('new', 'york'), ('to', 'new'), ('york', 'is')]
    >>> mh.association_scores(c, "pmi", base=2).round(3)
    array([1.222, 1.222, 1.222, 1.222, 1.807])
    """
    counts = _check_counts(counts)
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {MEASURES}, got {measure!r}")
    lb = log_base(base)
    n = float(counts.n_tokens)
    n_ii = counts.pair_counts / (counts.window - 1.0)
    n_ix = counts.word_counts[counts.first].astype(np.float64)
    n_xi = counts.word_counts[counts.second].astype(np.float64)
    if measure == "pmi":
        if base == 2:  # the same operations as NLTK, so equal scores tie exactly
            return np.log2(n_ii * n) - np.log2(n_ix * n_xi)
        return (np.log(n_ii * n) - np.log(n_ix * n_xi)) / lb
    if measure == "npmi":
        pmi = np.log(n_ii * n) - np.log(n_ix * n_xi)
        return pmi / -np.log(n_ii / n)
    if measure == "t_score":
        return (n_ii - n_ix * n_xi / n) / np.sqrt(n_ii)
    # G^2 over the 2x2 contingency table of (x first?, y second?).
    obs = np.stack([n_ii, n_xi - n_ii, n_ix - n_ii, n - n_ix - n_xi + n_ii])
    row = np.stack([n_ix, n - n_ix, n_ix, n - n_ix])  # margin of "x first?"
    col = np.stack([n_xi, n_xi, n - n_xi, n - n_xi])  # margin of "y second?"
    exp = row * col / n
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(obs > 0, obs * np.log(obs / exp), 0.0)
    return 2.0 * terms.sum(axis=0)


def top_pairs(counts, measure="pmi", *, min_freq=1, n=10, base=math.e) -> list[tuple[str, str, int, float]]:
    """The ``n`` highest-scoring pairs seen at least ``min_freq`` times.

    Ties are broken by the words (alphabetically), as NLTK's
    ``score_ngrams`` does; ``min_freq`` applies to the raw pair count, as
    NLTK's ``apply_freq_filter``.

    Parameters
    ----------
    counts : CooccurrenceCounts
        From :func:`cooccurrence_counts`.
    measure : {"pmi", "npmi", "llr", "t_score"}, default "pmi"
        See :func:`association_scores`.
    min_freq : int, default 1
        Keep pairs seen at least this many times.
    n : int, default 10
        How many pairs to return.
    base : float, default e
        Log base of "pmi".

    Returns
    -------
    list of (first word, second word, raw count, score)

    Raises
    ------
    ValueError
        If ``measure`` is unknown, or ``min_freq`` or ``n`` is below 1.
    TypeError
        If ``counts`` is not a :class:`CooccurrenceCounts`, or ``min_freq``
        or ``n`` is not an integer.

    Examples
    --------
    >>> import mi_helpers as mh
    >>> c = mh.cooccurrence_counts(mh.tokenize("new york is new to new york"))
    >>> [(a, b, count) for a, b, count, score in mh.top_pairs(c, "llr", n=2)]
    [('new', 'york', 2), ('york', 'is', 1)]
    """
    counts = _check_counts(counts)
    min_freq = check_int(min_freq, "min_freq", minimum=1)
    n = check_int(n, "n", minimum=1)
    scores = association_scores(counts, measure, base=base)
    keep = np.flatnonzero(counts.pair_counts >= min_freq)
    # Pairs are stored sorted by (first, second) and the vocabulary is sorted,
    # so a stable sort on -score breaks ties alphabetically. Rounding first
    # makes pairs with mathematically equal scores tie despite rounding noise.
    order = keep[np.argsort(-np.round(scores[keep], 9), kind="stable")][:n]
    return [
        (w1, w2, int(counts.pair_counts[k]), float(scores[k]))
        for (w1, w2), k in zip(counts.pair_words(order), order)
    ]


def pair_table_mi(counts, *, base=math.e) -> float:
    """MI of the pair table: the average PMI weighted by pair probability.

    Uses the table's own probabilities, p(x, y) = c(x, y) / (total pairs),
    and its own marginals (row and column sums), so the result equals
    ``mi_discrete(*pair_arrays(tokens, window))``. These marginals differ
    from the unigram frequencies used by :func:`association_scores` only at
    the edges of the text (the last w - 1 tokens start no full set of pairs).

    Parameters
    ----------
    counts : CooccurrenceCounts
        From :func:`cooccurrence_counts`.
    base : float, default e
        Logarithm base: e gives nats, 2 gives bits.

    Returns
    -------
    float
        I(first word; second word) in nats (or ``base`` units), a plug-in
        estimate: biased upwards when the vocabulary is large next to the
        number of pairs.

    Raises
    ------
    ValueError
        If ``base`` is invalid.
    TypeError
        If ``counts`` is not a :class:`CooccurrenceCounts`.

    Examples
    --------
    >>> import mi_helpers as mh
    >>> tokens = mh.tokenize("new york is new to new york")
    >>> round(mh.pair_table_mi(mh.cooccurrence_counts(tokens)), 4)
    1.0114
    >>> round(mh.mi_discrete(*mh.pair_arrays(tokens)), 4)
    1.0114
    """
    counts = _check_counts(counts)
    lb = log_base(base)
    c = counts.pair_counts.astype(np.float64)
    total = c.sum()
    v = len(counts.vocab)
    rows = np.bincount(counts.first, weights=c, minlength=v)
    cols = np.bincount(counts.second, weights=c, minlength=v)
    pmi = np.log(c * total) - np.log(rows[counts.first] * cols[counts.second])
    return max(float(np.dot(c / total, pmi)), 0.0) / lb


# --------------------------------------------------------------------------
# Word presence and document labels
# --------------------------------------------------------------------------


def word_presence(documents, *, min_docs=1) -> tuple[np.ndarray, np.ndarray]:
    """Binary document-by-word matrix: does word j occur in document i?

    Parameters
    ----------
    documents : sequence of sequences of str
        Tokenised documents.
    min_docs : int, default 1
        Keep words that occur in at least this many documents.

    Returns
    -------
    X : ndarray of uint8, shape (n_docs, n_words)
    words : ndarray of str, shape (n_words,), sorted

    Raises
    ------
    ValueError
        If ``documents`` is empty or ``min_docs`` is below 1.
    TypeError
        If ``documents`` is one string, or a document is not a sequence of
        strings.

    Examples
    --------
    >>> import mi_helpers as mh
    >>> X, words = mh.word_presence([["a", "b"], ["b", "c", "b"]])
    >>> X, words.tolist()
    (array([[1, 1, 0],
           [0, 1, 1]], dtype=uint8), ['a', 'b', 'c'])
    """
    if isinstance(documents, str):
        raise TypeError("documents must be a sequence of token lists, not one string")
    docs = [sorted(set(d)) for d in documents]
    if not docs:
        raise ValueError("documents is empty")
    for d in docs:
        if not all(isinstance(t, str) for t in d):
            raise TypeError("every document must be a sequence of str tokens")
    min_docs = check_int(min_docs, "min_docs", minimum=1)
    vocab = np.array(sorted({t for d in docs for t in d}))
    x = np.zeros((len(docs), len(vocab)), dtype=np.uint8)
    for i, d in enumerate(docs):
        if d:
            x[i, np.searchsorted(vocab, d)] = 1
    keep = x.sum(axis=0) >= min_docs
    return x[:, keep], vocab[keep]


def word_label_mi(presence, labels, *, base=math.e) -> np.ndarray:
    """I(word present; label) for every column of a presence matrix.

    Parameters
    ----------
    presence : array-like, shape (n_docs, n_words)
        0/1 (or any discrete) features, e.g. from :func:`word_presence`.
    labels : array-like, shape (n_docs,)
    base : float, default e

    Returns
    -------
    ndarray, shape (n_words,)
        Plug-in MI of each column with the labels, via
        :func:`mi_helpers.mi_discrete` (nats, or ``base`` units). Equal to
        scikit-learn's ``mutual_info_classif(..., discrete_features=True)``.

    Raises
    ------
    ValueError
        If ``presence`` is not 2-D, its rows and ``labels`` differ in number,
        or either holds missing values.
    TypeError
        If a column or ``labels`` mixes label types.

    Examples
    --------
    >>> import mi_helpers as mh
    >>> X, words = mh.word_presence([["goal"], ["goal", "team"], ["vote"], ["vote", "team"]])
    >>> dict(zip(words.tolist(), mh.word_label_mi(X, ["sport", "sport", "news", "news"], base=2).round(3).tolist()))
    {'goal': 1.0, 'team': 0.0, 'vote': 1.0}
    """
    x = np.asarray(presence)
    if x.ndim != 2:
        raise ValueError(f"presence must be 2-D (n_docs, n_words), got shape {x.shape}")
    codes, _ = as_labels(labels, "labels")
    if x.shape[0] != len(codes):
        raise ValueError(f"presence has {x.shape[0]} rows but labels has {len(codes)} entries")
    return np.array([mi_discrete(x[:, j], codes, base=base) for j in range(x.shape[1])])
