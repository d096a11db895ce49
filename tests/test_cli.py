import json
import subprocess
import sys

from conftest import CORPUS


def run(*args):
    return subprocess.run([sys.executable, "-m", "rag.cli", *args], capture_output=True, text=True)


def test_articles_json_lists_every_article():
    r = run("articles", str(CORPUS), "--json")
    assert r.returncode == 0, r.stderr
    arts = json.loads(r.stdout)
    assert len(arts) == 30
    assert {"id", "source", "title", "subtitles", "date", "reporters", "kind", "text"} <= set(arts[0])


def test_articles_reports_bad_files(tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02")
    (tmp_path / "ok.txt").write_text("本报讯(记者 王五)3月5日,全区召开某某会议,区长张三主持会议。")
    r = run("articles", str(tmp_path))
    assert r.returncode == 0
    assert "bad.txt" in r.stderr and "binary" in r.stderr
    assert "ok.txt" in r.stdout


def test_missing_corpus_is_a_clear_error(tmp_path):
    r = run("articles", str(tmp_path / "nope"))
    assert r.returncode == 2 and "corpus folder not found" in r.stderr
