"""20 concurrent clients x 20 conversations on POST /api/ask: no errors, the same answers as alone
(bench/load.py runs 50 each and reports the timings)."""
from bench.load import run_load
from conftest import serving


def test_concurrent_clients_get_the_single_client_answers(tmp_path, own_bot):
    from ui.app import build_app
    with serving(build_app(own_bot(), feedback_path=tmp_path / "feedback.jsonl")) as url:
        r = run_load(url, clients=20, per_client=20)
    assert r["errors"] == [] and r["mismatches"] == []
    assert r["requests"] == 400 and r["posts"] >= 400
