"""BM25: scores, top-k, and the AND query the reader uses for a question's anchors."""
import numpy as np

from rag.bm25 import BM25

DOCS = [["两大", "定位", "北碚"], ["定位", "准确"], ["两大", "优势"], ["两大", "定位", "两大"], []]


def test_top_ranks_by_bm25():
    bm = BM25().fit(DOCS)
    rows = bm.top(["定位"], 5)
    assert {r for r, _ in rows} == {0, 1, 3}          # only documents sharing a term score
    assert rows[0][0] == 1                            # the shortest holder ranks first
    assert bm.top(["没有"], 3) == [] and bm.top([], 3) == []


def test_having_is_an_and_query():
    bm = BM25().fit(DOCS)
    assert bm.having(["两大", "定位"]).tolist() == [0, 3]
    assert bm.having(["定位"]).tolist() == [0, 1, 3]
    assert len(bm.having(["两大", "没有"])) == 0 and len(bm.having([])) == 0


def test_top_among_keeps_the_ranking_inside_the_subset():
    bm = BM25().fit(DOCS)
    among = bm.having(["两大", "定位"])
    rows = bm.top(["定位", "北碚"], 5, among)
    assert [r for r, _ in rows] == [0, 3]
    full = dict(bm.top(["定位", "北碚"], 5))
    assert all(np.isclose(s, full[r]) for r, s in rows)   # same scores as without the subset


def test_save_and_load_round_trip(tmp_path):
    bm = BM25().fit(DOCS)
    bm.save(tmp_path)
    back = BM25.load(tmp_path)
    assert back.top(["两大"], 3) == bm.top(["两大"], 3)
