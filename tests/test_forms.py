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
        # cited by its headline and the sentence that names the topic
        assert c.title in ans.text and (c.start < 0 or c.quote.endswith(art.text[c.start:c.end]))
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
    ("会议在科技创新方面提了哪些要求?", ["要求", "强调"]), ("书记在会上提了什么?", ["要求", "强调", "提出", "希望"]),
    ("这次活动的主题是什么?", None), ("提高了多少?", None),
])
def test_key_point_questions_are_told_by_their_cue(q, cue_words):
    assert cue(q) == cue_words


@pytest.mark.parametrize("q, first", [
    ("王俊对全区青年人才提出了什么希望?", "王俊希望大家要坚持正确政治方向"),
    # (from his first statement in the report on: 王俊强调,要聚力打好…, then 美丽北碚建设是…)
    ("王俊在美丽北碚建设大会上强调了什么?", "要聚力打好污染防治攻坚战"),
    ("区委常委会会议提出了哪些要求?", "要全面贯彻落实新时代新征程新重庆建设要求"),
    # the measures set out are the demands (要筑牢…), not the assessment before them (指出…)
    ("疫情防控工作会议上王俊部署了哪些措施", "要筑牢外防输入防线"),
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


def test_a_topic_no_report_words_so_shows_the_nearest_reports_as_related(bot):
    ans = bot.ask("环卫工人吃饭休息的地方 有报道没")
    assert not ans.found and ans.form == "articles"            # no report says it in these words
    assert "劳动者港湾" in ans.related[0].title and len(ans.related) <= 3


def test_key_points_are_the_demands_and_what_the_question_names_first():
    from rag.reader.points import ranked
    text = ("王俊指出,今年以来,全区经济整体好转。王俊强调,要强化政治引领。会议听取了汇报。"
            "要加强自身建设。希望全区统一战线凝聚共识。")
    got = lambda aspect: [text[a:b] for a, b in ranked(text, 0, (0, text.index("。") + 1), aspect)]
    # a finding (指出…好转) only after the demands; a report of the meeting (听取了汇报) never
    assert got({}) == ["王俊指出,今年以来,全区经济整体好转。", "王俊强调,要强化政治引领。", "要加强自身建设。"]
    assert got({"统一战线": 5.0})[0] == "希望全区统一战线凝聚共识。"
    assert ranked("会议听取了汇报。会议审议了文件。", 0, (0, 8), {}) == []     # the caller keeps its points


@pytest.mark.parametrize("q, named", [
    ("2月16日区委常委会会议对民营企业强调了什么?", "民营企业"),
    ("王俊在美丽北碚建设大会上对缙云山提了什么要求?", "缙云山"),
])
def test_key_points_on_what_the_question_names_come_first(bot, q, named):
    ans = bot.ask(q)
    assert ans.found and ans.form == "points", ans.text
    assert named in ans.citations[0].quote and 2 <= len(ans.citations) <= 5
    assert len({c.article_id for c in ans.citations}) == 1


def test_key_points_of_an_aspect_come_from_the_meeting_the_conversation_is_on(bot):
    # 科技创新 is in another meeting's report too; the one just discussed holds it: its points
    q1 = "区政府第49次常务会议是哪天开的?"
    first = bot.ask(q1)
    ans = bot.ask("会议在科技创新方面提了哪些要求?", [{"role": "user", "content": q1},
                                                    {"role": "assistant", "content": first.text}])
    assert ans.form == "points", ans.text
    assert {c.article_id for c in ans.citations} == {first.citations[0].article_id}
    assert "科技创新" in ans.citations[0].quote


def test_key_points_of_what_a_speaker_said_are_demands_not_the_review_of_the_year(bot):
    ans = bot.ask("徐永德在专题审议会议上说了什么?")
    assert ans.form == "points" and not any("今年以来" in c.quote for c in ans.citations), ans.text
    assert sum(c.quote.startswith("要") for c in ans.citations) >= 3


def test_key_points_of_the_meeting_just_discussed(bot):
    q1 = "谁主持了区政府第49次常务会议?"
    ans = bot.ask("会议强调了什么?", [{"role": "user", "content": q1},
                                      {"role": "assistant", "content": bot.ask(q1).text}])
    assert ans.form == "points" and "科技创新" in ans.citations[0].quote
    assert bot.ask("会议强调了什么?").form == "clarify"     # no meeting named, none discussed


# ------------------------------------------------------------------ what a turn asks for

@pytest.mark.parametrize("q, intent", [
    ("网络安全宣传周", "articles"), ("有没有写过大熊猫的稿子", "articles"),
    ("李区长最近都在忙些啥", "activities"), ("张三去过哪些地方?", "activities"),
    ("第3次党代会讲话要点", "points"), ("座谈会上书记提了哪些要求", "points"),
    ("报纸上一共报道过几次防汛会议?", "count"),
    ("谢谢你", "smalltalk"),
    ("第五次常务会议是谁主持的?", "fact"), ("嘉陵江大桥什么时候建成的", "fact"),
])
def test_the_intent_model_reads_what_a_turn_asks_for(q, intent):
    from rag.intent import IntentModel
    assert IntentModel.open().classify(q).name == intent


def test_a_search_box_head_noun_asks_one_fact_not_the_reports(bot):
    # 导演 / 时间 / 冠军 heads ask who, when: never a list of reports about the name
    assert bot.ask("区政府第49次常务会议 主持人").form == "answer"
    assert bot.ask("嘉陵江大桥 建成时间").form == "answer"
    assert bot.ask("谁在各界青年人才座谈会上讲话?").form == "answer"


def test_a_bare_topic_lists_its_reports_newest_first(bot):
    ans = bot.ask("缙云山")
    assert ans.found and ans.form == "articles"
    dated = [c.date for c in ans.citations if len(c.date) == 10]
    assert dated == sorted(dated, reverse=True) and len(dated) >= 2
    for c in ans.citations:
        assert "缙云山" in c.quote.replace(" ", "") and c.title in ans.text


def test_a_persons_activities_are_a_dated_list_of_their_reports(bot):
    ans = bot.ask("黄祖英最近在忙什么?")
    assert ans.found and ans.form == "activities" and "黄祖英" in ans.text
    n = int(re.search(r"共有(\d+)篇", ans.text).group(1))
    assert len(ans.citations) == min(n, 10) >= 3
    dated = [c.date for c in ans.citations if len(c.date) == 10]
    assert dated == sorted(dated, reverse=True)
    for c in ans.citations:
        assert "黄祖英" in bot.backend.article(c.article_id).text
    one_day = bot.ask("王俊10月25日干嘛去了?")
    assert one_day.form == "activities" and {c.date for c in one_day.citations} == {"2023-10-25"}


def test_a_count_over_the_corpus_counts_reports_never_an_ordinal(bot):
    ans = bot.ask("报纸上报道了几次区政府常务会议?")
    assert ans.found and ans.form == "count" and "27次" not in ans.text.split(":")[0]
    assert re.search(r"共有3篇", ans.text), ans.text
    for meeting in ("第49次常务会议", "第11次常务会议", "第27次常务会议"):
        assert meeting in ans.text and any(meeting in c.quote for c in ans.citations)
    # a count inside one report is still one fact
    assert bot.ask("重庆市福建商会有多少家会员单位?").form == "answer"


def test_a_turn_that_only_names_a_thing_is_the_topic_of_the_next():
    from conftest import ask_after
    from rag import Assistant
    bot = Assistant.open(quiet=True)
    ans = ask_after(bot, "区政府第49次常务会议", "谁主持的?")
    assert ans.found and "黄祖英" in ans.text and "区政府第49次常务会议" in ans.question


def test_what_a_named_speaker_said_is_their_points_never_the_dateline(bot):
    ans = bot.ask("王俊在全区重点项目专题调度周例会上说了什么?")
    assert ans.found and ans.form == "points"
    assert not any("本报讯" in c.quote or c.quote.endswith("出席。") for c in ans.citations)
    assert 2 <= len(ans.citations) <= 5


@pytest.mark.parametrize("q, asks", [
    ("她来碚调研都去了哪些地方?", True), ("代表团在碚期间到过哪里?", True), ("都看了啥", True),
    ("走访了哪几个地方", True), ("会议在哪里召开?", False), ("调研了什么项目?", False),
    ("王俊是哪天去的金刀峡镇?", False), ("戒严令延长到了哪天?", False), ("他们去哪了?", True), ("那天王俊去哪个镇调研了?", True),
    # 到 the complement of another verb goes nowhere
    ("王俊要求对青年做到哪三点?", False), ("会议提到哪些项目?", False), ("他到过哪三个村?", True),
])
def test_a_question_about_where_a_visit_went_is_told(q, asks):
    from rag.reader.places import asks as asks_where
    assert asks_where(q) is asks


def test_the_stops_of_a_visit_are_read_from_its_verbs():
    from rag.reader.places import places
    text = ("本报讯 5月10日,某某前往甲园区调研。当天,某某先后前往乙中心、丙研究所和丁纪念馆等地,深入了解情况。"
            "随后走进戊街区,实地考察街巷风貌。在碚考察期间,一行参观营区正规化建设。")
    got = [p for _, _, p in places(text)]
    assert got == [["甲园区"], ["乙中心", "丙研究所", "丁纪念馆"], ["戊街区"]]


def test_where_a_visit_went_lists_its_stops_cited(bot):
    h = []
    for t in ["市政协副主席谭家玲来碚调研是哪天?", "她都到过哪些地方?"]:
        ans = bot.ask(t, h)
        h += [{"role": "user", "content": t}, {"role": "assistant", "content": ans.text}]
    assert ans.found and ans.form == "places"
    for place in ("卢作孚纪念馆", "京东方科技公司"):
        assert place in ans.text and any(place in c.quote for c in ans.citations)
    # a person over the whole corpus is their timeline, not one report's stops
    assert bot.ask("王俊去过哪些地方?").form == "activities"


def test_a_turn_pointing_back_at_a_thing_only_named_reads_it_there(bot):
    # the first turn only names a meeting (and gets its reports); "会上" points back at it
    h = []
    for t in ["全区各界青年人才座谈会", "王俊在会上说了什么?"]:
        ans = bot.ask(t, h)
        h += [{"role": "user", "content": t}, {"role": "assistant", "content": ans.text}]
    assert ans.form == "points" and len(ans.citations) >= 2
    assert all("青年" in bot.backend.article(c.article_id).title for c in ans.citations)


@pytest.mark.parametrize("q, month, day, until", [
    ("黄祖英5月10日到12日这几天都参加了什么活动?", "5", "10", "05-12"),
    ("王俊5月30日至6月2日的活动", "5", "30", "06-02"),
    ("王俊10月24日干嘛去了", "10", "24", ""),
    ("王俊10月份忙什么", "10", "", ""),
    # a part of a month is a range of its days (PART_OF_MONTH)
    ("黄祖英2023年10月下旬都在忙啥", "10", "21", "10-31"),
    ("王俊10月中旬做了哪些事", "10", "11", "10-20"),
    ("王俊5月上旬的活动", "5", "1", "05-10"),
])
def test_a_days_range_is_read_with_its_last_day(q, month, day, until):
    from rag.reader.frames import frame
    f = frame(q, "activities", lambda t: list(t))
    assert (f.month, f.day, f.until) == (month, day, until)
    assert "旬" not in f.topic


def test_a_persons_activities_in_a_part_of_a_month_are_those_days(bot):
    ans = bot.ask("黄祖英2023年10月下旬都在忙啥")
    assert ans.found and "10月21日到10月31日" in ans.text, ans.text
    assert {c.date for c in ans.citations} <= {f"2023-10-{d}" for d in range(21, 32)}
    assert not bot.ask("黄祖英2023年10月上旬都在忙啥").found


def test_there_points_back_at_the_place_the_conversation_is_on(bot):
    h = []
    turns = ["金刀峡镇胜天湖村“鱼菜共生”项目", "占地多少?", "那里现在养了多少鲈鱼?"]
    for t in turns:
        ans = bot.ask(t, h)
        h += [{"role": "user", "content": t}, {"role": "assistant", "content": ans.text}]
        if t == turns[0]:     # a topic typed with its quotes is said as typed, not as tokens
            assert "提到“金刀峡镇胜天湖村“鱼菜共生”项目”" in ans.text
    assert ans.found and "41万尾" in ans.text and "41万尾" in ans.citations[0].quote


def test_a_topic_is_said_as_typed_with_a_space_where_a_frame_word_was_left_out():
    from rag.reader.frames import _span
    q = "金刀峡镇胜天湖村那个鱼菜共生项目"
    assert _span(q, ["金刀", "峡镇胜", "天湖", "村", "鱼菜", "共生", "项目"]) == "金刀峡镇胜天湖村 鱼菜共生项目"
    assert _span("环卫工人吃饭休息的地方", ["环卫工人", "吃饭", "休息", "地方"]) == "环卫工人吃饭休息的地方"
    assert _span("区委常委会(扩大)会议", ["区委常委会", "扩大", "会议"]) == "区委常委会(扩大)会议"


@pytest.mark.parametrize("q, asks, topic", [
    ("科学城北碚园区“弯道超车”那篇稿子 记者", True, "科学城北碚园区“弯道超车”"),
    ("那组照片的摄影记者是谁?", True, ""),
    ("这篇报道是谁写的?", True, ""),
    ("“挑刺”那篇报道是哪位记者写的?", True, "“挑刺”"),
    # a reporter the story is about, or met, is no byline asked
    ("在博客上爆料逃税的那个前周刊记者叫什么名字", False, None),
    ("李克强与比利时首相在哪里共同会见记者?", False, None),
    ("王俊接受了哪家媒体记者的采访", False, None),
])
def test_a_question_for_a_reports_writer_is_told_with_the_words_naming_the_report(q, asks, topic):
    from rag.reader import bylines
    assert bylines.asks(q) is asks
    if asks:
        assert bylines.topic(q) == topic


def test_a_news_items_byline_is_read_from_its_brackets():
    from rag.reader.bylines import reporters
    from rag.types import Article
    a = Article(id="n", source="n.jsonl", title="", text="正文一句。几千年的陋习,只能慢慢改变。(记者:杨子岩)")
    names, said = reporters(a)
    assert names == ["杨子岩"] and "杨子岩" in a.text[said[0]:said[1]]
    assert reporters(Article(id="m", source="m.jsonl", title="", text="记者会上,发言人回答了提问。")) == ([], None)


def test_who_wrote_a_report_is_its_byline_cited(bot):
    ans = bot.ask("科学城北碚园区“弯道超车”那篇稿子 记者")
    assert ans.found and ans.span == "向金城"
    assert "向金城" in ans.citations[0].quote and "弯道超车" in ans.citations[0].title
    # a photo story's credit line is its byline too; a report without one says so
    assert bot.ask("“老旧社区焕新颜”那组照片 摄影记者").span == "秦廷富"
    ans = bot.ask("“书香政协”读书活动那篇报道的作者")
    assert not ans.found and "署" in ans.text


def test_a_listed_reports_reason_shows_where_it_names_the_topic():
    from rag.listings import reason
    lead = ("本报讯(记者 齐宏 实习记者 关楚凡)10月25日,区委副书记、区长黄祖英主持召开区政府第49次常务会议,"
            "举办《中华人民共和国行政复议法》(以下简称《行政复议法》)法治讲座,研究选树北碚区“碚有动力”高新技术企业事宜。")
    assert "行政复议法" in reason(lead, ["行政复议法"])
    assert reason(lead, ["常务会议"]).startswith("本报讯")       # named within the cut: as before


def test_reports_about_a_topic_past_the_leads_cut_show_the_topic(bot):
    ans = bot.ask("报纸上讲行政复议法的文章")
    assert ans.found and "第49次常务会议" in ans.text
    assert "行政复议法》" in ans.text.split("):", 1)[1], ans.text


def test_a_speakers_quoted_words_are_read_with_the_verb_of_saying_after_them():
    from rag.reader.points import quoted_speech
    text = "陪同企业体验。\n“刚才我体验了全过程,感受很深。接下来,我们将尽量减少相同材料重复提供。”徐峰告诉记者。"
    got = [text[a:b] for a, b in quoted_speech(text, "徐峰")]
    assert got == ["刚才我体验了全过程,感受很深。", "接下来,我们将尽量减少相同材料重复提供。"]
    # said before the quote, and a quote inside the quote kept whole
    text = "王俊说:“要打好“三大攻坚战”。要守牢底线。”会议结束。"
    assert [text[a:b] for a, b in quoted_speech(text, "王俊")] == ["要打好“三大攻坚战”。", "要守牢底线。"]
    assert quoted_speech(text, "黄祖英") == []


def test_what_a_person_said_in_quotes_is_the_quote_cited(bot):
    ans = bot.ask("徐峰说了什么?")
    assert ans.found and ans.form == "points", ans.text
    assert "尽量减少相同材料重复提供" in ans.text
    assert not any("徐峰告诉记者" in c.quote for c in ans.citations)
