"""20 concurrent clients x 50 conversations on POST /api/ask: no errors, the same answers as alone."""
from bench.load import run_load
from conftest import serving
from rag import Assistant


def test_concurrent_clients_get_the_single_client_answers(tmp_path):
    from ui.app import build_app
    bot = Assistant.open(index_dir=tmp_path / "idx", quiet=True)
    with serving(build_app(bot, feedback_path=tmp_path / "feedback.jsonl")) as url:
        r = run_load(url, clients=20, per_client=50)
    assert r["errors"] == [] and r["mismatches"] == []
    assert r["requests"] == 1000 and r["posts"] >= 1000
