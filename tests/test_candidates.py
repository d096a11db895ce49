"""Candidate sentences: how an article's text is cut into the sentences an answer may quote."""
from rag.chunk import sentences
from rag.reader.candidates import quoted_with_speaker
from rag.types import Article


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


def test_a_roundup_frames_each_sentence_by_its_own_item():
    from rag.reader.candidates import sections
    from rag.reader.sentence import Sentence
    from rag.types import Article
    text = ("工业互联网全球峰会在沈阳开幕\n峰会今天在沈阳开幕,将举办13场专题会议。\n"
            "最新通航科技亮相通航展\n通航博览会正在石家庄举行,165家企业参展。")
    a = Article(id="a", source="a.txt", title="国内联播快讯", text=text)
    cands = [Sentence(a, text[s:e], s, e) for s, e in sentences(text)]
    frames, items = sections(text, cands)
    assert "通航展" in frames[-1] and "沈阳" not in frames[-1]
    assert "沈阳" in frames[1]
    # ... and each sentence's whole item, an article of its own
    assert "165家" in items[-1] and "13场" not in items[-1] and "13场" in items[1]
    # a report that opens with its lead, not an item's heading, has no sections
    report = "本报讯 区政府召开常务会议,研究工作。\n会议强调安全生产\n会议指出,要抓好落实。"
    b = Article(id="b", source="b.txt", title="区政府召开常务会议", text=report)
    assert sections(report, [Sentence(b, report[s:e], s, e) for s, e in sentences(report)]) == ([], [])


def test_a_roundup_item_is_read_as_an_article_of_its_own():
    """A number of another item of the same roundup does not answer: 巴格达…死亡人数 is not
    the 11280 dead of the Ebola item below it."""
    from rag.question import analyze
    from rag.reader.candidates import CandidateSentences
    from rag.tables import ReaderTables
    from rag.tokenize import Segmenter
    from rag.types import Article
    text = ("伊拉克汽车炸弹袭击 百余人伤亡\n伊拉克首都巴格达13号发生汽车炸弹袭击,已造成至少60人死亡。\n"
            "世卫组织:埃博拉疫情有望年底结束\n根据世卫组织的数据,去年爆发的埃博拉疫情共造成超过11280人死亡。")
    a = Article(id="a", source="a.txt", title="国际联播快讯", text=text)
    tables = ReaderTables(df={w: 2 for w in ("巴格达", "汽车", "炸弹", "袭击", "死亡", "世卫", "埃博拉", "疫情")},
                          n_docs=20)
    found = CandidateSentences(tables, Segmenter()).find(analyze("巴格达汽车炸弹袭击死亡多少人?"), [a], loose=True)
    assert any("60人" in s.text for s in found) and all("11280" not in s.text for s in found)


def test_an_adverb_no_text_has_is_no_word_to_find():
    from rag.question import analyze
    from rag.reader.candidates import CandidateSentences
    from rag.tables import ReaderTables
    from rag.tokenize import Segmenter
    seg = Segmenter()
    tables = ReaderTables(df={"重载": 2, "铁路": 3, "出现": 5, "国家": 9}, n_docs=20)
    weights = CandidateSentences(tables, seg).weights(analyze("重载铁路最早在哪个国家出现?"))
    assert "最早" not in weights and "重载" in weights     # the paper says 首次出现
    weights = CandidateSentences(tables, seg).weights(analyze("重载铁路的坡度最低要多少?"))
    assert "最低" not in weights and "重载" in weights     # a superlative: the paper says 不能低于
    # a numeral and its classifier no text has count, and name nothing to find
    weights = CandidateSentences(tables, seg).weights(analyze("重载铁路要营造一种怎样的氛围?"))
    assert "一种" not in weights and "重载" in weights
    # ... nor do an act's classifier or a demonstrative (那一趟, 那些地方: the asker points)
    weights = CandidateSentences(tables, seg).weights(analyze("重载铁路那些地方去了一趟是哪天?"))
    assert "那些" not in weights and "一趟" not in weights and "重载" in weights


def test_a_common_verb_no_text_has_is_the_askers_word_a_rare_one_the_act_asked():
    from rag.question import analyze
    from rag.reader.candidates import CandidateSentences
    from rag.tables import ReaderTables
    from rag.tokenize import Segmenter
    tables = ReaderTables(df={"俄罗斯": 2, "国事访问": 2, "区政府": 5, "常务会议": 3, "主持": 4}, n_docs=20)
    cs = CandidateSentences(tables, Segmenter())
    # the paper says 16日至18日…进行国事访问, never 安排: it weighs little and vetoes nothing
    from rag.reader.candidates import LIGHT_WEIGHT
    assert cs.weights(analyze("对俄罗斯的国事访问安排在哪几天?"))["安排"] == LIGHT_WEIGHT
    from rag.types import Article
    a = Article(id="a", source="a.txt", title="胡锦涛对俄罗斯进行国事访问",
                text="胡锦涛将于16日至18日对俄罗斯进行国事访问。")
    found = cs.find(analyze("对俄罗斯的国事访问安排在哪几天?"), [a], loose=True)
    assert any("16日至18日" in s.text for s in found)
    # a meeting's 表决 is what is asked: an article without it does not answer
    assert "表决" in cs.weights(analyze("谁主持了区政府第49次常务会议的表决?"))
    assert "去年" in cs.weights(analyze("区政府去年开了几次常务会议?"))      # a time is never the asker's frame
    assert "跟" not in cs.weights(analyze("区政府跟俄罗斯开了几次常务会议?"))  # a preposition names nothing
    # the asking frame (请问) and the generic act of a meeting (开会, as 召开) name nothing to find
    assert not {"请问", "开会"} & set(cs.weights(analyze("请问区政府常务会议开会日期")))
    # a photo's caption says where it was taken, never 照片
    assert "照片" not in cs.weights(analyze("照片里区政府常务会议在哪条路?"))
    assert "那天" not in cs.weights(analyze("区政府常务会议那天谁主持?"))     # the asker points at a day
    from rag.reader.candidates import framing
    assert framing("时说") and framing("文中说")     # 会谈时说, 文中说: the frame and a verb of saying
    assert not framing("通话") and not framing("说明")


def test_a_word_with_its_localiser_and_a_verb_of_saying_weigh_as_the_paper_writes():
    from rag.question import analyze
    from rag.reader.candidates import CandidateSentences
    from rag.tables import ReaderTables
    from rag.tokenize import Segmenter
    tables = ReaderTables(df={"春运": 2, "每天": 3, "退票": 2, "李克强": 4, "经济": 5}, n_docs=20)
    cs = CandidateSentences(tables, Segmenter())
    assert "春运" in cs.weights(analyze("春运期间每天的退票量高达多少张?"))      # 春运期间 as 春运
    assert "说" not in cs.weights(analyze("李克强说中国经济是世界经济的什么?"))   # the paper says 强调


def test_a_short_name_matches_its_long_form():
    from rag.reader.candidates import abbreviations
    [(word, rx)] = abbreviations(["财经委", "黄祖英"])        # a person's name is never shortened so
    assert word == "财经委" and rx.search("区人大财政经济委员会负责人介绍")
    assert not rx.search("区财政局负责人介绍")
    [(word, rx)] = abbreviations(["通话"])                    # two characters: one between at most
    assert rx.search("习近平同泽连斯基通电话") and not rx.search("通过了对话")
    [(word, rx)] = abbreviations(["中央政治局常委会"])         # a long name shortened in its last part
    assert rx.search("中共中央政治局常务委员会3月17日召开会议") and not rx.search("中央政治局会议")


def test_a_demonstrative_with_a_measure_word_is_no_word_to_find():
    from rag.question import analyze
    from rag.reader.candidates import CandidateSentences
    from rag.tables import ReaderTables
    from rag.tokenize import Segmenter
    tables = ReaderTables(df={"年货": 2, "特殊": 3, "读书": 2, "活动": 5, "主题": 4, "案件": 3, "超过": 4}, n_docs=20)
    cs = CandidateSentences(tables, Segmenter())
    # 那份 / 这一期 point back at what the asker read: the paper writes neither
    assert not {"那份", "那"} & set(cs.weights(analyze("那份特殊年货有多重?")))
    assert not {"这", "期", "这一期"} & set(cs.weights(analyze("读书活动这一期的主题是什么?")))


def test_an_article_without_an_unseen_topic_word_is_read_loosely_but_never_one_without_the_asked_act():
    """On a small corpus an asker's word no indexed text holds (打成重伤) dropped every article;
    the trained reader may read it (its span then needs a sure score, `verify.UNSEEN_SURE`).
    Without the wh-phrase's own such word (记录 of 是谁记录的) the article answers another act."""
    from rag.question import analyze
    from rag.reader.candidates import CandidateSentences
    from rag.tables import ReaderTables
    from rag.tokenize import Segmenter
    text = "昨日,一名男子在街头与人发生冲突后受重伤。经查,该男子名叫张某,今年35岁。"
    a = Article(id="a", source="a.txt", title="男子街头冲突受伤", text=text)
    tables = ReaderTables(df={w: 2 for w in ("男子", "街头", "冲突", "名叫", "会议", "主持")}, n_docs=20)
    cs = CandidateSentences(tables, Segmenter())
    q = analyze("在街头被打成重伤的男子叫什么名字?")
    assert cs.find(q, [a]) == []                       # the rules read no article without 打成
    loose = cs.find(q, [a], loose=True)
    assert loose and all(s.unseen for s in loose)
    # the attribute asked (题目, 金额) is given by its value: no word to find
    assert "题目" not in cs.weights(analyze("男子发表的文章题目是什么?"))
    minutes = Article(id="b", source="b.txt", title="会议", text="会议由区长主持。")
    assert cs.find(analyze("会议是谁记录的?"), [minutes], loose=True) == []
    assert [s.unseen for s in cs.find(analyze("会议是谁主持的?"), [minutes], loose=True)][:1] == [False]
