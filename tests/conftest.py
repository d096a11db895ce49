import socket
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def corpus_articles():
    from rag.articles import load_articles
    arts, problems = load_articles(CORPUS)
    assert problems == []
    return arts


@pytest.fixture(scope="session")
def built_index(tmp_path_factory):
    """The default corpus's index, built fresh once for the session (a build takes ~20 s):
    tests that need an assistant of their own open a copy of it (`own_bot`)."""
    from rag import Assistant
    idx = tmp_path_factory.mktemp("idx")
    Assistant.open(index_dir=idx, quiet=True)
    return idx


@pytest.fixture(scope="session")
def bot(built_index):
    """The assistant on the default corpus, on the session's fresh index."""
    from rag import Assistant
    return Assistant.open(index_dir=built_index, quiet=True)


@pytest.fixture
def own_bot(built_index, tmp_path_factory):
    """`own_bot()`: a new assistant on a copy of the session's fresh index (its own files
    and state, no second build)."""
    from rag import Assistant

    def make():
        return Assistant.open(index_dir=copy_index(built_index, tmp_path_factory.mktemp("own") / "idx"),
                              quiet=True)
    return make


def copy_index(src, dst):
    """A copy of the index folder `src` at `dst` (returned): `current` stays a link to its
    generation."""
    import shutil
    shutil.copytree(src, dst, symlinks=True)
    return dst


def find(arts, needle):
    """The one article whose title contains `needle`."""
    hits = [a for a in arts if needle in a.title]
    assert len(hits) == 1, (needle, [a.title for a in hits])
    return hits[0]


@contextmanager
def serving(app):
    """`app` served by uvicorn on a free loopback port in a thread; yields its base URL."""
    import uvicorn
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    t = threading.Thread(target=srv.run, daemon=True)
    t.start()
    for _ in range(100):
        if srv.started:
            break
        time.sleep(0.1)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        srv.should_exit = True
        t.join(5)


def ask_after(bot, *turns):
    """The answer to the last of `turns`, asked as one conversation."""
    history, ans = [], None
    for t in turns:
        ans = bot.ask(t, history)
        history += [{"role": "user", "content": t}, {"role": "assistant", "content": ans.text}]
    return ans
