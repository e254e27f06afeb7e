"""Lexical layer: tokens that keep skill names, TF-IDF vectors, bm25s retrieval."""

from __future__ import annotations

import numpy as np
import pytest

from talentfoundry.matching.lexical import BM25Retriever, TfidfSpace, term_counts, tokenize

pytestmark = pytest.mark.unit


def test_tokens_keep_programming_language_names_and_drop_stop_words() -> None:
    assert tokenize("I know C++, C#, ASP.NET, node.js and R.") == [
        "know",
        "c++",
        "c#",
        "asp.net",
        "node.js",
        "r",
    ]


def test_tokens_repair_broken_encodings_before_splitting() -> None:
    assert "naïve" in tokenize("NaÃ¯ve Bayes classifier")


def test_tfidf_rows_are_unit_vectors_and_share_words_means_similarity() -> None:
    docs = [term_counts(t) for t in ["python django", "python flask", "welding steel"]]
    space = TfidfSpace.fit(docs)
    matrix = space.transform(docs)
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    assert np.allclose(norms, 1.0)
    sims = (matrix @ matrix.T).toarray()
    assert sims[0, 1] > 0
    assert sims[0, 2] == 0


def test_tfidf_ignores_unknown_words_and_forgets_removed_documents() -> None:
    docs = [term_counts("kubernetes docker"), term_counts("docker compose")]
    space = TfidfSpace.fit(docs)
    assert space.transform([term_counts("quantum")]).nnz == 0
    space.remove(docs[1])
    assert space.n_docs == 1
    assert space.doc_freq[space.vocabulary["compose"]] == 0
    assert space.doc_freq[space.vocabulary["docker"]] == 1


def test_rare_words_weigh_more_than_common_ones() -> None:
    docs = [term_counts(t) for t in ["team python", "team java", "team verilog"]]
    space = TfidfSpace.fit(docs)
    idf = space.idf()
    assert idf[space.vocabulary["verilog"]] > idf[space.vocabulary["team"]]


def test_bm25_retrieves_the_document_sharing_the_query_words_first() -> None:
    retriever = BM25Retriever(
        ["web", "civil", "data"],
        ["react typescript frontend", "bridges concrete structures", "pandas spark python"],
    )
    assert retriever.search("python spark pipelines", k=1)[0][0] == "data"
    assert len(retriever.search("python", k=10)) == 3
    assert not retriever.scores("zzz unknown").any()
