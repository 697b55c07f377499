"""Word co-occurrence, pointwise mutual information, collocations and word vectors.

The corpus is English prose in the public domain: twelve books of the World
English Bible (WEB), a modern translation, read verse by verse from a fixed
snapshot in ``mi_helpers/data`` (see its README for the source). Nothing is
downloaded.

Counting follows NLTK's ``BigramCollocationFinder`` so the scores can be
checked against ``nltk.collocations.BigramAssocMeasures``:

* a window of size w pairs each token with each of the next w - 1 tokens of
  the same document, giving (first word, second word) pairs at distances
  1 .. w - 1; no pair crosses a document boundary (a verse, here);
* a word's count c(x) is its number of tokens, N is the number of tokens;
* a pair's count c(x, y) is divided by w - 1 before scoring (Church & Hanks'
  scaling), so p(x, y) = c(x, y) / ((w - 1) N) and p(x) = c(x) / N.

For a window of 2 this is ``BigramCollocationFinder.from_documents``; for a
wider window it is ``from_words`` on the documents joined with w - 1 ``None``
tokens between them (what ``from_documents`` does for w = 2).

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
.. [LG] O. Levy, Y. Goldberg, "Neural word embedding as implicit matrix
   factorization", Advances in Neural Information Processing Systems 27
   (NIPS 2014).
.. [LGD] O. Levy, Y. Goldberg, I. Dagan, "Improving distributional
   similarity with lessons learned from word embeddings", Transactions of
   the ACL 3, 211-225 (2015).
"""

from __future__ import annotations

import gzip
import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

import numpy as np

from ._validation import as_labels, check_int, log_base
from .estimators import mi_discrete
from .synthetic import make_rng

__all__ = [
    "CORPUS_BOOKS",
    "MEASURES",
    "STOP_WORDS",
    "BigramChain",
    "CooccurrenceCounts",
    "Verse",
    "association_scores",
    "bible_verses",
    "context_matrix",
    "cooccurrence_counts",
    "fit_bigram_chain",
    "nearest_words",
    "pair_arrays",
    "pair_table_mi",
    "ppmi",
    "shuffle_tokens",
    "svd_word_vectors",
    "tokenize",
    "top_pairs",
    "verse_tokens",
    "word_label_mi",
    "word_presence",
]

#: Association measures of :func:`association_scores`.
MEASURES = ("pmi", "npmi", "llr", "t_score")

_WORD = re.compile(r"[a-z]+")

#: A short English stop-word list: articles, pronouns, auxiliaries, prepositions,
#: conjunctions and the stems that :func:`tokenize` leaves of contractions
#: ("don't" gives "don" and "t"). Written for this course; no data download.
STOP_WORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did didn do does doesn don down during each either even every few for from
    further had hadn has hasn have haven having he her here hers herself him himself his how i if in into is
    isn it its itself just let ll me might more most must my myself neither no nor not now o of off on once
    only or other our ours ourselves out over own re s same shall she should shouldn so some such t than that
    the their theirs them themselves then there these they this those through to too under until up upon us
    ve very was wasn we were weren what when where which while who whom whose why will with won would
    wouldn you your yours yourself yourselves
    """.split()
)


# --------------------------------------------------------------------------
# Corpus and tokens
# --------------------------------------------------------------------------

#: The books in the bundled snapshot of the World English Bible, in canonical order.
CORPUS_BOOKS = (
    "Genesis", "Exodus", "Leviticus", "Numbers", "Deuteronomy", "Psalms", "Proverbs",
    "Matthew", "Mark", "Luke", "John", "Acts",
)  # fmt: skip


class Verse(NamedTuple):
    """One verse of the corpus: its book, chapter and verse number, and its text."""

    book: str
    chapter: int
    verse: int
    text: str


@lru_cache(maxsize=1)
def _all_verses() -> tuple:
    raw = resources.files("mi_helpers.data").joinpath("world_english_bible.json.gz").read_bytes()
    payload = json.loads(gzip.decompress(raw))
    return tuple(Verse(b["name"], c, v, t) for b in payload["books"] for c, v, t in b["verses"])


def _check_books(books) -> tuple:
    if books is None:
        return CORPUS_BOOKS
    if isinstance(books, str):
        books = (books,)
    books = tuple(books)
    unknown = [b for b in books if b not in CORPUS_BOOKS]
    if unknown or not books:
        raise ValueError(f"books must be names from CORPUS_BOOKS {CORPUS_BOOKS}, got {books!r}")
    return books


def bible_verses(books=None) -> list[Verse]:
    """Verses of the bundled World English Bible snapshot.

    Parameters
    ----------
    books : str or sequence of str, optional
        Book names from :data:`CORPUS_BOOKS`; all twelve by default.

    Returns
    -------
    list of Verse
        In canonical order (book, chapter, verse), whatever order ``books``
        is given in. The same on every machine: a fixed copy, no download.

    Raises
    ------
    ValueError
        If ``books`` is empty or names a book that is not in
        :data:`CORPUS_BOOKS`.

    Examples
    --------
    >>> import mi_helpers as mh
    >>> verses = mh.bible_verses("John")
    >>> len(verses), verses[0].chapter, verses[0].verse
    (879, 1, 1)
    >>> verses[0].text
    'In the beginning was the Word, and the Word was with God, and the Word was God.'
    """
    keep = set(_check_books(books))
    return [v for v in _all_verses() if v.book in keep]


@lru_cache(maxsize=16)
def _verse_tokens(books: tuple) -> tuple:
    return tuple(tuple(tokenize(v.text)) for v in bible_verses(books))


def verse_tokens(books=None) -> list[list[str]]:
    """The tokens of every verse (see :func:`tokenize`): one document per verse.

    Parameters
    ----------
    books : str or sequence of str, optional
        As for :func:`bible_verses`.

    Returns
    -------
    list of list of str
        Aligned with ``bible_verses(books)``. Cached: repeated calls are cheap.

    Raises
    ------
    ValueError
        If ``books`` is empty or names a book that is not in
        :data:`CORPUS_BOOKS`.

    Examples
    --------
    >>> import mi_helpers as mh
    >>> docs = mh.verse_tokens("John")
    >>> len(docs), docs[0][:6]
    (879, ['in', 'the', 'beginning', 'was', 'the', 'word'])
    """
    return [list(d) for d in _verse_tokens(_check_books(books) if books is not None else CORPUS_BOOKS)]


def tokenize(text) -> list[str]:
    """Lower-case the text and return its runs of letters a-z.

    Digits, punctuation, hyphens and apostrophes (the WEB writes them as a
    backtick) separate words, so ``"God`s"`` gives ``["god", "s"]`` and
    ``"ill-favored"`` gives ``["ill", "favored"]``. Simple and transparent;
    enough for collocations.

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    list of str
        The words, lower case, in order. O(len(text)).

    Raises
    ------
    TypeError
        If ``text`` is not a str.

    Examples
    --------
    >>> import mi_helpers as mh
    >>> mh.tokenize("In the beginning was the Word; God`s ill-favored cows, 3 of them.")
    ['in', 'the', 'beginning', 'was', 'the', 'word', 'god', 's', 'ill', 'favored', 'cows', 'of', 'them']
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    return _WORD.findall(text.lower())


def shuffle_tokens(documents, *, seed) -> list[list[str]]:
    """Permute all tokens across the corpus, keeping every document's length.

    Word frequencies and document lengths stay; all word order goes, so any
    association measured on the result is chance.

    Parameters
    ----------
    documents : sequence of sequences of str
        Tokenised documents (or one token sequence).
    seed : int or numpy.random.Generator
        Required: the permutation is random.

    Returns
    -------
    list of list of str
        The shuffled documents, with the lengths of ``documents``. O(N) for
        N tokens.

    Raises
    ------
    ValueError
        If ``seed`` is None or negative.
    TypeError
        If ``documents`` is one string, or a document is not a sequence of
        strings.

    Examples
    --------
    >>> import mi_helpers as mh
    >>> docs = [["in", "the", "beginning"], ["was", "the", "word"]]
    >>> shuffled = mh.shuffle_tokens(docs, seed=0)
    >>> [len(d) for d in shuffled], sorted(sum(shuffled, [])) == sorted(sum(docs, []))
    ([3, 3], True)
    """
    docs, _ = _as_documents(documents)
    vocab, codes, _ = _encode(docs)
    return _split(vocab, codes[make_rng(seed).permutation(len(codes))], [len(d) for d in docs])


def _split(vocab, codes, lengths) -> list[list[str]]:
    """Documents of words from integer codes laid end to end and the documents' lengths."""
    words = vocab[codes].tolist()
    ends = np.cumsum(lengths).tolist()
    return [words[a:b] for a, b in zip([0] + ends[:-1], ends)]


# --------------------------------------------------------------------------
# Counting
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class CooccurrenceCounts:
    """Word and word-pair counts of a corpus (see the module docstring).

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
        c(x, y): raw number of times y follows x within the window, inside
        one document.
    n_tokens : int
        N.
    window : int
        w >= 2.
    n_documents : int
        Number of documents the tokens came in.
    """

    vocab: np.ndarray
    word_counts: np.ndarray
    first: np.ndarray
    second: np.ndarray
    pair_counts: np.ndarray
    n_tokens: int
    window: int
    n_documents: int = 1

    def pair_words(self, idx) -> list[tuple[str, str]]:
        """The (first, second) words of pair indices ``idx``."""
        idx = np.atleast_1d(idx)
        return list(zip(self.vocab[self.first[idx]].tolist(), self.vocab[self.second[idx]].tolist()))

    def word_index(self, word: str) -> int:
        """Vocabulary index of ``word``, or -1 if it never occurs."""
        i = int(np.searchsorted(self.vocab, word))
        return i if i < len(self.vocab) and self.vocab[i] == word else -1

    def word_count(self, word: str) -> int:
        """c(word), 0 if it never occurs."""
        i = self.word_index(word)
        return int(self.word_counts[i]) if i >= 0 else 0

    def lookup(self, w1: str, w2: str) -> int:
        """Index of the pair (w1, w2), or -1 if it never occurs."""
        i, j = self.word_index(w1), self.word_index(w2)
        if i < 0 or j < 0:
            return -1
        key = i * len(self.vocab) + j
        keys = self.first.astype(np.int64) * len(self.vocab) + self.second
        k = int(np.searchsorted(keys, key))
        return k if k < len(keys) and keys[k] == key else -1


_TOKENS_TYPE_ERROR = "tokens must all be strings, or every item must be a document (a sequence of strings)"


def _as_documents(tokens) -> tuple[list, bool]:
    """A list of documents (lists of str) from one token sequence or many; and whether it was many.

    Token types are checked once per distinct token, in :func:`_encode`.
    """
    if isinstance(tokens, str):
        raise TypeError("tokens must be a sequence of words, not one string; call tokenize(text) first")
    items = list(tokens)
    if not items or isinstance(items[0], str):
        return [items], False
    docs = []
    for d in items:
        if isinstance(d, str) or not hasattr(d, "__iter__"):
            raise TypeError(_TOKENS_TYPE_ERROR)
        docs.append(d if isinstance(d, list) else list(d))
    return docs, True


def _vocabulary(docs) -> list:
    """Sorted distinct tokens, after checking that every one is a str."""
    try:
        distinct = set().union(*docs)
    except TypeError:  # an unhashable item, such as a list inside a flat token sequence
        raise TypeError(_TOKENS_TYPE_ERROR) from None
    if not all(isinstance(t, str) for t in distinct):
        raise TypeError(_TOKENS_TYPE_ERROR)
    return sorted(distinct)


def _encode(docs) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sorted vocabulary, integer code of every token, and the document of every token."""
    vocab = _vocabulary(docs)
    index = {w: i for i, w in enumerate(vocab)}
    n = sum(len(d) for d in docs)
    codes = np.fromiter((index[t] for d in docs for t in d), dtype=np.int64, count=n)
    doc_of = np.repeat(np.arange(len(docs)), [len(d) for d in docs])
    return np.array(vocab, dtype=str), codes, doc_of


def _pairs(codes, doc_of, window):
    """(first, second) codes of every pair within ``window`` inside one document."""
    firsts, seconds = [], []
    for d in range(1, window):
        same = doc_of[:-d] == doc_of[d:]
        firsts.append(codes[:-d][same])
        seconds.append(codes[d:][same])
    return np.concatenate(firsts), np.concatenate(seconds)


def _check_tokens(tokens, window):
    window = check_int(window, "window", minimum=2)
    docs, _ = _as_documents(tokens)
    n = sum(len(d) for d in docs)
    if n < 2:
        raise ValueError(f"tokens needs at least 2 words, got {n}")
    if max(len(d) for d in docs) < 2:
        raise ValueError("tokens give no pairs: every document has fewer than 2 words")
    return docs, window


def cooccurrence_counts(tokens, window=2) -> CooccurrenceCounts:
    """Count words and ordered word pairs within a sliding window.

    Parameters
    ----------
    tokens : sequence of str, or sequence of documents (sequences of str)
        One token sequence, or several documents (verses, paragraphs):
        pairs are counted inside each document, never across two.
    window : int, default 2
        2 counts adjacent pairs (bigrams); w > 2 also counts pairs up to
        w - 1 tokens apart, exactly as NLTK's ``BigramCollocationFinder``
        (``from_documents`` for w = 2; ``from_words`` with ``window_size=w``
        on documents separated by w - 1 ``None`` tokens).

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
    Vectorised: words are integer-coded once (a dict, much faster than
    sorting strings), each distance d adds the pairs (t_i, t_{i+d}) that lie
    in one document, and distinct pairs come from one ``np.unique`` on
    integer keys. Cost O(w N log N).

    Examples
    --------
    Pairs never cross a document boundary: ("sat", "the") is not counted.

    >>> import mi_helpers as mh
    >>> c = mh.cooccurrence_counts([["the", "cat", "sat"], ["the", "cat"]])
    >>> c.pair_words(range(len(c.pair_counts))), c.pair_counts.tolist(), c.n_tokens
    ([('cat', 'sat'), ('the', 'cat')], [1, 2], 5)
    >>> c.word_count("cat"), c.lookup("sat", "the")
    (2, -1)
    """
    docs, window = _check_tokens(tokens, window)
    return _counts_from_codes(*_encode(docs), window, len(docs))


def _counts_from_codes(vocab, codes, doc_of, window, n_documents) -> CooccurrenceCounts:
    """:func:`cooccurrence_counts` of an encoded corpus (encode once, count several windows)."""
    v = len(vocab)
    first, second = _pairs(codes, doc_of, window)
    uniq, counts = np.unique(first * v + second, return_counts=True)
    return CooccurrenceCounts(
        vocab=vocab,
        word_counts=np.bincount(codes, minlength=v),
        first=(uniq // v).astype(np.intp),
        second=(uniq % v).astype(np.intp),
        pair_counts=counts,
        n_tokens=len(codes),
        window=window,
        n_documents=n_documents,
    )


def pair_arrays(tokens, window=2) -> tuple[np.ndarray, np.ndarray]:
    """The (first word, second word) of every counted pair, as two arrays.

    One row per pair occurrence inside a document (N - 1 rows for one
    document and window 2), in the order distance 1, then distance 2, ...
    Feeding them to :func:`mi_helpers.mi_discrete` gives the MI of the pair
    table.

    Parameters
    ----------
    tokens : sequence of str, or sequence of documents (sequences of str)
        As for :func:`cooccurrence_counts`.
    window : int, default 2
        As for :func:`cooccurrence_counts`.

    Returns
    -------
    first, second : ndarray of str, shape (P,)
        The words of each pair occurrence. O(w N).

    Raises
    ------
    ValueError
        If ``tokens`` has fewer than 2 words, no document has 2 words, or
        ``window`` is below 2.
    TypeError
        If ``tokens`` is one string instead of a sequence of words, holds
        non-strings, or ``window`` is not an integer.

    Examples
    --------
    >>> import mi_helpers as mh
    >>> docs = [["the", "cat", "sat"], ["the", "cat"]]
    >>> first, second = mh.pair_arrays(docs)
    >>> list(zip(first.tolist(), second.tolist()))
    [('the', 'cat'), ('cat', 'sat'), ('the', 'cat')]
    >>> bool(abs(mh.mi_discrete(first, second) - mh.pair_table_mi(mh.cooccurrence_counts(docs))) < 1e-12)
    True
    """
    docs, window = _check_tokens(tokens, window)
    vocab, codes, doc_of = _encode(docs)
    first, second = _pairs(codes, doc_of, window)
    return vocab[first], vocab[second]


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
      NLTK's ``likelihood_ratio``. Unitless (a chi-squared statistic with
      one degree of freedom). Two-sided: it is large when the pair is much
      *rarer* than independence predicts, as well as much more frequent;
      the sign of the PMI tells the two apart.
    * ``"t_score"``: (n_ii - n_ix n_xi / N) / sqrt(n_ii), NLTK's
      ``student_t`` [MS]_. Negative for pairs rarer than independence.

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


def _keep_mask(counts, min_freq, stop_words, positive_only) -> np.ndarray:
    keep = counts.pair_counts >= min_freq
    if stop_words is not None:
        if isinstance(stop_words, str):
            raise TypeError("stop_words must be a collection of words, not one string")
        stop = np.isin(counts.vocab, list(stop_words))
        keep &= ~stop[counts.first] & ~stop[counts.second]
    if positive_only:
        keep &= association_scores(counts, "pmi") > 0
    return keep


def top_pairs(
    counts, measure="pmi", *, min_freq=1, n=10, base=math.e, stop_words=None, positive_only=False
) -> list[tuple[str, str, int, float]]:
    """The ``n`` highest-scoring pairs that pass the filters.

    Ties are broken by the words (alphabetically), as NLTK's
    ``score_ngrams`` does.

    Parameters
    ----------
    counts : CooccurrenceCounts
        From :func:`cooccurrence_counts`.
    measure : {"pmi", "npmi", "llr", "t_score"}, default "pmi"
        See :func:`association_scores`.
    min_freq : int, default 1
        Keep pairs seen at least this many times (raw count), as NLTK's
        ``apply_freq_filter``.
    n : int, default 10
        How many pairs to return.
    base : float, default e
        Log base of "pmi".
    stop_words : collection of str, optional
        Drop pairs with a word in it, as NLTK's ``apply_word_filter``
        (e.g. :data:`STOP_WORDS`).
    positive_only : bool, default False
        Keep only pairs seen more often than independence predicts
        (PMI > 0). Needed for the two-sided G^2.

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
    keep = np.flatnonzero(_keep_mask(counts, min_freq, stop_words, positive_only))
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
    from the unigram frequencies used by :func:`association_scores` at the
    edges of each document (its last w - 1 tokens start no full set of
    pairs, its first w - 1 end none).

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
    return _table_mi(counts.first, counts.second, counts.pair_counts.astype(np.float64), len(counts.vocab)) / lb


def _table_mi(rows_idx, cols_idx, weights, v) -> float:
    """MI in nats of a sparse table given as (row, column, weight) triples."""
    total = weights.sum()
    rows = np.bincount(rows_idx, weights=weights, minlength=v)
    cols = np.bincount(cols_idx, weights=weights, minlength=v)
    pmi = np.log(weights * total) - np.log(rows[rows_idx] * cols[cols_idx])
    return max(float(np.dot(weights / total, pmi)), 0.0)


# --------------------------------------------------------------------------
# A first-order Markov model of a corpus: text with a known MI
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class BigramChain:
    """First-order Markov chain over words with an end-of-document state.

    A document starts with word x with probability ``start[x]``; after x
    it ends with probability ``end[x]``, or continues with y with
    probability ``next_prob[k]`` for the k of row x (CSR: ``indptr``,
    ``next_word``). Fitted by :func:`fit_bigram_chain`.
    """

    vocab: np.ndarray
    start: np.ndarray
    end: np.ndarray
    indptr: np.ndarray
    next_word: np.ndarray
    next_prob: np.ndarray

    def _rows(self) -> np.ndarray:
        return np.repeat(np.arange(len(self.vocab)), np.diff(self.indptr))

    def expected_visits(self, *, tol=1e-13) -> np.ndarray:
        """Expected number of tokens of each word per document: start (I - Q)^-1.

        Summed as start + start Q + start Q^2 + ... until the mass still in
        play falls below ``tol`` (Q is the word-to-word part of the chain).
        """
        import scipy.sparse as sp

        v = len(self.vocab)
        q_t = sp.csr_matrix((self.next_prob, (self.next_word, self._rows())), shape=(v, v))  # Q transposed
        term = self.start.astype(np.float64)
        visits = term.copy()
        for _ in range(100_000):
            term = q_t @ term
            visits += term
            if term.sum() < tol:
                return visits
        raise RuntimeError("the chain does not end: some words can never reach the end of a document")

    def pair_mi(self, *, base=math.e) -> float:
        """Exact MI of (word, next word) over adjacent pairs inside a document.

        The limit of :func:`pair_table_mi` on ever more sampled documents:
        the MI of the table E[c(x, y)] = visits(x) Q(x, y), normalised.
        Nats, or ``base`` units.
        """
        lb = log_base(base)
        weights = self.expected_visits()[self._rows()] * self.next_prob
        keep = weights > 0
        return _table_mi(self._rows()[keep], self.next_word[keep], weights[keep], len(self.vocab)) / lb

    def _sample_codes(self, n_documents, rng):
        """Word codes of ``n_documents`` sampled documents laid end to end, and their lengths."""
        v = len(self.vocab)
        # Outcomes of row x: "end" (coded -1) first, then its successors. Their
        # cumulative probabilities, offset by x, form one sorted array for all
        # rows, so one searchsorted draws the next word of every document.
        per_row = np.diff(self.indptr) + 1
        row_start = np.concatenate([[0], np.cumsum(per_row)[:-1]])
        is_end = np.zeros(per_row.sum(), dtype=bool)
        is_end[row_start] = True
        outcome = np.full(per_row.sum(), -1, dtype=np.int64)
        outcome[~is_end] = self.next_word
        probs = np.empty(per_row.sum())
        probs[is_end] = self.end
        probs[~is_end] = self.next_prob
        running = np.cumsum(probs)
        within = running - np.repeat(running[row_start] - probs[row_start], per_row)
        within[np.concatenate([row_start[1:] - 1, [len(within) - 1]])] = 1.0  # each row ends exactly at 1
        cumulative = np.repeat(np.arange(v), per_row) + within
        start_cdf = np.cumsum(self.start)
        start_cdf[-1] = 1.0
        state = np.minimum(np.searchsorted(start_cdf, rng.random(n_documents), side="right"), v - 1)
        doc_ids, words = [np.arange(n_documents)], [state]
        alive = np.arange(n_documents)
        while alive.size:
            nxt = outcome[np.searchsorted(cumulative, state + rng.random(alive.size), side="right")]
            cont = nxt >= 0
            alive, state = alive[cont], nxt[cont]
            doc_ids.append(alive)
            words.append(state)
        doc_ids = np.concatenate(doc_ids)
        order = np.argsort(doc_ids, kind="stable")  # steps were appended in order, so each document stays in order
        return np.concatenate(words)[order], np.bincount(doc_ids, minlength=n_documents)

    def sample(self, n_documents, *, seed) -> list[list[str]]:
        """Draw ``n_documents`` documents from the chain (vectorised across documents)."""
        n_documents = check_int(n_documents, "n_documents", minimum=1)
        codes, lengths = self._sample_codes(n_documents, make_rng(seed))
        return _split(self.vocab, codes, lengths)

    def sampled_pair_mi(self, n_documents, *, seed, base=math.e) -> tuple[float, float, int]:
        """Plug-in MI of one sampled text, before and after shuffling its words.

        The same numbers as ``pair_table_mi(cooccurrence_counts(docs))`` and
        ``pair_table_mi(cooccurrence_counts(shuffle_tokens(docs, ...)))`` for
        ``docs = self.sample(n_documents, ...)`` (the shuffle uses its own
        draws), computed on integer codes, several times faster.

        Returns
        -------
        (plug-in MI, MI after shuffling the words across documents, number of tokens)
            MI in nats (or ``base`` units), window 2.
        """
        lb = log_base(base)
        n_documents = check_int(n_documents, "n_documents", minimum=1)
        rng = make_rng(seed)
        codes, lengths = self._sample_codes(n_documents, rng)
        doc_of = np.repeat(np.arange(n_documents), lengths)
        values = []
        for c in (codes, codes[rng.permutation(len(codes))]):
            first, second = _pairs(c, doc_of, 2)
            uniq, pair_counts = np.unique(first * len(self.vocab) + second, return_counts=True)
            v = len(self.vocab)
            values.append(_table_mi(uniq // v, uniq % v, pair_counts.astype(np.float64), v) / lb)
        return values[0], values[1], len(codes)


def fit_bigram_chain(documents) -> BigramChain:
    """Fit a first-order Markov chain with an end state to tokenised documents.

    start[x] = share of documents starting with x; from x, the chain moves
    to y with probability c(x, y) / c(x) (adjacent pairs inside a document)
    and ends with probability (documents ending with x) / c(x). Every row
    sums to 1. Its samples look like the corpus at the level of word pairs,
    and :meth:`BigramChain.pair_mi` gives their MI exactly: text with a
    known ground truth for testing MI estimators.

    Parameters
    ----------
    documents : sequence of sequences of str
        Empty documents are ignored.

    Returns
    -------
    BigramChain
        O(N log N) for N tokens.

    Raises
    ------
    ValueError
        If ``documents`` has no tokens.
    TypeError
        If ``documents`` is one string, or a document is not a sequence of
        strings.

    Examples
    --------
    Two documents, "a b" and "b a": after a word comes the other one or the
    end, so a (word, next word) pair is fixed by its first word, and the
    pair MI is the entropy of that word, ln 2.

    >>> import math
    >>> import mi_helpers as mh
    >>> chain = mh.fit_bigram_chain([["a", "b"], ["b", "a"]])
    >>> chain.start.tolist(), chain.end.tolist()
    ([0.5, 0.5], [0.5, 0.5])
    >>> round(chain.pair_mi(), 12) == round(math.log(2), 12)
    True
    """
    docs, _ = _as_documents(documents)
    docs = [d for d in docs if d]
    if not docs:
        raise ValueError("documents has no tokens")
    vocab, codes, doc_of = _encode(docs)
    v = len(vocab)
    word_counts = np.bincount(codes, minlength=v).astype(np.float64)
    first, second = _pairs(codes, doc_of, 2) if len(codes) > 1 else (np.empty(0, int), np.empty(0, int))
    uniq, pair_counts = np.unique(first * v + second, return_counts=True)
    rows = uniq // v
    lengths = np.array([len(d) for d in docs])
    starts_at = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    start = np.bincount(codes[starts_at], minlength=v) / len(docs)
    end = np.bincount(codes[starts_at + lengths - 1], minlength=v) / word_counts
    return BigramChain(
        vocab=vocab,
        start=start,
        end=end,
        indptr=np.concatenate([[0], np.cumsum(np.bincount(rows, minlength=v))]),
        next_word=(uniq % v).astype(np.int64),
        next_prob=pair_counts / word_counts[rows],
    )


# --------------------------------------------------------------------------
# Positive PMI and word vectors
# --------------------------------------------------------------------------


def context_matrix(documents, *, max_distance=2, vocab_size=3000):
    """Symmetric word-context counts among the most frequent words.

    Parameters
    ----------
    documents : sequence of sequences of str
        Tokenised documents; contexts never cross a document boundary.
    max_distance : int, default 2
        Words up to this many positions apart, on either side, inside one
        document, are each other's context.
    vocab_size : int, default 3000
        Keep the most frequent words (ties alphabetical) as both rows and
        columns; pairs involving other words are dropped.

    Returns
    -------
    counts : scipy.sparse.csr_matrix, shape (V, V)
        counts[i, j] = times word j occurs within ``max_distance`` of word i.
        Symmetric.
    vocab : ndarray of str, shape (V,)
        The kept words, most frequent first. O(max_distance N) for N tokens.

    Raises
    ------
    ValueError
        If ``max_distance`` is below 1 or ``vocab_size`` below 2.
    TypeError
        If ``documents`` is one string, a document is not a sequence of
        strings, or ``max_distance`` or ``vocab_size`` is not an integer.

    Examples
    --------
    >>> import mi_helpers as mh
    >>> counts, vocab = mh.context_matrix([["a", "b", "a", "c"]], max_distance=1)
    >>> vocab.tolist()  # most frequent first
    ['a', 'b', 'c']
    >>> counts.toarray()  # a-b twice (b between the two a's), a-c once
    array([[0., 2., 1.],
           [2., 0., 0.],
           [1., 0., 0.]])
    """
    import scipy.sparse as sp

    max_distance = check_int(max_distance, "max_distance", minimum=1)
    vocab_size = check_int(vocab_size, "vocab_size", minimum=2)
    docs, _ = _as_documents(documents)
    all_words, codes, doc_of = _encode(docs)  # vocabulary sorted alphabetically
    freq = np.bincount(codes, minlength=len(all_words))
    kept = np.argsort(-freq, kind="stable")[:vocab_size]  # most frequent first, ties alphabetical
    vocab = all_words[kept]
    rank = np.full(len(all_words), -1, dtype=np.int64)
    rank[kept] = np.arange(len(kept))
    codes = rank[codes]
    first, second = _pairs(codes, doc_of, max_distance + 1) if len(codes) > 1 else (codes[:0], codes[:0])
    ok = (first >= 0) & (second >= 0)
    rows = np.concatenate([first[ok], second[ok]])
    cols = np.concatenate([second[ok], first[ok]])
    v = len(vocab)
    mat = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(v, v))
    mat.sum_duplicates()
    return mat, vocab


def ppmi(counts, *, alpha=1.0, shift=1.0):
    """Positive pointwise mutual information of a word-context count matrix.

    PPMI(w, c) = max(ln(p(w, c) / (p(w) p_alpha(c))) - ln(shift), 0) with
    p(w, c) = n(w, c) / n, p(w) the row share and p_alpha(c) proportional to
    (column count)^alpha. ``alpha = 0.75`` is the context-distribution
    smoothing of [LGD]_, ``shift = k`` the shifted PMI that skip-gram with k
    negative samples factorises implicitly [LG]_.

    Parameters
    ----------
    counts : scipy sparse matrix or array, shape (V, C)
        Non-negative co-occurrence counts.
    alpha : float in (0, 1], default 1
        Exponent of the context counts (0.75: smoothing).
    shift : float >= 1, default 1
        PMI is lowered by ln(shift) before clipping at 0.

    Returns
    -------
    scipy.sparse.csr_matrix, shape (V, C)
        PPMI in nats; zero where the pair never occurs or PMI <= ln(shift).
        O(non-zero counts).

    Raises
    ------
    ValueError
        If ``alpha`` is not in (0, 1], ``shift`` is below 1, or ``counts``
        is not a non-empty 2-D matrix of finite, non-negative counts.

    References
    ----------
    .. [LG] O. Levy, Y. Goldberg, "Neural word embedding as implicit matrix
       factorization", Advances in Neural Information Processing Systems 27
       (NIPS 2014).
    .. [LGD] O. Levy, Y. Goldberg, I. Dagan, "Improving distributional
       similarity with lessons learned from word embeddings", Transactions of
       the ACL 3, 211-225 (2015).

    Examples
    --------
    Each word occurs with one context only: p(w, c) = 1/2 = 2 p(w) p(c),
    so PMI = ln 2 on the diagonal, and nothing is left after a shift of 2.

    >>> import mi_helpers as mh
    >>> mh.ppmi([[10, 0], [0, 10]]).toarray().round(4)
    array([[0.6931, 0.    ],
           [0.    , 0.6931]])
    >>> mh.ppmi([[10, 0], [0, 10]], shift=2).nnz
    0
    """
    import scipy.sparse as sp

    if not (isinstance(alpha, (int, float)) and 0 < alpha <= 1):
        raise ValueError(f"alpha must lie in (0, 1], got {alpha!r}")
    if not (isinstance(shift, (int, float)) and shift >= 1):
        raise ValueError(f"shift must be a number >= 1, got {shift!r}")
    mat = sp.coo_matrix(counts, dtype=np.float64)
    if mat.ndim != 2 or mat.nnz == 0:
        raise ValueError(f"counts must be a non-empty 2-D count matrix, got shape {mat.shape} with {mat.nnz} non-zeros")
    mat.sum_duplicates()
    if np.any(mat.data < 0) or not np.all(np.isfinite(mat.data)):
        raise ValueError("counts must be finite and non-negative")
    total = mat.data.sum()
    row_p = np.asarray(mat.sum(axis=1)).ravel() / total
    col = np.asarray(mat.sum(axis=0)).ravel() ** alpha
    col_p = col / col.sum()
    keep = mat.data > 0
    r, c, d = mat.row[keep], mat.col[keep], mat.data[keep]
    values = np.log(d / total) - np.log(row_p[r] * col_p[c]) - math.log(shift)
    pos = values > 0
    return sp.csr_matrix((values[pos], (r[pos], c[pos])), shape=mat.shape)


def svd_word_vectors(matrix, dim=100, *, power=0.5, seed=0) -> np.ndarray:
    """Word vectors from a truncated SVD of a (PPMI) matrix.

    M ~ U_d S_d V_d^T with the ``dim`` largest singular values; the vectors
    are the rows of U_d S_d^power. ``power = 0.5`` spreads S evenly between
    words and contexts, which [LGD]_ found works better than 1 for word
    similarity.

    Parameters
    ----------
    matrix : scipy sparse matrix or array, shape (V, C)
        Word-context matrix, e.g. from :func:`ppmi`.
    dim : int, default 100
        Number of dimensions, less than min(V, C).
    power : float, default 0.5
        Exponent of the singular values in the vectors.
    seed : int, default 0
        Seeds ARPACK's start vector, so the result is reproducible.

    Returns
    -------
    ndarray, shape (V, dim)
        Ordered by decreasing singular value. The sign of each column is
        arbitrary (cosine similarities do not depend on it).

    Notes
    -----
    Cost: a few sparse matrix-vector products per dimension (ARPACK). While
    it runs, the call limits BLAS to one thread (threadpoolctl): on a few
    thousand rows, BLAS threads spinning on a busy second core cost several
    times more than they save. The limit is process-wide, as BLAS thread
    settings are: BLAS work started by other threads during the call also
    runs on one thread; the previous setting is restored when the call
    returns.

    Raises
    ------
    ValueError
        If ``dim`` is below 1 or not below min(V, C), or ``seed`` is
        negative.
    TypeError
        If ``dim`` or ``seed`` is not an integer.

    References
    ----------
    .. [LGD] O. Levy, Y. Goldberg, I. Dagan, "Improving distributional
       similarity with lessons learned from word embeddings", Transactions of
       the ACL 3, 211-225 (2015).

    Examples
    --------
    A diagonal matrix is its own SVD: the vectors are the unit vectors
    times the square roots of the two largest values.

    >>> import numpy as np
    >>> import mi_helpers as mh
    >>> np.abs(mh.svd_word_vectors(np.diag([3.0, 2.0, 1.0]), dim=2)).round(4)
    array([[1.7321, 0.    ],
           [0.    , 1.4142],
           [0.    , 0.    ]])
    """
    import scipy.sparse as sp
    from scipy.sparse.linalg import svds
    from threadpoolctl import threadpool_limits

    mat = sp.csr_matrix(matrix, dtype=np.float64)
    dim = check_int(dim, "dim", minimum=1)
    if dim >= min(mat.shape):
        raise ValueError(f"dim must be less than min(matrix.shape) = {min(mat.shape)}, got {dim}")
    seed = check_int(seed, "seed", minimum=0)
    # One BLAS thread: on a few thousand rows, threads that spin on a busy second core cost
    # several times more than they save (measured: about 10x on a loaded 2-core machine).
    with threadpool_limits(limits=1):
        u, s, _ = svds(mat, k=dim, random_state=seed)
    order = np.argsort(-s)
    return u[:, order] * s[order] ** float(power)


def nearest_words(vectors, vocab, word, *, n=5) -> list[tuple[str, float]]:
    """The ``n`` words whose vectors have the largest cosine similarity to ``word``'s.

    Parameters
    ----------
    vectors : ndarray, shape (V, d)
        One vector per word, e.g. from :func:`svd_word_vectors`.
    vocab : sequence of str, length V
        The word of each row.
    word : str
        The word to find neighbours of.
    n : int, default 5
        Number of neighbours.

    Returns
    -------
    list of (word, cosine similarity)
        Best first, ``word`` itself excluded; ties alphabetical. O(V d).

    Raises
    ------
    ValueError
        If ``vectors`` does not have one row per word of ``vocab``, ``word``
        is not in ``vocab``, or ``n`` is below 1.
    TypeError
        If ``n`` is not an integer.

    Examples
    --------
    >>> import mi_helpers as mh
    >>> vectors = [[1.0, 0.0], [0.8, 0.6], [0.0, 1.0]]
    >>> mh.nearest_words(vectors, ["cat", "dog", "car"], "cat", n=2)
    [('dog', 0.8), ('car', 0.0)]
    """
    vectors = np.asarray(vectors, dtype=np.float64)
    vocab = np.asarray(vocab, dtype=str)
    if vectors.ndim != 2 or vectors.shape[0] != len(vocab):
        raise ValueError(f"vectors must have one row per vocab word: shape {vectors.shape}, {len(vocab)} words")
    n = check_int(n, "n", minimum=1)
    hits = np.flatnonzero(vocab == word)
    if hits.size == 0:
        raise ValueError(f"word {word!r} is not in the vocabulary")
    norms = np.linalg.norm(vectors, axis=1)
    norms[norms == 0] = 1.0
    sims = vectors @ vectors[hits[0]] / (norms * norms[hits[0]])
    sims[hits[0]] = -np.inf
    order = np.lexsort((vocab, -np.round(sims, 12)))[:n]
    return [(str(vocab[i]), float(sims[i])) for i in order]


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
    doc_freq = Counter(t for d in docs for t in d)
    vocab = sorted(w for w, f in doc_freq.items() if f >= min_docs)
    index = {w: j for j, w in enumerate(vocab)}
    x = np.zeros((len(docs), len(vocab)), dtype=np.uint8)
    for i, d in enumerate(docs):
        cols = [index[t] for t in d if t in index]
        x[i, cols] = 1
    return x, np.array(vocab, dtype=str)


def word_label_mi(presence, labels, *, base=math.e) -> np.ndarray:
    """I(word present; label) for every column of a presence matrix.

    Parameters
    ----------
    presence : array-like, shape (n_docs, n_words)
        0/1 (or any discrete) features, e.g. from :func:`word_presence`.
    labels : array-like, shape (n_docs,)
        One label per document (a book, a class).
    base : float, default e
        Logarithm base: e gives nats, 2 gives bits.

    Returns
    -------
    ndarray, shape (n_words,)
        Plug-in MI of each column with the labels (nats, or ``base``
        units), equal to :func:`mi_helpers.mi_discrete` per column and to
        scikit-learn's ``mutual_info_classif(..., discrete_features=True)``.
        For a 0/1 matrix all columns are done at once from per-label column
        sums, O(n_docs n_words); otherwise column by column.

    Raises
    ------
    ValueError
        If ``presence`` is not 2-D, its rows and ``labels`` differ in
        number, ``labels`` has missing values, or ``base`` is not a valid
        base.
    TypeError
        If ``labels`` mixes label types, or ``base`` is not a number.

    Examples
    --------
    Word 0 occurs exactly in the documents labelled "b" (MI = H(label) =
    ln 2); word 1 occurs in half of each label (MI 0).

    >>> import numpy as np
    >>> import mi_helpers as mh
    >>> presence = np.array([[0, 1], [0, 0], [1, 1], [1, 0]], dtype=np.uint8)
    >>> mh.word_label_mi(presence, ["a", "a", "b", "b"]).round(4)
    array([0.6931, 0.    ])
    """
    x = np.asarray(presence)
    if x.ndim != 2:
        raise ValueError(f"presence must be 2-D (n_docs, n_words), got shape {x.shape}")
    codes, m = as_labels(labels, "labels")
    if x.shape[0] != len(codes):
        raise ValueError(f"presence has {x.shape[0]} rows but labels has {len(codes)} entries")
    lb = log_base(base)
    if x.dtype.kind not in "biu" or x.size == 0 or x.min() < 0 or x.max() > 1:
        return np.array([mi_discrete(x[:, j], codes, base=base) for j in range(x.shape[1])])
    n = len(codes)
    label_counts = np.bincount(codes, minlength=m).astype(np.float64)
    # (words, labels): documents that contain the word, per label; integer sums, no float copy of x.
    n1 = np.column_stack([x[codes == k].sum(axis=0, dtype=np.int64) for k in range(m)]).astype(np.float64)
    n0 = label_counts - n1
    label_p = label_counts / n
    out = np.zeros(x.shape[1])
    for table in (n0, n1):
        row = table.sum(axis=1, keepdims=True)
        with np.errstate(divide="ignore", invalid="ignore"):
            terms = np.where(table > 0, table / n * np.log(table * n / (row * label_p * n)), 0.0)
        out += terms.sum(axis=1)
    return np.maximum(out, 0.0) / lb
