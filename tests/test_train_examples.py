"""Training examples made from questions: search-box forms and swapped-entity near misses."""
import random

import pytest

from train.examples import searchbox, swapped


@pytest.mark.parametrize("question,typed", [
    ("谁主持了区政府第49次常务会议?", "主持了区政府第49次常务会议"),
    ("北碚区2023年GDP增速是多少?", "北碚区2023年GDP增速"),
    ("中国第一颗原子弹在哪里爆炸?", "中国第一颗原子弹 爆炸"),
    ("请问有哪些国家关闭了驻利比亚使馆?", "国家关闭了驻利比亚使馆"),
])
def test_a_search_box_form_drops_the_question_word(question, typed):
    assert searchbox(question) == typed


def test_a_question_with_no_question_word_has_no_other_form():
    assert searchbox("乡村振兴") is None


def test_a_swapped_question_names_what_the_passage_does_not():
    passage = "区委副书记、区长黄祖英主持召开区政府第49次常务会议。"
    pool = {"nr": ["王俊", "黄祖英", "徐永德"], "ns": ["北碚", "江北"]}
    for seed in range(8):
        got = swapped("黄祖英主持了哪次会议?", passage, pool, random.Random(seed))
        # another person, or a relative of hers the passage never names
        assert got in ("王俊主持了哪次会议?", "徐永德主持了哪次会议?") or \
            got.startswith("黄祖英的") and got.endswith("主持了哪次会议?"), got
    assert swapped("谁主持了会议?", passage, pool, random.Random(0)) is None


def test_the_word_beside_the_question_word_is_swapped_first():
    """是谁主持的 on a passage saying who chaired: mostly 是谁<another act>的, the near miss the
    reader answered with the chair."""
    passage = "区委副书记、区长黄祖英主持召开区政府第49次常务会议。"
    pool = {"v": ["主持", "记录", "出席", "召开"], "n": ["会议", "座谈会"]}
    got = [swapped("区政府第49次常务会议是谁主持的?", passage, pool, random.Random(s)) for s in range(20)]
    acts = [g for g in got if g and g.startswith("区政府第49次常务会议是谁") and "主持" not in g]
    assert len(acts) >= 8 and all(g in ("区政府第49次常务会议是谁记录的?", "区政府第49次常务会议是谁出席的?")
                                  for g in acts), got


def test_a_post_is_swapped_for_one_the_passage_does_not_hold():
    passage = "新加坡总理李显龙会见了来访的客人。"
    got = {swapped("新加坡总理会见了谁?", passage, {"nr": []}, random.Random(s)) for s in range(6)}
    assert got and all(g and "总理" not in g and g.endswith("会见了谁?") for g in got)


@pytest.mark.parametrize("clause, items", [
    ("会议审议了《北碚区招商引资办法》、《北碚区人才政策》和《北碚区文旅规划》",
     "《北碚区招商引资办法》、《北碚区人才政策》和《北碚区文旅规划》"),
    ("该卫星主要用于科学试验、国土资源普查、农作物估产及防灾减灾", "科学试验、国土资源普查、农作物估产及防灾减灾"),
    ("双方可加强金融、航空、汽车、农业等领域合作", "金融、航空、汽车、农业"),
])
def test_an_enumeration_is_found_whole(clause, items):
    from train.examples import enumeration
    s, e = enumeration(clause)
    assert clause[s:e] == items


def test_a_run_of_posts_is_no_enumeration():
    from train.examples import enumeration
    assert enumeration("中共中央政治局委员、中央书记处书记、中宣部部长刘云山出席") is None


def test_the_newer_blind_sets_are_never_trained_on():
    from train.examples import BLIND_TRAIN, blind_train_files
    names = {f.stem for f in blind_train_files()}
    assert {"blind_news_d", "blind_corpus_i", "blind_news_sealed"} <= names
    assert not names & {"blind_news_j", "blind_corpus_o", "blind_news_p", "blind_corpus_p"}
    assert all(n.split("_", 2)[2] in BLIND_TRAIN for n in names if n.startswith("blind_"))


def test_the_written_training_questions_are_over_items_no_set_measures():
    import json
    from train.examples import ROOT, WRITTEN, named_items, trained_on
    files = sorted(ROOT.glob(WRITTEN))
    assert files
    named = named_items()
    for f in files:
        for line in f.read_text(encoding="utf-8").splitlines():
            d = json.loads(line)
            for s in d["sources"]:
                item = s[:-len(".jsonl")]
                assert trained_on(item) and item not in named, (f.name, d["id"])
