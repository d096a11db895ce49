"""Question analysis: every row of the question-type table classifies its own example."""
import pytest

from rag.question import QTYPES, analyze, classify


@pytest.mark.parametrize("qtype,pattern,example", QTYPES, ids=[t for t, _, _ in QTYPES])
def test_each_question_type_classifies_its_example(qtype, pattern, example):
    assert classify(analyze(example).text) == qtype


@pytest.mark.parametrize("question", ["孙中山在哪部著作里提出建南方大港?", "共治是什么?", "会议强调了什么?"])
def test_a_question_of_no_listed_kind_asks_what(question):
    assert analyze(question).qtype == "what"
