"""Safe to serve to a newsroom: a login, no cross-site use, no request that stalls the rest."""
import base64
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import pytest

from conftest import ROOT, serving

Q49 = "谁主持了区政府第49次常务会议?"


def request(url, path="api/ask", body=None, headers=None, method=None):
    """(status, headers, parsed JSON or text) of one request; never raises on an HTTP error."""
    data = body if isinstance(body, bytes) or body is None else json.dumps(body).encode()
    req = urllib.request.Request(url + path, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            status, hdrs, raw = r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        status, hdrs, raw = e.code, e.headers, e.read()
    try:
        return status, hdrs, json.loads(raw)
    except ValueError:
        return status, hdrs, raw.decode("utf-8", "replace")


JSON = {"Content-Type": "application/json"}


def basic(user, password):
    return {"Authorization": "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()}


@pytest.fixture(scope="module")
def served_with_login(built_index):
    """`rag serve --auth u:p` in a child process, as a newsroom would start it."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "RAG_AUTH": ""}
    proc = subprocess.Popen([sys.executable, "-m", "rag.cli", "serve", "--port", str(port), "--auth", "u:p",
                             "--index-dir", str(built_index)], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(600):
            if proc.poll() is not None:
                pytest.fail(f"rag serve exited: {proc.stderr.read().decode()[-2000:]}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.25)
        yield url
    finally:
        proc.terminate()
        proc.wait(20)


def test_a_served_corpus_asks_for_a_login_and_refuses_other_sites(served_with_login):
    url = served_with_login
    status, _, page = request(url, "")
    assert status == 200 and '"auth_required":true' in page.replace(" ", "")     # the page's login form
    assert request(url, "config")[0] == 401                                     # nothing behind it without one
    t = time.time()
    status, hdrs, body = request(url, body={"question": Q49}, headers=JSON)
    assert status == 401 and "Basic" in hdrs["WWW-Authenticate"] and time.time() - t >= 0.9
    assert request(url, body={"question": Q49}, headers={**JSON, **basic("u", "wrong")})[0] == 401
    status, _, body = request(url, body={"question": Q49}, headers={**JSON, **basic("u", "p")})
    assert status == 200 and "黄祖英" in body["text"]
    # what a page on another site can send without asking: not JSON
    status, _, body = request(url, body={"question": Q49}, headers={"Content-Type": "text/plain", **basic("u", "p")})
    assert status == 415
    # DNS rebinding: the right address under another name
    status, _, body = request(url, "api/health", headers={"Host": "evil.example", **basic("u", "p")})
    assert status == 421
    status, _, _ = request(url, "gradio_api/upload", body=b"--x--\r\n", method="POST",
                           headers={"Content-Type": "multipart/form-data; boundary=x", **basic("u", "p")})
    assert status == 403
    status, hdrs, _ = request(url, "api/health", headers={"Origin": "http://evil.example", **basic("u", "p")})
    assert status == 200 and not [h for h in hdrs if h.lower().startswith("access-control-")]
    # every bad body a 4xx: half a surrogate pair, JSON nested past any parser
    status, _, body = request(url, body=b'{"question": "\\ud800' + Q49.encode() + b'"}', headers={**JSON, **basic("u", "p")})
    assert status == 400 and "surrogate" in body["error"]
    deep = b"[" * 100_000 + b"]" * 100_000
    assert request(url, body=deep, headers={**JSON, **basic("u", "p")})[0] == 400
    for history in (5, True, "你好"):        # checked as a list before anything reads it
        assert request(url, body={"question": Q49, "history": history}, headers={**JSON, **basic("u", "p")})[0] == 400


def test_a_network_address_without_a_login_is_refused_at_start():
    out = subprocess.run([sys.executable, "-m", "rag.cli", "serve", "--host", "0.0.0.0"], cwd=ROOT,
                         capture_output=True, text=True, timeout=120, env={**os.environ, "RAG_AUTH": ""})
    assert out.returncode == 2 and "--auth" in out.stderr and "--no-auth" in out.stderr


def test_logins_come_from_a_flag_a_file_or_the_environment(tmp_path):
    from ui.guard import load_users
    f = tmp_path / "users"
    f.write_text("# newsroom\nalice:s3cret:with:colons\n\nbob:pw\n", encoding="utf-8")
    users = load_users(None, f, "a-token-of-16-chars", env={})
    assert users.login("alice", "s3cret:with:colons") and users.login("bob", "pw")
    assert not users.login("bob", "PW") and not users.login("carol", "pw")
    assert users.allows("Basic " + base64.b64encode(b"bob:pw").decode())
    assert users.allows("Bearer a-token-of-16-chars") and not users.allows("Bearer a-token")
    assert not users.allows("Basic !!!") and not users.allows("")
    assert load_users(env={"RAG_AUTH": "u:p"}).login("u", "p")
    assert not load_users(env={})                         # no login configured: open
    f.write_text("nocolon\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"users:1"):
        load_users(None, f, env={})
    with pytest.raises(ValueError, match="16"):
        load_users("u:p", token="short", env={})


def test_host_names_are_matched_without_their_port():
    from ui.guard import allowed_hosts, host_name
    assert host_name("Example.org:7860") == "example.org" and host_name("[::1]:80") == "::1"
    assert host_name("127.0.0.1") == "127.0.0.1" and host_name("::1") == "::1"
    hosts = allowed_hosts("0.0.0.0", ["qa.newsroom.lan"])
    assert {"127.0.0.1", "localhost", "qa.newsroom.lan", socket.gethostname().lower()} <= hosts
    assert "evil.example" not in hosts
    assert "10.0.0.5" in allowed_hosts("10.0.0.5")


def test_a_client_over_its_rate_waits_and_others_do_not():
    from ui.guard import RateLimit
    now = [0.0]
    rate = RateLimit(capacity=2, per_second=0.5, clock=lambda: now[0])
    assert rate.wait("a") == 0 and rate.wait("a") == 0
    assert rate.wait("a") == pytest.approx(2.0)          # the third at once: wait for a token
    assert rate.wait("b") == 0                           # another client is not held up
    now[0] = 2.0
    assert rate.wait("a") == 0


def test_rate_limited_and_slow_requests_get_a_clear_status(bot, tmp_path):
    from ui.app import TOO_SLOW, build_app
    from ui.guard import Answering, RateLimit
    answering = Answering(workers=1, limit=0.5)
    app = build_app(bot, feedback_path=tmp_path / "fb.jsonl", rate=RateLimit(capacity=2, per_second=0.01),
                    answering=answering)
    with serving(app) as url:
        busy = threading.Event()
        answering.submit(busy.wait)                      # the only worker is taken
        try:
            status, _, body = request(url, body={"question": Q49}, headers=JSON)
            assert status == 503 and body["error"] == TOO_SLOW
        finally:
            busy.set()
        assert request(url, body={"question": Q49}, headers=JSON)[0] == 200
        status, hdrs, body = request(url, body={"question": Q49}, headers=JSON)
        assert status == 429 and int(hdrs["Retry-After"]) >= 1
        assert request(url, "api/health")[0] == 200       # reading the status is not rate-limited


def test_health_and_the_header_say_what_the_index_holds_now_and_what_was_skipped(tmp_path):
    from rag import Assistant
    from ui.app import corpus_facts, header
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    rows = [{"id": "a1", "title": "缙云山", "text": "缙云山位于北碚区。"},
            {"id": "a1", "title": "重复", "text": "这一条与上一条同一个编号。"},
            {"id": "a2", "title": "嘉陵江", "text": "嘉陵江流经北碚。"}]
    (corpus / "news.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n",
                                       encoding="utf-8")
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    bot = Assistant.open(corpus, tmp_path / "idx", quiet=True)
    facts = corpus_facts(bot)
    assert facts["articles"] == 2
    assert any("news.jsonl:2" in p and "duplicate id 'a1'" in p for p in facts["skipped"]), facts["skipped"]
    assert "empty.txt: empty file" in facts["skipped"] and "读不了" in header(facts)


def test_watching_hashes_a_file_again_only_when_it_changed(tmp_path, monkeypatch):
    from rag import index
    f = tmp_path / "issue.txt"
    f.write_text("北碚报", encoding="utf-8")
    calls = []
    real = index.file_sha256
    monkeypatch.setattr(index, "file_sha256", lambda p: calls.append(p) or real(p))
    first = index.file_digest(f)
    assert index.file_digest(f) == first and len(calls) == 1
    f.write_text("北碚报 第二版", encoding="utf-8")
    assert index.file_digest(f) != first and len(calls) == 2
