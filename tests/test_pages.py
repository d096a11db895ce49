"""Newspaper pages in as published (issue 32): reading order, PDF text layers, scans.

The PDFs and scans are made at test time from the corpus text by bench/pages.py (headless
Chromium prints the laid-out issue; its pages are rendered and damaged as a scanner would):
nothing generated is kept in the repository.
"""
import math
import shutil
from pathlib import Path

import pytest

from bench import pages as make
from rag import layout, pages
from rag.segment import segment
from rag.sources import read_corpus

from conftest import CORPUS

ISSUE = CORPUS / "001_7c9244e943033ee6.txt"          # two A3 pages, a story runs over
needs_chromium = pytest.mark.skipif(make.chromium() is None, reason="chromium prints the test pages")


def L(text, x0, y0, x1, size=10.0):
    return layout.Line(text, x0, y0, x1, y0 + size, size)


def column(x0, y0, texts, width=100.0, pitch=15.0):
    """Body lines of one column: a paragraph opens indented; each line fills the column but
    a paragraph's last."""
    out, y = [], y0
    for t in texts:
        indent = t.startswith(">")
        t = t.lstrip(">")
        short = t.endswith("。")
        out.append(L(t, x0 + (20 if indent else 0), y, x0 + (width * 0.5 if short else width)))
        y += pitch
    return out


# ---------------------------------------------------------------- reading order

def test_a_headline_over_columns_is_read_before_them_and_paragraphs_run_on():
    # a centred headline that leaves the first and last gutters open: the columns must not
    # be cut before it is
    head = L("区政府召开常务会议", 130, 0, 330, size=20)
    cols = (column(0, 40, [">甲一", "甲二"]) + column(120, 40, ["甲三。", ">乙一"])
            + column(240, 40, ["乙二", "乙三。"]) + column(360, 40, [">丙一", "丙二。"]))
    got = layout.text(layout.read_pages([cols + [head]]))
    assert got.split("\n\n") == ["区政府召开常务会议", "甲一甲二甲三。", "乙一乙二乙三。", "丙一丙二。"]


def test_stories_side_by_side_are_read_one_whole_after_the_other():
    # the headlines stand as close over their columns as print has them (0.8 line heights)
    left = [L("左边的标题", 20, 12, 180, size=20)] + column(0, 40, [">左一", "左二。"], width=200)
    right = [L("右边的标题", 260, 12, 420, size=20)] + column(240, 40, [">右一", "右二。"], width=200)
    got = layout.text(layout.read_pages([right + left])).split("\n\n")
    assert got == ["左边的标题", "左一左二。", "右边的标题", "右一右二。"]


def test_a_subtitle_between_two_gutters_is_read_before_the_columns():
    head = L("标题", 100, 0, 240, size=20)
    sub = L("王俊出席", 150, 26, 190)                   # centred over the middle column only
    cols = column(0, 44, [">甲一", "甲二"]) + column(120, 44, ["甲三。", ">乙一"]) + column(240, 44, ["乙二。"])
    got = layout.text(layout.read_pages([cols + [sub, head]])).split("\n\n")
    assert got == ["标题", "王俊出席", "甲一甲二甲三。", "乙一乙二。"]


def test_rows_of_stories_side_by_side_are_read_row_by_row():
    def story(x, y, name):
        return [L(name + "标题", x + 20, y, x + 180, size=20)] + \
            column(x, y + 28, [f">{name}一", f"{name}二。"], width=200)
    lines = story(0, 0, "甲") + story(240, 0, "乙") + story(0, 100, "丙") + story(240, 100, "丁")
    got = layout.text(layout.read_pages([lines])).split("\n\n")
    assert got == ["甲标题", "甲一甲二。", "乙标题", "乙一乙二。", "丙标题", "丙一丙二。", "丁标题", "丁一丁二。"]


def test_a_short_last_line_beside_an_indent_is_no_gutter():
    lines = [L("上一段的末行很短", 0, 0, 100), L("了。", 0, 15, 12), L("下一段缩进开头", 20, 30, 100)]
    assert layout.text(layout.read_pages([lines])).split("\n\n") == ["上一段的末行很短了。", "下一段缩进开头"]


def test_a_paragraph_runs_on_to_the_next_page_and_keeps_its_first_page():
    one = [L("标题", 30, 0, 80, size=20)] + column(0, 40, [">第一页的段落", "延续到"])
    two = column(0, 40, ["第二页。", ">另一段。"])
    blocks = layout.read_pages([one, two])
    assert [(b.text, b.page) for b in blocks] == [("标题", 1), ("第一页的段落延续到第二页。", 1), ("另一段。", 2)]


def test_running_heads_and_feet_are_left_out():
    def page(n, body):
        return [L("北碚报 · 要闻", 0, -40, 60), L(f"第{n}版", 400, -40, 430)] + \
            column(0, 40, body) + [L("责任编辑:刘洋", 150, 400, 250)]
    got = layout.text(layout.read_pages([page(1, [">第一页的", "正文。"] + [">一段。"] * 20),
                                         page(2, [">第二页的", "正文。"] + [">一段。"] * 20)]))
    assert got.split("\n\n") == ["第一页的正文。"] + ["一段。"] * 20 + ["第二页的正文。"] + ["一段。"] * 20


def test_a_skewed_scans_boxes_are_straightened():
    angle = math.radians(0.8)
    box = [(100, 100), (900, 100), (900, 130), (100, 130)]
    turned = layout.straighten(box, -angle, (500, 500))
    assert abs(layout.skew([turned]) - angle) < 1e-6
    back = layout.straighten(turned, angle, (500, 500))
    assert all(abs(a - b) < 1e-6 for p, q in zip(back, box) for a, b in zip(p, q))


# ---------------------------------------------------------------- PDFs and scans of an issue

@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """The issue printed to a PDF with a text layer, and scanned (damaged, 200 dpi) to a PDF
    of page images."""
    if make.chromium() is None:
        pytest.skip("chromium prints the test pages")
    out = tmp_path_factory.mktemp("pages")
    pdf = make.pdf(ISSUE, out / "issue.pdf")
    return pdf, make.scanned_pdf(pdf, out / "scanned" / "issue.pdf", dpi=200, seed=3)


@needs_chromium
def test_a_pdf_text_layer_reads_as_the_txt_issue(printed, tmp_path):
    read = pages.read(printed[0], cache=tmp_path)
    assert len(read.sizes) == 2 and read.ocr_pages == []
    want = segment(ISSUE.read_text(encoding="utf-8"), "x")
    got = segment(read.text, "x")
    assert [(a.title, a.text, a.date, a.reporters, a.kind) for a in got] == \
        [(a.title, a.text, a.date, a.reporters, a.kind) for a in want]
    # each article knows its page; the second page starts a story of its own
    assert {read.page_of(a.title, a.text) for a in got} == {1, 2}


@needs_chromium
def test_a_page_file_is_read_once_and_then_from_the_cache(printed, tmp_path, monkeypatch):
    first = pages.read(printed[0], cache=tmp_path)
    monkeypatch.setattr(pages, "_read_pdf", lambda *a: pytest.fail("read again"))
    assert pages.read(printed[0], cache=tmp_path) == first
    with pytest.raises(ValueError, match="not read yet"):     # the UI never OCRs while a user waits
        pages.read(printed[1], cache=tmp_path, cached_only=True)
    (cached,) = tmp_path.glob("*.json")
    cached.write_text("{broken")                      # a broken cache is read again
    monkeypatch.undo()
    assert pages.read(printed[0], cache=tmp_path) == first


@needs_chromium
def test_a_scanned_issue_is_ocred_into_the_same_articles(printed, tmp_path):
    read = pages.read(printed[1], cache=tmp_path)
    assert read.ocr_pages == [1, 2]
    r = make.compare(segment(ISSUE.read_text(encoding="utf-8"), "x"), segment(read.text, "x"))
    assert r["cer"] <= 0.03, r
    assert r["passed"] >= 0.9 * r["checks"], r["misses"]


@needs_chromium
def test_a_page_image_is_ocred(printed, tmp_path):
    # the top of the first page, as a photo of it would be: 200 dpi, one image file
    page = pages.page_image(printed[0], 1, width=2339)
    page.crop((0, 0, 2339, 700)).save(tmp_path / "photo.png")
    read = pages.read(tmp_path / "photo.png", cache=tmp_path)
    assert read.ocr_pages == [1]
    heads = [p.text.replace(" ", "") for p in read.paragraphs if p.kind == "head"]
    assert any(h.startswith("王俊在全区重点项目专题调度周例会上强调") for h in heads)
    assert "本报讯(记者熊辉)10月24日" in read.text.replace(" ", "")


@needs_chromium
def test_the_page_is_shown_with_the_quote_outlined(printed, tmp_path):
    read = pages.read(printed[0], cache=tmp_path)
    quote = "区委副书记、区长黄祖英主持召开区政府第49次常务会议"
    page = next(p for p in (1, 2) if pages.page_has(read, p, quote))
    img = pages.outlined(printed[0], read, page, quote, width=600)
    assert img.width == 600
    import numpy as np
    px = np.asarray(img)
    red = int(((px[..., 0] > 200) & (px[..., 1] < 40) & (px[..., 2] < 40)).sum())
    assert red > 500                                   # the outline is drawn
    assert pages.outlined(printed[0], read, page, "报上没有的一句话") is None


# ---------------------------------------------------------------- bad files

def test_bad_page_files_are_reported_and_skipped(tmp_path):
    from PIL import Image
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(ISSUE, folder / ISSUE.name)
    (folder / "cut.pdf").write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog")
    (folder / "locked.pdf").write_bytes(_encrypted_pdf())
    (folder / "not-a-pdf.pdf").write_bytes(b"hello")
    Image.new("RGB", (800, 600), "white").save(folder / "blank.png")
    (folder / "broken.jpg").write_bytes(b"\xff\xd8\xff\xe0 not a jpeg")
    docs, problems = read_corpus(folder)
    assert [d.source for d in docs] == [ISSUE.name]
    why = {p.source: p.reason for p in problems}
    assert set(why) == {"cut.pdf", "locked.pdf", "not-a-pdf.pdf", "blank.png", "broken.jpg"}
    assert "password" in why["locked.pdf"]
    assert "no text" in why["blank.png"]
    assert all(why.values())


def _encrypted_pdf() -> bytes:
    """A PDF under the standard security handler whose user password is not empty."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
            b"<< /Filter /Standard /V 1 /R 2 /P -4 /O <" + b"41" * 32 + b"> /U <" + b"42" * 32 + b"> >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for n, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += (b"trailer\n<< /Size %d /Root 1 0 R /Encrypt 4 0 R /ID [<00112233445566778899aabbccddeeff>"
            b" <00112233445566778899aabbccddeeff>] >>\nstartxref\n%d\n%%%%EOF\n") % (len(objs) + 1, xref)
    return bytes(out)


# ---------------------------------------------------------------- in the product

@needs_chromium
def test_a_pdf_issue_in_the_corpus_answers_with_file_and_page(printed, tmp_path):
    from rag import Assistant
    from ui.app import sources_html
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(printed[0], folder / "beibei-2023-10-27.pdf")
    bot = Assistant.open(folder, tmp_path / "idx", quiet=True)
    ans = bot.ask("谁主持了区政府第49次常务会议?")
    assert ans.found and "黄祖英" in ans.text
    c = ans.citations[0]
    assert c.source == "beibei-2023-10-27.pdf" and c.page in (1, 2) and "黄祖英" in c.quote
    shown = sources_html(bot, ans)
    assert f"第{c.page}页" in shown and "data:image/jpeg;base64," in shown
