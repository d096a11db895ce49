"""Follow-ups: elliptical turns rewritten from the previous question; questions about a list."""
import pytest

from conftest import ask_after
from rag.lexicon import TITLE
from rag.reader.dialog import pick, rewrite, with_thing
from rag.reader.people import People
from rag.types import Citation


@pytest.mark.parametrize("previous, turn, expected", [
    ("区长是谁?", "区政协主席呢?", "区政协主席是谁?"),
    ("区委书记是谁?", "那区人大常委会主任呢?", "区人大常委会主任是谁?"),
    ("谁主持了区政府第49次常务会议?", "美丽北碚建设大会呢?", "谁主持了美丽北碚建设大会?"),
    ("谁主持了区政府第49次常务会议?", "第27次呢?", "谁主持了区政府第27次常务会议?"),
    ("区政府第49次常务会议是哪天召开的?", "第11次呢?", "区政府第11次常务会议是哪天召开的?"),
    ("美丽北碚建设大会是哪天召开的?", "各界青年人才座谈会呢?", "各界青年人才座谈会是哪天召开的?"),
    ("谁出席了各界青年人才座谈会?", "还有美丽北碚建设大会呢?", "谁出席了美丽北碚建设大会?"),
    ("重庆市福建商会会长是谁?", "副会长呢?", "重庆市福建商会副会长是谁?"),
    ("黄祖英主持过哪些会议?", "徐永德呢?", "徐永德主持过哪些会议?"),
    ("谭家玲是什么职务?", "那董伦呢?", "董伦是什么职务?"),
])
def test_an_elliptical_turn_keeps_the_previous_frame(previous, turn, expected):
    names = People({n: "nr" for n in ("黄祖英", "徐永德", "谭家玲", "董伦")}).names_in
    assert rewrite(turn, previous, names).question == expected


@pytest.mark.parametrize("turn", ["谢谢", "他还担任什么职务?", "这次会议是哪天召开的?", "好的呢"])
def test_a_whole_question_is_not_rewritten(turn):
    assert rewrite(turn, "谁主持了区政府第49次常务会议?") is None


@pytest.mark.parametrize("previous, turn, expected", [
    ("重庆斯太宝科技有限公司生产什么产品?", "它的副总经理叫什么?", "重庆斯太宝科技有限公司的副总经理叫什么?"),
    ("中南高科·北碚科技智慧港项目在哪里举行奠基仪式?", "这个项目从拿地到开工用了几天?",
     "中南高科·北碚科技智慧港项目从拿地到开工用了几天?"),
    ("中华村是第几批示范村镇?", "该村组建了什么支部?", "中华村组建了什么支部?"),
    ("中华村是第几批示范村镇?", "该公司的总经理是谁?", None),        # 该公司 is not the 村
    ("谁主持了会议?", "它的副总经理叫什么?", None),                  # nothing to point back to
])
def test_it_points_back_to_the_thing_the_previous_question_named(previous, turn, expected):
    assert with_thing(turn, previous) == expected


def test_pick_by_date_and_position():
    cites = [Citation(i + 1, "s", f"a{i}", "t", d, "q", 0, 1)
             for i, d in enumerate(["2023-10-25", "2023-10-26", "05-11", "2023-02-17"])]
    assert pick("其中最早的是哪次?", cites) == (3, "最早")      # an MM-DD date's year is unknown
    assert pick("最近的一次呢?", cites) == (1, "最近")
    assert pick("第一个是什么会?", cites) == (0, "第一个")
    assert pick("谁主持的?", cites) is None


def test_small_talk_is_answered_as_such(bot):
    for q in ("谢谢", "谢谢你!", "你好", "再见"):
        ans = bot.ask(q)
        assert ans.form == "chat" and "没有找到" not in ans.text


def test_follow_ups_in_a_conversation(bot):
    ans = ask_after(bot, "区长是谁?", "区政协主席呢?")
    assert ans.found and "董伦" in ans.text and ans.question == "区政协主席是谁?"
    ans = ask_after(bot, "区长是谁?", "区政协主席呢?", "区委书记呢?")
    assert "王俊" in ans.text and ans.question == "区委书记是谁?"
    ans = ask_after(bot, "黄祖英主持过哪些会议?", "徐永德呢?")
    assert "各界青年人才座谈会" in ans.text and ans.question == "徐永德主持过哪些会议?"
    ans = ask_after(bot, "谁主持了区政府第49次常务会议?", "美丽北碚建设大会呢?")
    assert "黄祖英" in ans.text and ans.citations[0].date == "2023-10-26"      # that meeting's report
    ans = ask_after(bot, "谁主持了区政府第49次常务会议?", "第27次呢?", "这次会议是哪天召开的?")
    assert "2月17日" in ans.text and "2月17日" in ans.citations[0].quote


def test_questions_about_the_previous_list(bot):
    ans = ask_after(bot, "黄祖英主持过哪些会议?", "其中最早的是哪次?")
    assert ans.found and "第27次常务会议" in ans.text and ans.citations[0].date == "2023-02-17"
    ans = ask_after(bot, "黄祖英主持过哪些会议?", "最近的一次呢?")
    assert "美丽北碚建设大会" in ans.text and ans.citations[0].date == "2023-10-26"


@pytest.mark.parametrize("title", TITLE)
def test_every_title_of_the_lexicon_is_a_follow_up_focus(title):
    """A title is one lexicon row: "重庆市市长是谁?" then "省长呢?" asks "省长是谁?"."""
    got = rewrite(f"{title}呢?", "重庆市市长是谁?")
    assert got and got.question == f"{title}是谁?", got


def test_their_body_is_the_body_the_last_question_named():
    from rag.reader.dialog import with_thing
    assert with_thing("他们商会有多少家会员单位?", "2月20日王俊、黄祖英会见的重庆市福建商会会长是谁?",
                      "黄祖任") == "重庆市福建商会有多少家会员单位?"


def test_another_attribute_of_the_same_thing_is_asked_of_it():
    from rag.reader.dialog import rewrite
    got = rewrite("计划总投资呢?", "2023年全区共安排了多少重大项目?")
    assert got.kind == "attribute" and "重大项目" in got.question and got.question.endswith("计划总投资")
    assert "多少" not in got.question          # the attribute asks its own kind (是多少, as a search box)


def test_he_is_the_person_the_last_question_described_when_it_named_no_one(bot):
    from rag.types import Answer
    unanswered = Answer(text="没有找到", span=None, found=False)
    person = bot.composer._person_in(unanswered, "绵阳第一个接受离任生态审计的县长是谁?")
    assert person == "绵阳第1个接受离任生态审计的县长"      # as the question is read: numerals as digits
    # a name the question gives is whom 他 means; a question asking no one describes no one
    assert bot.composer._person_in(unanswered, "谭家玲来碚调研是哪天?") == "谭家玲"
    assert bot.composer._person_in(unanswered, "会议是哪天开的?") == ""


def test_this_is_the_last_answer_and_the_turn_asks_what_its_sentence_says_besides(bot):
    first = bot.ask("区政府第27次常务会议要求立足生态田园都市区定位守牢什么?")
    assert first.found and "三条底线" in first.span
    ans = ask_after(bot, "区政府第27次常务会议要求立足生态田园都市区定位守牢什么?", "除了这个还要做好什么?")
    assert ans.found and "三项重点任务" in ans.span
