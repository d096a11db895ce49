"""The Milvus backend, against Milvus Lite (a local file): the same answers as the default
backend, and incremental updates by file hash."""
import shutil
import subprocess
import sys

import pytest

from conftest import CORPUS, ROOT, SHARED

pytest.importorskip("pymilvus")

NEAR = 0.03     # fused scores this close may come in either order from the two backends


@pytest.fixture(scope="module")
def mbot(tmp_path_factory):
    """The assistant on the default corpus, indexed by `rag index --backend milvus`."""
    from rag import Assistant
    work = tmp_path_factory.mktemp("milvus")
    uri = str(work / "seed.db")
    out = subprocess.run([sys.executable, "-m", "rag.cli", "index", str(CORPUS), "--index-dir", str(work),
                          "--backend", "milvus", "--milvus-uri", uri],
                         capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert out.returncode == 0, out.stderr
    assert "5 added" in out.stdout
    return Assistant.open(index_dir=work, backend="milvus", milvus_uri=uri, quiet=True)


def test_seed_dev_set_is_answered_as_on_the_default_backend(mbot, bot):
    from rag.evaluate import evaluate
    gold = SHARED / "eval" / "seed_qa_dev.jsonl"
    mine, local = evaluate(mbot, gold), evaluate(bot, gold)
    assert mine["total"] == local["total"] == (30, 30)
    # word for word the same answers, follow-ups included
    assert [i["answer"] for i in mine["items"]] == [i["answer"] for i in local["items"]]


def test_retrieval_ranks_as_the_default_backend(mbot, bot):
    qs = ["谁主持了区政府第49次常务会议?", "重庆市福建商会有多少家会员单位?", "乡村振兴", "科学城北碚园区总规划面积"]
    for q in qs:
        mine, local = mbot.retrieve(q, 5), bot.retrieve(q, 5)
        # the same best chunks, in the same order wherever the local scores are not
        # near-equal: Milvus's BM25 arithmetic differs from ours by a few percent (seen:
        # 15.25 vs 14.78 for one chunk on an AVX2 machine), enough to swap two chunks 0.006 apart
        rank = {h.chunk.id: i for i, h in enumerate(mine)}
        assert all(h.chunk.id in rank for h in local[:3]), q
        for i, a in enumerate(local[:3]):
            for b in local[i + 1:]:
                if a.score - b.score > NEAR and b.chunk.id in rank:
                    assert rank[a.chunk.id] < rank[b.chunk.id], (q, a.chunk.id, b.chunk.id)
        assert mine[0].text == local[0].text and mine[0].article.title == local[0].article.title
    # BM25 alone, with the AND filter the reader's anchor search uses
    must = mbot.backend.lexical("第49次常务会议", 20, must="第49次")
    assert must and all("第49次" in h.article.header + h.chunk.text for h in must)
    assert {h.chunk.id for h in must} == {h.chunk.id for h in bot.backend.lexical("第49次常务会议", 20, must="第49次")}
    assert mbot.backend.lexical("常务会议", 5, must="没有这个词语xyz") == []


def test_tables_and_facts_come_from_the_collections(mbot, bot):
    assert mbot.backend.tables.to_json() == bot.backend.tables.to_json()
    assert mbot.backend.tables.facts["articles"] == len(bot.backend.index.articles)
    a = bot.backend.index.articles[0]
    assert mbot.backend.article(a.id) == a


def test_updates_touch_only_changed_files_and_a_server_follows(tmp_path):
    from embeddings import Encoder
    from rag import Assistant
    from rag.backends.milvus import MilvusStore
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    names = sorted(p.name for p in CORPUS.iterdir())
    shutil.copy(CORPUS / names[0], corpus / names[0])
    enc = Encoder()
    uri = str(tmp_path / "m.db")
    store = MilvusStore(uri, enc, tmp_path / "work")
    first = store.build(corpus)
    assert first.added == [names[0]] and first.embedded > 0
    bot = Assistant.open(corpus, tmp_path / "work", backend="milvus", milvus_uri=uri, quiet=True)
    before = bot.backend.tables.facts["chunks"]

    # a second issue: only its chunks are embedded; the running assistant swaps it in
    shutil.copy(CORPUS / names[1], corpus / names[1])
    again = store.build(corpus)
    assert again.added == [names[1]] and again.unchanged == [names[0]]
    assert 0 < again.embedded < again.embedded + again.reused
    assert bot.refresh() and bot.backend.tables.facts["chunks"] > before
    assert store.build(corpus).embedded == 0                 # nothing changed: nothing embedded

    # the first issue removed: its rows go, the rest stays
    (corpus / names[0]).unlink()
    gone = store.build(corpus)
    assert gone.removed == [names[0]]
    assert bot.refresh()
    ids = {r["article_id"] for r in store._all(store.chunks_c, ["article_id"])}
    assert all(bot.backend.article(i).source == names[1] for i in ids)
    assert bot.backend.tables.facts["sources"] == [names[1]]


def test_the_chat_server_answers_from_milvus(mbot, tmp_path):
    import json as json_
    import urllib.request
    from conftest import serving
    from ui.app import build_app
    with serving(build_app(mbot, feedback_path=tmp_path / "fb.jsonl")) as url:
        with urllib.request.urlopen(url + "api/health", timeout=30) as r:
            facts = json_.loads(r.read())
        assert facts["issues"] == 5 and facts["chunks"] > 0 and facts["generation"] == mbot.generation
        req = urllib.request.Request(url + "api/ask", data=json_.dumps({"question": "谁主持了区政府第49次常务会议?"}).encode(),
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=60) as r:
            ans = json_.loads(r.read())
    assert "黄祖英" in ans["text"] and "黄祖英" in ans["citations"][0]["quote"]


def test_a_second_build_in_a_new_process_updates_in_place(tmp_path):
    """Collections another process made start released: a build loads them to compare."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(sorted(CORPUS.iterdir())[0], corpus)
    args = [sys.executable, "-m", "rag.cli", "index", str(corpus), "--index-dir", str(tmp_path / "w"),
            "--backend", "milvus", "--milvus-uri", str(tmp_path / "m.db")]
    first = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, timeout=600)
    again = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert first.returncode == again.returncode == 0, again.stderr
    assert "1 added" in first.stdout and "1 unchanged" in again.stdout and "0 embedded" in again.stdout


class UnitVectors:
    """The real encoder's identity and queries, one fixed unit vector for every passage: a
    test of how rows are stored need not embed its 40,000 characters (84% of its time)."""

    def __init__(self, inner):
        self.inner, self.dim, self.model_id = inner, inner.dim, inner.model_id

    def encode_passages(self, texts, progress=None):
        import numpy as np
        v = np.zeros((len(texts), self.dim), np.float32)
        v[:, 0] = 1
        return v

    def encode_queries(self, texts):
        return self.inner.encode_queries(texts)


def test_a_long_article_is_kept_whole_across_rows(tmp_path):
    """A VARCHAR holds 64 KB: an article's JSON is split over rows and joined when read."""
    import json as json_
    from embeddings import Encoder
    from rag.backends.milvus import PART, MilvusStore
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    body = "".join(f"第{i}段,北碚区召开会议,研究了乡村振兴工作。" for i in range(2000))
    assert len(json_.dumps(body, ensure_ascii=False)) > 2 * PART
    (corpus / "long.jsonl").write_text(json_.dumps({"id": "long-1", "title": "长篇报道", "text": body},
                                                   ensure_ascii=False) + "\n", encoding="utf-8")
    store = MilvusStore(str(tmp_path / "m.db"), UnitVectors(Encoder()), tmp_path / "w")
    store.build(corpus)
    a = store.load().article("long-1")
    assert a.text == body and a.title == "长篇报道"
