"""POST /api/ask and GET /api/health over a real loopback server: limits, cleaning, live index updates."""
import json
import shutil
import threading
import time
import urllib.error
import urllib.request

import pytest

from conftest import CORPUS, serving
from rag import Assistant

Q49 = "谁主持了区政府第49次常务会议?"


def post(url, payload, raw: bytes | None = None):
    req = urllib.request.Request(url + "api/ask", data=raw if raw is not None else json.dumps(payload).encode(),
                                 headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())


def health(url):
    with urllib.request.urlopen(url + "api/health", timeout=30) as r:
        return json.loads(r.read())


@pytest.fixture(scope="module")
def server(tmp_path_factory, bot):
    from ui.app import build_app
    tmp = tmp_path_factory.mktemp("api")
    with serving(build_app(bot, feedback_path=tmp / "feedback.jsonl")) as url:
        yield url


def test_limits_get_clear_413_and_400_messages(server):
    from ui.app import MAX_BODY, MAX_TURNS, MAX_TURN_CHARS
    status, body = post(server, None, raw=b'{"question": "' + b"a" * (MAX_BODY + 10) + b'"}')
    assert status == 413 and "body too long" in body["error"]
    turns = [{"role": "user", "content": "区长是谁?"}] * (MAX_TURNS + 1)
    status, body = post(server, {"question": Q49, "history": turns})
    assert status == 413 and f"at most {MAX_TURNS}" in body["error"]
    status, body = post(server, {"question": Q49, "history": [{"role": "user", "content": "好" * (MAX_TURN_CHARS + 1)}]})
    assert status == 413 and "history" in body["error"]
    status, body = post(server, {"question": Q49, "history": [{"role": "robot", "content": "x"}]})
    assert status == 400 and "history" in body["error"]
    status, body = post(server, {"question": Q49, "history": turns[:MAX_TURNS]})
    assert status == 200 and "黄祖英" in body["text"]


@pytest.mark.parametrize("mark", ["\u202e", "\u200b", "\u2066", "\ufeff", "\x07", "\u200d"])
def test_invisible_characters_are_never_echoed(server, mark):
    status, body = post(server, {"question": mark + Q49[:4] + mark + Q49[4:] + mark})
    assert status == 200 and "黄祖英" in body["text"], body
    assert mark not in json.dumps(body, ensure_ascii=False)


def test_a_running_server_answers_from_the_index_built_after_it_started(tmp_path):
    from rag.index import build_index
    from ui.app import build_app, follow_index
    corpus, idx = tmp_path / "corpus", tmp_path / "idx"
    corpus.mkdir()
    names = sorted(p.name for p in CORPUS.iterdir())
    for name in (names[0], names[2]):
        shutil.copy(CORPUS / name, corpus / name)
    bot = Assistant.open(corpus, idx, quiet=True)
    with serving(build_app(bot, feedback_path=tmp_path / "feedback.jsonl")) as url:
        stop = follow_index(bot, watch=False, every=0.2)
        assert health(url)["issues"] == 2
        assert not post(url, {"question": Q49})[1]["found"]
        failures, replies, done = [], [], threading.Event()

        def client():                               # asks across the swap, never fails
            while not done.is_set():
                status, body = post(url, {"question": "区长是谁?"})
                (replies if status == 200 and body["found"] else failures).append(body)
        t = threading.Thread(target=client)
        t.start()
        try:
            shutil.copy(CORPUS / names[1], corpus / names[1])   # the new issue: `rag index`
            build_index(corpus, idx, bot.encoder)
            deadline = time.time() + 30
            while time.time() < deadline and health(url)["issues"] != 3:
                time.sleep(0.1)
            assert health(url)["issues"] == 3
            status, body = post(url, {"question": Q49})
            assert status == 200 and "黄祖英" in body["text"] and body["citations"][0]["source"] == names[1]
            follow_up = post(url, {"question": "这次会议是哪天开的?", "history": [
                {"role": "user", "content": Q49}, {"role": "assistant", "content": body["text"]}]})[1]
            assert follow_up["found"], follow_up
        finally:
            done.set()
            t.join(60)
            stop.set()
        assert failures == [] and len(replies) > 0


def test_an_error_is_a_short_chinese_message_and_a_logged_traceback(tmp_path, caplog, own_bot):
    from ui.app import FAILED, build_app
    bot = own_bot()

    def broken(*a, **k):
        raise RuntimeError("secret internals")
    bot.ask = broken
    with serving(build_app(bot, feedback_path=tmp_path / "feedback.jsonl")) as url:
        status, body = post(url, {"question": Q49})
    assert status == 500 and body == {"error": FAILED}
    assert "secret internals" in caplog.text and "Traceback" in caplog.text


def test_a_scope_narrows_the_answer_and_says_so(server):
    status, body = post(server, {"question": "有哪些报道提到了缙云山?", "scope": {"from": "2023-10", "to": "2023-10"}})
    assert status == 200 and "只在2023-10的报道中查找" in body["text"]
    dates = [c["date"] for c in body["citations"]]
    assert "2023-10-26" in dates and all(d.startswith("2023-10") for d in dates if len(d) == 10)
    assert all(d[:2] == "10" for d in dates if len(d) == 5)   # no year: kept when its month is in range
    status, body = post(server, {"question": Q49, "scope": {"sources": ["003_c473d4d3c41d478a.txt"]}})
    assert status == 200 and not body["found"]                      # that meeting is in another issue
    status, body = post(server, {"question": Q49, "scope": {"from": "2023年"}})
    assert status == 400 and "scope" in body["error"]
