from rag.normalize import normalize


def test_chinese_numerals_become_digits_before_a_measure():
    assert normalize("区政府第二十七次常务会议审议了八项议题") == "区政府第27次常务会议审议了8项议题"
    assert normalize("一百二十人") == "120人"


def test_a_magnitude_after_digits_is_kept():
    # 223万人次 once read 2230人次: the 万 after digits was taken for a numeral of its own
    assert normalize("全国民航今天预计发送旅客223万人次") == "全国民航今天预计发送旅客223万人次"
    for text in ("3万亩", "1.2万名", "12万户", "30多万人", "3千人"):
        assert normalize(text) == text
    assert normalize("万人空巷") == "万人空巷"


def test_chinese_numerals_with_wan_are_written_as_the_paper_writes_them():
    assert normalize("两万人") == "2万人" == normalize("2万人")
    assert normalize("九十九万人次") == "99万人次"
