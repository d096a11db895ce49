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
def bot(tmp_path_factory):
    """The assistant on the default corpus, on a fresh index of its own."""
    from rag import Assistant
    return Assistant.open(index_dir=tmp_path_factory.mktemp("idx"), quiet=True)


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
