"""Words the pipeline recognises by table, one table each, imported by every stage that
needs it (the segmenter learns names after titles, the reader answers who holds a title).

TITLE: a post held by a person, written before the name (区长黄祖英) or asked of
(北碚区区长是谁). A deputy is 副 + the title (副区长) and is not the title itself.
"""
from __future__ import annotations

import re

TITLE = ("书记", "区长", "县长", "市长", "镇长", "乡长", "村长", "主任", "主席", "会长", "董事长",
         "总经理", "经理", "部长", "局长", "组长", "秘书长", "院长", "校长", "所长", "队长", "社长",
         "理事长", "厂长", "负责人", "主任委员",
         # national and foreign posts (新闻联播: 国务院总理李克强, 新加坡总理李显龙)
         "总理", "总统", "首相", "省长", "州长", "大使", "总裁", "行长", "委员长", "司令员", "政委", "院士",
         "议长", "众议长", "参议长")
# written before a name without being a post of their own (区委书记, 委员, 村支书, 同志)
BEFORE_NAME = ("区委书记", "常务副区长", "村支书", "委员", "同志")

# acts a who-question asks the doer of (谁主持了…, 谁在开幕式上致辞): the question's role,
# read where it is said (主持 of 区长黄祖英主持会议); a new role is a row here
ROLES = ("主持", "出席", "讲话", "致辞", "会见", "陪同", "签署", "参加", "带队", "考察", "调研", "打造")

# words for a person, asked of by X叫什么 (副总经理叫什么, 妻子叫什么, 乡村医生叫什么)
KIN = ("妻子", "丈夫", "儿子", "女儿", "父亲", "母亲", "爸爸", "妈妈", "孩子", "爷爷", "奶奶", "哥哥",
       "姐姐", "弟弟", "妹妹", "师傅", "老师", "医生", "夫人", "爱人")


def alt(words) -> str:
    return "|".join(sorted(set(words), key=lambda w: (-len(w), w)))     # longest first


# characters Chinese writes foreign names with (扎尔达里, 安德烈琴科, 科恰诺娃, 拉赫蒙): a run
# of three or more of them right after a title (巴基斯坦总统扎尔达里) is a person's name
TRANSLITERATION = ("阿埃艾安奥巴拜班邦贝本比彼波伯博布查达戴丹道德迪蒂杜多厄恩尔法菲费芬弗福盖甘戈格"
                   "贡古哈海汉豪赫亨胡霍基吉加贾杰捷金卡凯坎康柯科克库拉莱赖兰朗劳勒雷蕾里利莉林琳卢鲁伦罗洛"
                   "马玛迈麦曼梅门蒙米密莫姆穆纳娜内尼涅努诺欧帕潘佩皮珀普齐奇契乔切萨塞桑森沙舍什斯苏索塔泰"
                   "坦汤特图托瓦维韦温沃乌西希谢辛休雅亚扬耶伊因尤约赞扎泽詹佐兹琴娃夫娅茨热别恰烈")

# measure words (量词) that count things: what 几 / 多少 / 哪 / 这 / 那 take before a noun (几种颜色,
# 哪首曲子, 那份年货, 第三章). One table for the wh-phrase, the pronouns and a count's unit
CLASSIFIERS = "个家名项所座条位户栋台辆套件张只头棵株部场组篇份轮支艘盏架枚颗匹层股起宗批届种类款型段首章节块本封道门口间期集样"
VERBAL_CLASSIFIERS = "趟回遍番"    # ... and those of acts (去了一趟)
# ... and what a count may also be in: people and times (人, 次), measures (亩, 元, 吨), age
COUNT_UNITS = CLASSIFIERS + "尾人次亩元斤吨岁例粒倍处"
# how-much wh-phrases that ask a measure, the measure's noun after them (多长时间, 多大面积):
# that noun counts no thing, and the answer is said without it (540秒, not 540秒时间)
MEASURED_WH = re.compile(r"多[长大高远重深宽厚久]")

# words of a how-many question that name its units (a pattern each); a noun among them is the
# measure asked (比例, 人数), not a thing counted (多少比例的行政辖区 counts 行政辖区 in %)
UNITS = {
    "面积": ["平方公里", "平方米", "亩", "公顷"], "多大(?!岁数|年纪|年龄)": ["平方公里", "平方米", "亩", "公顷", "岁"],
    "岁数|年纪|年龄": ["岁"], "多深|多高|多宽|多厚": ["米", "公里", "厘米"], "多重": ["吨", "公斤", "千克", "斤", "克"],
    # (多长时间 asks how long it took, as 多久 does: 三小时, not only 天 or 年)
    "多久|多长时间|多少时间": ["天", "个月", "年", "小时", "分钟", "周", "秒"],
    "多长(?!时间)": ["公里", "米", "天", "个月", "年"],
    "钱": ["亿元", "万元", "元"], "投资": ["亿元", "万元", "元"], "资金": ["亿元", "万元", "元"],
    "营业额": ["亿元", "万元", "元"], "产值": ["亿元", "万元", "元"], "产量": ["万斤", "斤", "吨", "万吨"],
    # an amount of money, written with its 元 or without (交易额突破了1000亿)
    "交易额|销售额|金额|收入": ["亿元", "万元", "元", "亿", "万"],
    # a change asked by how much (增长了多少, 增速), not to what level (提高到多少)
    "(?:增长|提高|上升|上涨|下降|降低|减少)了?(?=多少|几)|增幅|增速|涨幅|降幅|增长率": ["%", "倍", "个百分点"],
    # a part of a whole (拿出销售收入的多少用于创新: 5%), a share or an amount
    "的(?:多少|几成)(?!钱)": ["%", "成"],
    # a rate is a percentage (失业率 5.5%; not 效率, 频率, 概率, 汇率)
    r"(?<![效频概汇])率\s*(?:是|为)?\s*(?:多少|几)": ["%", "个百分点"],
    # what a head noun counts in (每亩价格: 元, not the 940亩 sold; 演员人数: 人, not 五个)
    "价格|价钱|[单均售房地票总造报]价|费用|成本|工资|租金": ["元", "万元", "亿元", "亿", "万"],
    "人数|人次|用户规模|用户数|游客量|客流量": ["人", "名", "位", "万人", "人次", "户", "亿", "万"],
    "货运量|吞吐量|运输量|运量": ["吨", "万吨", "亿吨", "标箱", "万标箱", "亿", "万"],
    "比例|比重|占比|份额": ["%", "成", "个百分点"],
    # cases and casualties are counted in people (死亡病例 221823例, 确诊 4例, 遇难 12人;
    # not 死亡 alone: 从死亡线上拉回来的病人 16000多个)
    "病例|确诊|感染者|伤亡|遇难": ["例", "人", "名", "万例", "万人", "万"],
    "长度|全长|宽度|距离|路程|里程|高度|深度|身高": ["米", "公里", "千米", "厘米", "毫米", "里", "英寸"],
}
# the measure nouns of UNITS as one pattern (比例, 面积, 人数; not 多大 or 的多少)
MEASURE_NOUN = re.compile("|".join(f"(?:{k})" for k in UNITS))

# a word for a person ends with one of these (村医生, 副总经理, 志愿者)
PERSON_NOUN = rf"{alt(TITLE + KIN)}|[人者员]"
# a title or a deputy's, as one regex alternation
TITLE_WORD = rf"副?(?:{alt(TITLE)})"
# what may stand right before a person's name
BEFORE_NAME_WORD = alt([*BEFORE_NAME, *TITLE, *(f"副{t}" for t in TITLE)])
# how a body's name ends (区城市管理局, 区政务服务办, 重庆斯太宝科技有限公司)
ORG_SUFFIX = r"(?:局|部|委|办|中心|公司|政府|院|队|支队|会|所|站|集团|学校|大学)"
# currencies a sum is counted in after its magnitude (2500亿美元: one amount, not 2500亿)
CURRENCY = ("美元", "欧元", "日元", "英镑", "港元", "港币", "澳元", "卢布", "韩元", "人民币", "元")
# what a rate is counted per, after its unit and a slash (32.40元/股, 350公里/小时)
PER = ("股", "吨", "人", "户", "小时", "公里", "千克", "公斤", "斤", "亩", "平方米", "米", "年", "月", "天", "次",
       "件", "台", "辆", "桶", "盎司", "千瓦时", "度")
# the same thing under two names, as news writes them: an abbreviation in Latin letters and
# its Chinese name (一季度GDP asked, 一季度国内生产总值 written). Either name of a row found
# in an article counts as the other (checks.mentions); keys are lower case, as tokens are,
# and of three letters or more (ai or un would be found inside English words).
ALIASES = {
    "gdp": ("国内生产总值", "生产总值"), "cpi": ("居民消费价格",), "ppi": ("工业生产者出厂价格",),
    "pmi": ("采购经理指数",), "who": ("世界卫生组织", "世卫组织"), "wto": ("世界贸易组织", "世贸组织"),
    "imf": ("国际货币基金组织",), "apec": ("亚太经合组织",), "g20": ("二十国集团",), "nba": ("美国职业篮球联赛",),
    "nasa": ("美国国家航空航天局",),
    "ipo": ("首次公开募股",), "gps": ("全球定位系统",),
}


# each name of a row -> the row's other names
_OTHER_NAMES: dict[str, tuple[str, ...]] = {}
for _k, _names in ALIASES.items():
    _OTHER_NAMES[_k] = _names
    for _n in _names:
        _OTHER_NAMES[_n] = _OTHER_NAMES.get(_n, ()) + (_k,)


def aliases(word: str) -> tuple[str, ...]:
    """The other names ALIASES gives `word` (gdp or GDP: 国内生产总值, 生产总值; 国内生产总值:
    gdp). Only a Latin word is lower-cased: checks.mentions asks on every call."""
    return _OTHER_NAMES.get(word.lower() if word.isascii() else word, ())


# countries, as news names them: a sentence naming another country and not the asked one is
# about that country (asked 韩国's heat deaths, 日本全国至少1729人中暑 answers for Japan)
COUNTRIES = ("中国", "美国", "日本", "韩国", "朝鲜", "俄罗斯", "英国", "法国", "德国", "意大利", "西班牙", "葡萄牙",
             "荷兰", "比利时", "瑞士", "瑞典", "挪威", "芬兰", "丹麦", "波兰", "乌克兰", "白俄罗斯", "希腊", "土耳其",
             "伊朗", "伊拉克", "叙利亚", "以色列", "沙特", "埃及", "印度", "巴基斯坦", "阿富汗", "孟加拉国", "越南",
             "泰国", "缅甸", "老挝", "柬埔寨", "马来西亚", "新加坡", "印度尼西亚", "菲律宾", "蒙古", "哈萨克斯坦",
             "澳大利亚", "新西兰", "加拿大", "墨西哥", "巴西", "阿根廷", "智利", "秘鲁", "古巴", "南非", "尼日利亚",
             "埃塞俄比亚", "肯尼亚", "塞拉利昂", "利比里亚", "几内亚")
