"""A report's own day: a sentence with no time of its own is of its lead's date."""
from conftest import find

from rag.reader.dateline import lead_date
from rag.reader.sentence import Sentence


def _sentence(article, text):
    at = article.text.find(text)
    assert at >= 0, text
    return Sentence(article, text, at, at + len(text))


def test_an_attendance_line_is_of_the_leads_day(corpus_articles):
    a = find(corpus_articles, "全区新冠肺炎疫情防控工作会议")
    lead, day = lead_date(_sentence(a, "区委副书记、区长黄祖英,区委常委、政法委书记苟鹏,副区长陈政出席。"))
    assert day == "5月12日" and lead.text.startswith("本报讯(记者 齐宏)5月12日") and day in lead.text


def test_the_lead_itself_a_time_of_its_own_a_plan_or_another_day_is_not(corpus_articles):
    a = find(corpus_articles, "全区新冠肺炎疫情防控工作会议")
    line = "区委副书记、区长黄祖英,区委常委、政法委书记苟鹏,副区长陈政出席。"
    assert lead_date(_sentence(a, a.text[:a.text.find("。") + 1])) is None

    def changed(old, new):
        return type(a)(**{**a.__dict__, "text": a.text.replace(old, new)})
    # a time of its own, a plan, or a day the report moved on to before it
    for text, line_now in ((changed("副区长陈政出席", "副区长陈政13日出席"), line.replace("出席", "13日出席")),
                           (changed("副区长陈政出席", "副区长陈政将出席"), line.replace("出席", "将出席")),
                           (changed("区委副书记、区长黄祖英", "次日,区委副书记、区长黄祖英"), line[len("区委副书记、区长黄祖英,"):])):
        assert lead_date(_sentence(text, line_now)) is None, line_now


def test_a_when_question_on_an_undated_line_is_answered_with_the_leads_date(bot):
    ans = bot.ask("副区长陈政出席的那次疫情防控工作会议是哪一天开的?")
    assert ans.found and "5月12日" in ans.text, ans.text
    assert any("5月12日" in c.quote for c in ans.citations)
    assert any("陈政出席" in c.quote for c in ans.citations)


def test_a_lead_on_another_numbered_meeting_dates_none_a_later_line_mentions(bot):
    # the lead tells of the 第二次 座谈会 (8月24日); a later line reports on the 第一次 one's
    # proposals: that line is not of the first meeting's day
    ans = bot.ask("区委2023年第一次调研协商座谈会是哪天开的")
    assert not ans.found, ans.text
    ans = bot.ask("区委2023年第二次调研协商座谈会是哪天开的?")
    assert ans.found and "8月24日" in ans.text, ans.text
