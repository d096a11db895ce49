"""Question analysis: every row of the question-type table classifies its own example."""
import pytest

from rag.question import QTYPES, analyze, classify


@pytest.mark.parametrize("qtype,pattern,example", QTYPES, ids=[t for t, _, _ in QTYPES])
def test_each_question_type_classifies_its_example(qtype, pattern, example):
    assert classify(analyze(example).text) == qtype


@pytest.mark.parametrize("question", ["孙中山在哪部著作里提出建南方大港?", "共治是什么?", "会议强调了什么?"])
def test_a_question_of_no_listed_kind_asks_what(question):
    assert analyze(question).qtype == "what"


@pytest.mark.parametrize("question,wh", [("谭家玲来碚调研时,哪些区领导陪同?", "哪些区领导"),
                                         ("新冠肺炎疫情防控工作会议有哪些人出席?", "哪些人"),
                                         # the longest people noun: not 哪些人 of 哪些人大代表
                                         ("区政协会前集中视察有哪些人大代表参加?", "哪些人大代表")])
def test_a_list_of_people_is_asked_for_by_its_noun(question, wh):
    q = analyze(question)
    assert (q.qtype, q.asks_people, q.wh) == ("list", True, wh)
    assert not analyze("哪些企业入选了2021重庆民营企业100强?").asks_people
