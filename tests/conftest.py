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


def find(arts, needle):
    """The one article whose title contains `needle`."""
    hits = [a for a in arts if needle in a.title]
    assert len(hits) == 1, (needle, [a.title for a in hits])
    return hits[0]
