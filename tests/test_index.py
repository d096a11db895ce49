import shutil

import numpy as np
import pytest

from conftest import CORPUS, copy_index
from rag import index as index_mod
from rag.index import Index, IndexBroken, build_index


@pytest.fixture(scope="module")
def encoder():
    from embeddings import Encoder
    return Encoder()


def _two_issues(corpus):
    """`corpus` made, holding the first two issues of the default corpus."""
    corpus.mkdir()
    for name in sorted(p.name for p in CORPUS.iterdir())[:2]:
        shutil.copy(CORPUS / name, corpus / name)
    return corpus


@pytest.fixture
def small_corpus(tmp_path):
    return _two_issues(tmp_path / "corpus")


@pytest.fixture(scope="module")
def small_built(encoder, tmp_path_factory):
    """The index of the first two issues, built once for the module."""
    work = tmp_path_factory.mktemp("small")
    build_index(_two_issues(work / "corpus"), work / "idx", encoder)
    return work / "idx"


@pytest.fixture
def small_index(small_corpus, small_built, tmp_path):
    """A copy of `small_built`: what a test's first build of `small_corpus` would make."""
    return copy_index(small_built, tmp_path / "idx")


class CountingEncoder:
    """The real encoder, counting what it embeds; optionally failing midway."""

    def __init__(self, inner, model_id=None, fail_after=None):
        self.inner, self.dim = inner, inner.dim
        self.model_id = model_id or inner.model_id
        self.fail_after, self.calls, self.texts = fail_after, 0, []

    def encode_passages(self, texts, progress=None):
        if self.fail_after is not None and self.calls >= self.fail_after:
            raise KeyboardInterrupt("killed")
        self.calls += 1
        self.texts += texts
        return self.inner.encode_passages(texts)

    def encode_queries(self, texts):
        return self.inner.encode_queries(texts)


def test_unchanged_corpus_embeds_nothing_and_changed_file_only_its_chunks(encoder, small_corpus, tmp_path):
    idx = tmp_path / "idx"
    first = build_index(small_corpus, idx, CountingEncoder(encoder))
    assert len(first.added) == 2 and first.embedded > 0
    again = CountingEncoder(encoder)
    r = build_index(small_corpus, idx, again)
    assert r.embedded == 0 and again.texts == [] and len(r.unchanged) == 2
    # change one file: add an article to it
    f = sorted(small_corpus.iterdir())[1]
    f.write_text(f.read_text() + "\n\n新增测试报道\n\n本报讯(记者 王五)3月5日,全区召开测试会议,区长张三主持会议。\n")
    third = CountingEncoder(encoder)
    r = build_index(small_corpus, idx, third)
    assert r.changed == [f.name] and r.unchanged == [sorted(small_corpus.iterdir())[0].name]
    assert 1 <= r.embedded <= 3 and all("测试会议" in t for t in third.texts)
    loaded = Index.load(idx)
    assert any("测试会议" in a.text for a in loaded.articles)
    # delete a file: its articles leave the index
    f.unlink()
    r = build_index(small_corpus, idx, CountingEncoder(encoder))
    assert r.removed == [f.name]
    assert {a.source for a in Index.load(idx).articles} == {sorted(small_corpus.iterdir())[0].name}


def test_killed_build_leaves_previous_index_and_resumes(encoder, small_corpus, small_index, monkeypatch):
    idx = small_index
    before = Index.load(idx)
    for p in CORPUS.iterdir():                        # the rest of the corpus is new
        shutil.copy(p, small_corpus / p.name)
    monkeypatch.setattr(index_mod, "SAVE_EVERY", 8)
    with pytest.raises(KeyboardInterrupt):
        build_index(small_corpus, idx, CountingEncoder(encoder, fail_after=2))
    still = Index.load(idx)                            # the last good index still serves
    assert len(still.chunks) == len(before.chunks)
    assert len(list((idx / "pending").glob("*.npz"))) == 2
    resumed = CountingEncoder(encoder)
    r = build_index(small_corpus, idx, resumed)
    assert r.embedded == len(resumed.texts)
    assert len(resumed.texts) == r.embedded and r.reused >= len(before.chunks) + 16
    assert not (idx / "pending").exists()


def test_model_change_rebuilds_and_never_mixes(encoder, small_corpus, small_index):
    idx = small_index
    n = len(Index.load(idx).chunks)
    other = CountingEncoder(encoder, model_id="some-other-model")
    r = build_index(small_corpus, idx, other)
    assert "model changed" in r.rebuilt_because and r.embedded == n == len(other.texts)
    assert Index.load(idx).model_id == "some-other-model"


def test_corrupt_index_is_detected(encoder, small_corpus, small_index):
    idx = small_index
    vec = idx / "current" / "vectors.npy"
    data = vec.read_bytes()
    vec.write_bytes(data[: len(data) // 2])
    with pytest.raises(IndexBroken, match="corrupt"):
        Index.load(idx)
    r = build_index(small_corpus, idx, CountingEncoder(encoder))
    assert "corrupt" in r.rebuilt_because
    assert np.isfinite(Index.load(idx).vectors).all()


def test_bad_file_is_skipped_reported_and_not_retried(encoder, small_corpus, tmp_path):
    from rag.assistant import corpus_is_current
    (small_corpus / "broken.txt").write_bytes(b"\x00\x01binary")
    idx = tmp_path / "idx"
    r = build_index(small_corpus, idx, CountingEncoder(encoder))
    assert [p.source for p in r.problems] == ["broken.txt"] and len(r.added) == 2
    index = Index.load(idx)
    assert corpus_is_current(index.manifest, small_corpus)          # reopening does not rebuild
    (small_corpus / "broken.txt").write_bytes(b"\x00changed")
    assert not corpus_is_current(index.manifest, small_corpus)


def _rag_index(corpus, idx, save_every=None):
    """`rag index` in a child process (optionally saving pending slices every few passages)."""
    import subprocess
    import sys
    from conftest import ROOT
    code = ("import sys, rag.index as m\n"
            + (f"m.SAVE_EVERY = {save_every}\n" if save_every else "")
            + "from rag.cli import main\nsys.exit(main(sys.argv[1:]))")
    return subprocess.Popen([sys.executable, "-c", code, "index", str(corpus), "--index-dir", str(idx)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_sigkilled_build_leaves_last_index_serving_and_resumes(encoder, small_corpus, small_index):
    import os
    import signal
    import time
    idx = small_index
    before = Index.load(idx)
    for p in CORPUS.iterdir():                          # three more issues to embed
        shutil.copy(p, small_corpus / p.name)
    proc = _rag_index(small_corpus, idx, save_every=8)
    deadline = time.time() + 300
    while len(list((idx / "pending").glob("*.npz"))) < 2 and proc.poll() is None:
        assert time.time() < deadline, "no pending slice was written"
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)                   # no cleanup code runs
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    still = Index.load(idx)                             # checksums verified: the old index serves
    assert still.manifest == before.manifest and len(still.chunks) == len(before.chunks)
    resumed = CountingEncoder(encoder)
    r = build_index(small_corpus, idx, resumed)
    assert r.reused >= len(before.chunks) + 16          # the slices paid for before the kill
    assert r.embedded == len(resumed.texts) and len(r.added) == 3
    after = Index.load(idx)
    assert {a.source for a in after.articles} == {p.name for p in CORPUS.iterdir()}
    assert [g.name for g in (idx / "gens").iterdir()] == [os.readlink(idx / "current").split("/")[-1]]


def test_two_builds_at_once_do_not_corrupt_the_index(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    first = sorted(CORPUS.iterdir())[0]
    shutil.copy(first, corpus / first.name)
    idx = tmp_path / "idx"
    procs = [_rag_index(corpus, idx) for _ in range(2)]
    outs = [p.communicate(timeout=600) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    assert any("waiting for another build" in err for _, err in outs)
    index = Index.load(idx)                             # verifies every checksum
    assert {a.source for a in index.articles} == {first.name}
    assert len({c.id for c in index.chunks}) == len(index.chunks) == len(index.vectors)
    assert len(list((idx / "gens").iterdir())) == 1
    # whichever ran second found the first one's index and embedded nothing
    assert any("0 embedded" in out for out, _ in outs)


def test_any_build_order_gives_the_index_a_fresh_build_gives(encoder, tmp_path, monkeypatch, built_index):
    """Files added one at a time in reverse order, embedded by one session instead of two,
    give the very vectors and answers of one fresh build (what rag index --verify checks)."""
    import json
    from embeddings import Encoder, encoder as enc_mod
    from rag.assistant import Assistant
    from rag.index import differences
    from conftest import SHARED
    monkeypatch.setattr(enc_mod, "SESSIONS", 1)
    one_session = Encoder()
    assert one_session.model.parallel == 1 and encoder.model.parallel == 2
    corpus, idx = tmp_path / "corpus", tmp_path / "idx"
    corpus.mkdir()
    for name in sorted(p.name for p in CORPUS.iterdir())[::-1]:
        shutil.copy(CORPUS / name, corpus / name)
        build_index(corpus, idx, one_session)
    # the session's index of the default corpus is one fresh build with two sessions
    assert differences(Index.load(idx), Index.load(built_index)) == []
    a, b = Assistant.open(corpus, idx, quiet=True), Assistant.open(CORPUS, built_index, quiet=True)
    for line in open(SHARED / "eval" / "seed_qa_dev.jsonl", encoding="utf-8"):
        item = json.loads(line)
        for q in item.get("turns") or [item["question"]]:
            assert a.ask(q).to_dict() == b.ask(q).to_dict(), q
