"""The answer sentence: the question said back with the span in place of its wh-phrase."""
import pytest

from rag.question import analyze
from rag.reader.say import say
from rag.reader.sentence import Extraction, Sentence
from rag.types import Article


@pytest.mark.parametrize("question,span,said", [
    ("谁主持了区政府第49次常务会议?", "区委副书记、区长黄祖英", "区委副书记、区长黄祖英主持了区政府第49次常务会议[1]。"),
    ("会议以什么形式召开?", "现场调研办公形式", "会议以现场调研办公形式召开[1]。"),
    # the noun after the wh-word, inside the span's closing mark
    ("会议审议了什么实施方案?", "《安全生产工作实施方案》", "会议审议了《安全生产工作实施方案》[1]。"),
    # the words before the wh-word, at the span's start
    ("北碚是重庆唯一的什么示范区?", "重庆唯一的民营经济综合示范区", "北碚是重庆唯一的民营经济综合示范区[1]。"),
    # a person asked by post: the post before the name
    ("哪位区政协委员说发展有目共睹?", "唐大焱", "区政协委员唐大焱说发展有目共睹[1]。"),
    ("哪名记者拍摄了照片?", "秦廷富", "记者秦廷富拍摄了照片[1]。"),
    # the words after the wh-phrase, at the span's end, past a 的 or the asked noun
    ("黄燕将挖掘哪个镇的自然人文资源?", "天府镇自然人文资源", "黄燕将挖掘天府镇自然人文资源[1]。"),
    ("包括哪些国家在内的12个国家投了反对票?", "中国、俄罗斯在内的12个国家投了反对票",
     "包括中国、俄罗斯在内的12个国家投了反对票[1]。"),
    # the kind a which-phrase asks, when the quote does not follow the items with it
    ("习近平说21世纪是哪些地方的世纪?", "亚洲、非洲", "习近平说21世纪是亚洲、非洲的世纪[1]。"),
    # the measure a how-much asks (多长时间) is not said after the span
    ("点火测试持续了多长时间?", "540秒", "点火测试持续了540秒[1]。"),
    # the asker's words said back: 新一届, 第一附属医院, not the folded 新1届
    ("新一届政府将于哪天成立?", "9月6日", "新一届政府将于9月6日成立[1]。"),
    # a span opening with the coverb the question ends its words with: said once
    ("它由哪个部门负责解释?", "由中共中央组织部", "它由中共中央组织部负责解释[1]。"),
    # an ordinal span after the question's 第: said once
    ("冬泳活动办到第几年了?", "第22年", "冬泳活动办到第22年了[1]。"),
])
def test_the_words_the_span_shares_with_the_question_are_said_once(question, span, said):
    a = Article(id="a", source="s.txt", title="", text=span)
    ans = say(analyze(question), Extraction(span, span), [Sentence(a, span, 0, len(span))])
    assert ans.text == said


def test_which_body_is_said_by_the_body_alone():
    q = "区纪委监委和哪个部门联合开展了专项行动?"
    a = Article(id="a", source="s.txt", title="", text="区政务服务办")
    ans = say(analyze(q), Extraction("区政务服务办", "区政务服务办"), [Sentence(a, "区政务服务办", 0, 6)])
    assert ans.text == "区纪委监委和区政务服务办联合开展了专项行动[1]。"


def test_a_span_that_repeats_the_words_before_the_wh_phrase_is_said_once():
    q = "会议要求对照国务院安委会的什么措施摸清问题隐患?"
    span = "国务院安委会安全生产“十五条硬措施”"
    a = Article(id="a", source="s.txt", title="", text=span)
    ans = say(analyze(q), Extraction(span, span), [Sentence(a, span, 0, len(span))])
    assert ans.text == "会议要求对照国务院安委会安全生产“十五条硬措施”摸清问题隐患[1]。"


@pytest.mark.parametrize("question,span,said", [
    # a why-question is answered after it, not in place of its 什么
    ("主会场为什么短暂停电?", "大规模停电", "主会场为什么短暂停电:大规模停电[1]。"),
    ("惜字塔在客家地区被称为什么?", "敬字亭", "惜字塔在客家地区被称为敬字亭[1]。"),      # 称为什么 asks what
])
def test_why_is_answered_after_the_question(question, span, said):
    a = Article(id="a", source="s.txt", title="", text=span)
    assert say(analyze(question), Extraction(span, span), [Sentence(a, span, 0, len(span))]).text == said
