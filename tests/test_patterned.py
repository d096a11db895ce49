"""Items asked by the part they share: 哪几个“早”, 哪“五个好”, “三假”, 哪两种“人”."""
import pytest

from rag.question import analyze
from rag.reader.patterned import patterned_items, shared_part


@pytest.mark.parametrize("question,part", [
    ("推动项目做到哪几个“早”?", ("早", None)), ("要把退役军人工作做到哪“五个好”", ("好", 5)),
    ("精准打击的“三假”指什么?", ("假", 3)), ("要坚持哪两个“至上”?", ("至上", 2)),
    ("谁主持了区政府第49次常务会议?", None),
    # a phrase of its own, not coined items: its content is given otherwise (the list rules)
    ("北碚区的“两大定位”是什么?", None),
    # the quote is not what is asked
    ("王俊要求全区上下以怎样的历史使命感推动北碚“五美”整体跃升?", None),
])
def test_the_shared_part_and_count_come_from_the_quote(question, part):
    assert shared_part(analyze(question).text) == part


@pytest.mark.parametrize("question,text,items", [
    # the district paper's own sentences
    ("推动项目做到哪几个“早”?", "要跑出项目建设加速度,推动项目早开工、早竣工、早投产、早见效。要强化项目保障",
     ["早开工", "早竣工", "早投产", "早见效"]),
    ("要做优、做精、做强哪几个“大”?", "探索生态产品价值实现路径,做优大生态、做精大旅游、做强大健康,努力打造",
     ["大生态", "大旅游", "大健康"]),
    # the lead-in verb is no part of the first item: parallel items are of one length
    ("全区上下要坚持哪两个“至上”?", "全区上下务必深刻认识抗疫斗争的复杂性、艰巨性,坚持人民至上、生命至上,坚决克服麻痹思想",
     ["人民至上", "生命至上"]),
    ("要把退役军人工作做到哪“五个好”", "切实把退役军人接收安置好、服务保障好、教育管理好、作用发挥好、权益维护好,让军人成为",
     ["接收安置好", "服务保障好", "教育管理好", "作用发挥好", "权益维护好"]),
    # an item holding 和 (和谐之美), and not the count that abridges the items (“五美”)
    ("要推动北碚哪几种“美”整体跃升?", "推动北碚自然之美、城乡之美、人文之美、和谐之美、生活之美“五美”整体跃升",
     ["自然之美", "城乡之美", "人文之美", "和谐之美", "生活之美"]),
    # quoted items a clause apart, before an unquoted phrase that shares the part by chance
    ("代表对群众要当哪两种“人”?", "要充分发挥代表来自人民、植根人民的特点和优势,既代表群众、做群众的“知心人”,又引导群众、当群众的“带头人”",
     ["知心人", "带头人"]),
])
def test_the_items_are_read_whole(question, text, items):
    assert patterned_items(analyze(question).text, text) == items


def test_no_items_by_chance():
    # one common character, uncounted: two words holding it are no list
    assert patterned_items("要有哪几个“大”?", "大力推进大局观念,要有大的作为") == []
    # fewer items than asked
    assert patterned_items("要坚持哪三个“至上”?", "坚持人民至上、生命至上,坚决") == []


def test_a_quoted_count_of_coined_items_is_no_anchor():
    """The text gives the five items, not the words 五个好; a named phrase stays one."""
    q = analyze("习近平要求把退役军人工作做到哪“五个好”?")
    assert q.qtype == "list" and q.anchors == []
    assert analyze("北碚区的“三篇文章”是什么?").anchors == ["3篇文章"]     # (numerals folded)


def test_the_items_are_answered_and_cited(bot):
    ans = bot.ask("徐永德要求推动项目做到哪几个“早”?")
    assert ans.found, ans.text
    for item in ("早开工", "早竣工", "早投产", "早见效"):
        assert item in ans.text and any(item in c.quote for c in ans.citations), ans.text
    assert "“早”" not in ans.text
