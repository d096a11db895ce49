"""The checks every candidate answer passes, whatever reader produced it."""
import pytest

from rag.reader.verify import echoes, fits, ordinal_for_count, with_unit


@pytest.mark.parametrize("qtype, span, ok", [
    ("who", "黄祖英", True), ("who", "任天堂", True), ("who", "10月25日", False), ("who", "1094户", False),
    ("when", "10月25日", True), ("when", "2019年", True), ("when", "清朝", True), ("when", "黄祖英", False),
    ("number", "1094户", True), ("number", "四十九", True), ("number", "黄祖英", False),
    ("what", "招商引资", True), ("what", "这是一整句话。那是另一句。", False), ("list", "", False),
])
def test_the_span_is_of_the_asked_kind(qtype, span, ok):
    assert fits(qtype, span) is ok


def test_a_count_is_never_read_off_an_ordinal():
    s = "区委副书记、区长黄祖英主持召开区政府第27次常务会议。"
    assert ordinal_for_count("number", s, s.index("27"))
    assert not ordinal_for_count("number", "共开了27次会议。", 3)
    assert not ordinal_for_count("who", s, s.index("27"))


def test_a_number_says_its_unit_and_an_echo_is_no_answer():
    assert with_unit("1094", "户居民", ["户"]) == "1094户"
    assert with_unit("3万", "余斤", ["斤", "万斤"]) == "3万余斤"
    assert with_unit("1094户", "居民", ["户"]) == "1094户"
    assert with_unit("71", "栋楼", []) == "71"
    assert echoes("谁主持了区政府第49次常务会议?", "区政府第49次常务会议")
    assert not echoes("谁主持了区政府第49次常务会议?", "黄祖英")
