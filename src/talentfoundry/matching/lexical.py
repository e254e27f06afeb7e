"""Lexical representations: tokens, a sublinear TF-IDF space, and bm25s retrieval.

Two lexical views are kept because they serve different jobs:

- :class:`TfidfSpace` gives every document a sparse, L2-normalised vector, so that the hybrid scorer
  can compare *all* query-document pairs with one sparse matrix product and can expand a short text
  (a one-line role title) with the centroid of its nearest long texts (pseudo-relevance feedback,
  see :mod:`talentfoundry.matching.scoring`). Vectors are comparable in both directions (CV to role
  and role to CV), which BM25's asymmetric document-length normalisation is not.
- :class:`BM25Retriever` wraps the ``bm25s`` library for first-stage retrieval at scale (the
  100k x 10k plan) and for the BM25 baseline in the benchmark.

Tokens are lower-cased words that keep the characters skill names need ("c++", "c#", "asp.net",
"node.js"); single letters are kept because "C" and "R" are languages.

>>> tokenize("Skills: C++, C#, ASP.NET and R; the best of Python.")
['skills', 'c++', 'c#', 'asp.net', 'r', 'best', 'python']
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

__all__ = [
    "STOP_WORDS",
    "BM25Retriever",
    "TfidfSpace",
    "has_terms",
    "term_counts",
    "tokenize",
]

# A compact English stop-word list (function words only: no domain word such as "system" or "work"
# is dropped, since those carry meaning in job texts).
_STOP_TEXT = """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each either etc few
    for from further had has have having he her here hers herself him himself his how i if in into
    is it its itself just me more most my myself no nor not of off on once only or other our ours
    ourselves out over own per same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up upon us very via was
    we were what when where which while who whom why will with within without would you your
    yours yourself yourselves
"""
STOP_WORDS: frozenset[str] = frozenset(_STOP_TEXT.split())

_TOKEN = re.compile(r"[^\W_][\w+#]*(?:\.[^\W_][\w+#]*)*")


def _normalise(text: str) -> str:
    try:
        from talentfoundry.matching.normalize import normalize_text
    except ImportError:  # pragma: no cover - the extraction half of the engine is optional here
        return text
    return normalize_text(text)


def tokenize(text: str, *, normalise: bool = True) -> list[str]:
    """Split ``text`` into lower-case tokens without stop words (mojibake repaired first)."""
    if normalise:
        text = _normalise(text)
    return [tok for tok in _TOKEN.findall(text.lower()) if tok not in STOP_WORDS]


def has_terms(text: str) -> bool:
    """Whether ``text`` has a word to match on (not only stop words and punctuation): a profile
    without one has no evidence to score, so it gets a message instead of a percentage.

    >>> has_terms("the and of ..."), has_terms("Python")
    (False, True)
    """
    return any(m.group().lower() not in STOP_WORDS for m in _TOKEN.finditer(text))


def term_counts(text: str) -> Counter[str]:
    """Token counts of ``text``: what the index stores per document (cheap to persist as JSON)."""
    return Counter(tokenize(text))


@dataclass
class TfidfSpace:
    """A growing vocabulary with document frequencies; turns term counts into TF-IDF vectors.

    Weights are sublinear (``1 + log tf``) times smoothed IDF (``log((1 + N) / (1 + df)) + 1``),
    rows L2-normalised, so a dot product is a cosine. IDF is taken over every document the space
    has seen, on both sides of the match, so a word common among CVs does not dominate a role.
    """

    vocabulary: dict[str, int] = field(default_factory=dict)
    doc_freq: list[int] = field(default_factory=list)
    n_docs: int = 0

    @classmethod
    def fit(cls, documents: Iterable[Mapping[str, int]]) -> TfidfSpace:
        space = cls()
        for counts in documents:
            space.add(counts)
        return space

    def add(self, counts: Mapping[str, int]) -> None:
        """Count one more document (its terms enter the vocabulary)."""
        self.n_docs += 1
        for term in counts:
            index = self.vocabulary.get(term)
            if index is None:
                self.vocabulary[term] = len(self.doc_freq)
                self.doc_freq.append(1)
            else:
                self.doc_freq[index] += 1

    def remove(self, counts: Mapping[str, int]) -> None:
        """Forget one document previously added (vocabulary slots are kept, with df 0)."""
        self.n_docs = max(0, self.n_docs - 1)
        for term in counts:
            index = self.vocabulary.get(term)
            if index is not None and self.doc_freq[index] > 0:
                self.doc_freq[index] -= 1

    def idf(self) -> np.ndarray:
        df = np.asarray(self.doc_freq, dtype=np.float64)
        return np.log((1.0 + self.n_docs) / (1.0 + df)) + 1.0

    def transform(self, documents: Sequence[Mapping[str, int]]) -> sp.csr_matrix:
        """TF-IDF rows for ``documents``; terms the space has never seen are ignored."""
        idf = self.idf()
        rows: list[int] = []
        cols: list[int] = []
        vals: list[float] = []
        for row, counts in enumerate(documents):
            for term, count in counts.items():
                index = self.vocabulary.get(term)
                if index is None or count <= 0:
                    continue
                rows.append(row)
                cols.append(index)
                vals.append((1.0 + math.log(count)) * idf[index])
        matrix = sp.csr_matrix(
            (np.asarray(vals, dtype=np.float32), (rows, cols)),
            shape=(len(documents), len(self.doc_freq)),
        )
        norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        return sp.csr_matrix(sp.diags(1.0 / norms) @ matrix, dtype=np.float32)


class BM25Retriever:
    """First-stage lexical retrieval with ``bm25s`` (Okapi BM25, English stop words).

    >>> r = BM25Retriever(["a", "b"], ["python developer", "civil engineer"])
    >>> [doc_id for doc_id, _ in r.search("python developer, junior", k=1)]
    ['a']
    """

    def __init__(self, ids: Sequence[str], texts: Sequence[str]) -> None:
        import bm25s

        if len(ids) != len(texts):
            raise ValueError("ids and texts differ in length")
        self.ids = list(ids)
        self._bm25 = bm25s.BM25()
        corpus = [tokenize(text) or ["\x00empty"] for text in texts]
        self._bm25.index(corpus, show_progress=False)

    def scores(self, text: str) -> np.ndarray:
        """BM25 score of ``text`` against every document, in index order."""
        query = [tok for tok in tokenize(text) if tok in self._bm25.vocab_dict]
        if not query:
            return np.zeros(len(self.ids), dtype=np.float32)
        return np.asarray(self._bm25.get_scores(query), dtype=np.float32)

    def search(self, text: str, k: int = 10) -> list[tuple[str, float]]:
        """The ``k`` best documents for ``text`` as ``(id, score)``, best first."""
        scores = self.scores(text)
        k = min(k, len(self.ids))
        top = np.argpartition(-scores, k - 1)[:k] if k < len(scores) else np.arange(len(scores))
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(self.ids[i], float(scores[i])) for i in top]
