"""Answer forms beyond one span: lists of reports, key points — on the real corpus."""
import re

import pytest

from rag.reader.articles import parse
from rag.reader.points import cue


@pytest.mark.parametrize("q, topic, year, month", [
    ("有哪些报道提到了西南大学?", "西南大学", "", ""),
    ("找一下讲乡村振兴的报道", "乡村振兴", "", ""),
    ("帮我找找关于缙云山的新闻", "缙云山", "", ""),
    ("有没有关于疫情防控的新闻?", "疫情防控", "", ""),
    ("2023年的关于疫情防控的报道有哪些?", "疫情防控", "2023", ""),
    ("10月份有哪些报道提到了缙云山?", "缙云山", "", "10"),
    ("关于招商引资的报道", "招商引资", "", ""),
    ("有关于缙云山的报道吗?", "缙云山", "", ""),
    ("北碚报报道过西南大学吗?", "西南大学", "", ""),
    ("搜索乡村振兴", "乡村振兴", "", ""),
    ("查一下2023年招商引资的新闻", "招商引资", "2023", ""),
])
def test_requests_for_reports_are_parsed(q, topic, year, month):
    r = parse(q)
    assert (r.topic, r.year, r.month) == (topic, year, month)


@pytest.mark.parametrize("q", ["谁主持了区政府第49次常务会议?", "区长是谁?", "会议强调了什么?"])
def test_other_questions_are_not_requests_for_reports(q):
    assert parse(q) is None


@pytest.mark.parametrize("q, topic, must", [
    ("有哪些报道提到了西南大学?", "西南大学", "西南大学"),
    ("找一下讲乡村振兴的报道", "乡村振兴", "乡村振兴"),
    ("有没有关于缙云山的新闻?", "缙云山", "缙云山"),
    ("关于招商引资的报道有哪些?", "招商引资", "招商引资"),
])
def test_a_report_list_holds_only_reports_that_mention_the_topic(bot, q, topic, must):
    ans = bot.ask(q)
    assert ans.found and ans.form == "articles" and f"“{topic}”" in ans.text
    n = int(re.search(r"共有(\d+)篇", ans.text).group(1))
    assert len(ans.citations) == min(n, 10) >= 1
    for c in ans.citations:
        art = bot.backend.article(c.article_id)
        assert must in (art.text + art.header).replace(" ", "")     # never an article without it
        assert c.title in ans.text and (c.start < 0 or art.text[c.start:c.end] == c.quote)
        assert must in c.quote.replace(" ", "") or c.start < 0


def test_report_lists_respect_dates_and_say_not_found(bot):
    ans = bot.ask("10月份有哪些报道提到了缙云山?")
    assert ans.found and "只在10月的报道中查找" in ans.text
    assert all(c.date[-5:-3] == "10" for c in ans.citations)
    assert not bot.ask("有哪些报道提到了火星探测?").found


@pytest.mark.parametrize("q, cue_words", [
    ("会议强调了什么?", ["强调"]), ("王俊对全区青年人才提出了什么希望?", ["希望", "勉励"]),
    ("区委常委会会议提出了哪些要求?", ["要求", "强调"]), ("美丽北碚建设大会的主要内容是什么?", []),
    ("谁主持了区政府第49次常务会议?", None),
])
def test_key_point_questions_are_told_by_their_cue(q, cue_words):
    assert cue(q) == cue_words


@pytest.mark.parametrize("q, first", [
    ("王俊对全区青年人才提出了什么希望?", "王俊希望大家要坚持正确政治方向"),
    ("王俊在美丽北碚建设大会上强调了什么?", "美丽北碚建设是一项系统工程"),
    ("区委常委会会议提出了哪些要求?", "要全面贯彻落实新时代新征程新重庆建设要求"),
])
def test_key_points_come_from_one_article_each_inside_its_quote(bot, q, first):
    ans = bot.ask(q)
    assert ans.found and ans.form == "points", ans.text
    assert 2 <= len(ans.citations) <= 5 and first in ans.citations[0].quote
    assert len({c.article_id for c in ans.citations}) == 1          # never another article's text
    shown = ans.text.split("\n")[1:]
    for line, c in zip(shown, ans.citations):
        point = re.sub(r"^\d+\. |…?\[\d+\]$", "", line)
        assert point in c.quote


def test_key_points_of_the_meeting_just_discussed(bot):
    q1 = "谁主持了区政府第49次常务会议?"
    ans = bot.ask("会议强调了什么?", [{"role": "user", "content": q1},
                                      {"role": "assistant", "content": bot.ask(q1).text}])
    assert ans.form == "points" and "科技创新" in ans.citations[0].quote
    assert bot.ask("会议强调了什么?").form == "clarify"     # no meeting named, none discussed
