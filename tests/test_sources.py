import json

from rag.articles import load_articles
from rag.sources import decode, read_corpus

PAGE = "区政府召开第49次常务会议\n\n黄祖英主持\n\n本报讯(记者 齐宏)10月25日,区长黄祖英主持召开区政府第49次常务会议。\n"


def test_gb18030_file_is_decoded(tmp_path):
    (tmp_path / "gb.txt").write_bytes(PAGE.encode("gb18030"))
    arts, problems = load_articles(tmp_path)
    assert problems == []
    assert arts[0].title == "区政府召开第49次常务会议"
    assert "黄祖英" in arts[0].text


def test_utf8_bom_is_stripped(tmp_path):
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + PAGE.encode())
    arts, _ = load_articles(tmp_path)
    assert arts[0].title == "区政府召开第49次常务会议"
    assert decode(b"\xef\xbb\xbf" + "北碚".encode())[0] == "北碚"


def test_bad_files_are_reported_and_skipped(tmp_path):
    (tmp_path / "good.txt").write_text(PAGE)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 10)
    (tmp_path / "latin.txt").write_bytes(bytes(range(0x80, 0x100)) * 20)
    (tmp_path / "notes.docx").write_bytes(b"PK")               # not a corpus file type
    (tmp_path / "torn.pdf").write_bytes(b"%PDF")                # a PDF, but not a readable one
    arts, problems = load_articles(tmp_path)
    assert [a.source for a in arts] == ["good.txt"]
    reasons = {p.source: p.reason for p in problems}
    assert reasons["empty.txt"] == "empty file"
    assert "binary" in reasons["binary.txt"]
    assert "latin.txt" in reasons
    assert "PDF" in reasons["torn.pdf"]
    assert set(reasons) == {"empty.txt", "binary.txt", "latin.txt", "torn.pdf"}


def test_jsonl_records_and_malformed_lines(tmp_path):
    lines = [json.dumps({"id": "cms-1", "title": "标题一", "text": "正文一。", "date": "2023-05-01"},
                        ensure_ascii=False),
             "{not json",
             json.dumps({"id": "cms-2", "title": "无正文"}),
             json.dumps({"title": "标题三", "text": "正文三。"}, ensure_ascii=False)]
    (tmp_path / "cms.jsonl").write_text("\n".join(lines) + "\n")
    arts, problems = load_articles(tmp_path)
    assert [a.title for a in arts] == ["标题一", "标题三"]
    assert arts[0].id == "cms-1" and arts[0].date == "2023-05-01" and arts[0].source == "cms.jsonl"
    assert [p.source for p in problems] == ["cms.jsonl:2", "cms.jsonl:3"]
    assert "malformed JSON" in problems[0].reason


def test_unreadable_file_is_reported(tmp_path, monkeypatch):
    import os
    from pathlib import Path
    (tmp_path / "good.txt").write_text(PAGE)
    p = tmp_path / "locked.txt"
    p.write_text(PAGE)
    os.chmod(p, 0)
    if os.access(p, os.R_OK):                  # root reads anything: make the read fail as it would
        real = Path.read_bytes

        def read_bytes(self):
            if self.name == "locked.txt":
                raise PermissionError(13, "Permission denied", str(self))
            return real(self)
        monkeypatch.setattr(Path, "read_bytes", read_bytes)
    try:
        docs, problems = read_corpus(tmp_path)
        assert [d.source for d in docs] == ["good.txt"]
        assert [p.source for p in problems] == ["locked.txt"]
        assert "cannot read: Permission denied" in problems[0].reason
    finally:
        os.chmod(p, 0o644)


def test_ids_are_stable_and_duplicates_indexed_once(tmp_path):
    (tmp_path / "a.txt").write_text(PAGE)
    (tmp_path / "b.txt").write_text(PAGE)
    arts, _ = load_articles(tmp_path)
    again, _ = load_articles(tmp_path)
    assert len(arts) == 1
    assert [a.id for a in arts] == [a.id for a in again]


def test_a_50_mb_file_is_reported_quickly_and_the_rest_loads(tmp_path):
    import time
    (tmp_path / "good.txt").write_text(PAGE)
    with open(tmp_path / "huge.txt", "wb") as f:          # sparse: 50 MB on disk costs nothing
        f.truncate(50 * 1024 * 1024)
    t = time.time()
    arts, problems = load_articles(tmp_path)
    assert time.time() - t < 5
    assert [a.source for a in arts] == ["good.txt"]
    assert [p.source for p in problems] == ["huge.txt"] and "too large" in problems[0].reason


def test_a_link_leaving_the_corpus_folder_is_reported_and_not_read(tmp_path):
    corpus, outside = tmp_path / "corpus", tmp_path / "secret.txt"
    corpus.mkdir()
    (corpus / "good.txt").write_text(PAGE)
    outside.write_text("root:x:0:0:机密内容,不得出现在答案中。\n" * 3)
    (corpus / "passwd.txt").symlink_to(outside)
    (corpus / "same.txt").symlink_to(corpus / "good.txt")       # a link inside the folder is fine
    arts, problems = load_articles(corpus)
    assert {a.source for a in arts} == {"good.txt"}              # same.txt: the same article, once
    assert [p.source for p in problems] == ["passwd.txt"] and "outside the corpus" in problems[0].reason
    assert not any("机密" in a.text for a in arts)
