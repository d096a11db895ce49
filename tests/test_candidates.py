"""Candidate sentences: how an article's text is cut into the sentences an answer may quote."""
from rag.chunk import sentences
from rag.reader.candidates import quoted_with_speaker


def _cut(text):
    return [text[s:e] for s, e in quoted_with_speaker(text, sentences(text))]


def test_a_quotation_is_one_sentence_with_the_speaker_named_after_it():
    text = "“今天的发展有目共睹。”区政协委员唐大焱告诉记者,北碚营商环境良好。下一句。"
    assert _cut(text) == ["“今天的发展有目共睹。”区政协委员唐大焱告诉记者,北碚营商环境良好。", "下一句。"]
    for text in ("“我们将继续努力。”徐峰表示。", "“我们将继续努力。”他说。"):
        assert _cut(text) == [text]


def test_a_quotation_followed_by_other_news_stays_apart():
    text = "“我们将继续努力。”会议还研究了其他事项。"
    assert _cut(text) == ["“我们将继续努力。”", "会议还研究了其他事项。"]
    text = "“我们将继续努力。”\n区长黄祖英表示,要抓好落实。"      # another paragraph
    assert len(_cut(text)) == 2
