"""Find the places a task names (villages, towns, roads, rivers, schools …) for its `tags:`.

Used by `draft.py`. A place is a name followed by what kind of place it is (磁窑村, 龙山街小学,
瓦窑水库, 闫交线): jieba (`jieba.posseg`) splits the text and tags proper names; the name is the
run of proper or rare words before the place word. Common words that end like places (农村,
道路, 城区, 生产线) and things counted (5个美丽宜居示范村) are left out. The reviewer adds what
this misses (places without a place word, such as a county seat named alone).
"""

from __future__ import annotations

from .draft_text import frequency, words

# What kind of place a name is; longest first so 大街 wins over 街.
PLACE_WORDS = "镇 乡 村 社区 街道 大街 街 大道 路 巷 线 桥 河 江 湖 水库 山 沟 峪 湾 岭 寺 庙 公园 广场 小区 区"
SCHOOL_WORDS = "小学 中学 初中 高中 幼儿园"
ENDINGS = tuple(sorted((PLACE_WORDS + " " + SCHOOL_WORDS).split(), key=len, reverse=True))
PROPER = {"ns", "nr", "nrt", "nrfg", "nz", "nt", "g", "ng", "j", "s"}
COMMON = {"v", "vn", "vd", "a", "ad", "an", "d", "p", "c", "u", "uj", "ul", "uz", "m", "x", "r", "f", "t", "l", "i"}
RARE = 500  # a two-character noun jieba's dictionary has seen fewer times than this is likely a name
COUNTED = {"个", "座", "所", "处", "家", "条", "批"}
# Words that end like a place but name none; and endings of kinds of area rather than one area.
GENERIC_WORDS = (
    "农村 乡村 新农村 山村 村村 城乡 家乡 下乡 返乡 城镇 乡镇 村镇 集镇 小镇 道路 公路 铁路 马路 "
    "线路 一线 沿线 干线 支线 专线 热线 红线 底线 生产线 江河 河湖 山区 城市 县城 全县 上市 中小学 新建"
)
GENERIC = set(GENERIC_WORDS.split())
GENERIC_ENDINGS: tuple[str, ...] = ("城区", "园区", "开发区", "景区", "矿区", "山区", "片区", "新区", "保护区")
GENERIC_ENDINGS += ("示范区", "功能区", "棚户区")


def find_places(text: str) -> list[str]:
    """Return the places a text names, in order of appearance, each once."""
    tokens = words(text)
    quoted = _quoted(tokens)
    found: list[tuple[int, int, str]] = []  # start token, end token, name
    for i, (word, flag) in enumerate(tokens):
        if quoted[i] or (flag in COMMON and flag != "f") or not word.endswith(ENDINGS) or word in GENERIC:
            continue  # 初中 is tagged f (方位词) by jieba; 道路 in 段马线道路 is no place of its own
        start = i
        while start > 0 and not quoted[start - 1] and _is_name_part(*tokens[start - 1]):
            start -= 1
        name = "".join(w for w, _ in tokens[start : i + 1])
        counted = start > 0 and (tokens[start - 1][1] == "m" or tokens[start - 1][0] in COUNTED)
        named = start < i or (flag in PROPER and len(word) >= 2 and word not in ENDINGS)
        if named and not counted and name not in GENERIC and not name.endswith(GENERIC_ENDINGS):
            found.append((start, i, name))
    # 龙山街 inside 龙山街小学: keep the longest name of overlapping ones.
    kept = [f for f in found if not any(o[0] <= f[0] and f[1] <= o[1] and o != f for o in found)]
    return list(dict.fromkeys(name for _, _, name in kept))


def _is_name_part(word: str, flag: str) -> bool:
    """Tell whether a word can be part of a place's name: a proper name, one character, or a rare noun."""
    if flag in COMMON or word in GENERIC or not word.strip() or word.endswith("性"):
        return False  # 普惠性, 公益性: a quality, never part of a name
    if flag in PROPER or len(word) == 1:
        return True
    return flag == "n" and len(word) == 2 and frequency(word) < RARE


def _quoted(tokens: list[tuple[str, str]]) -> list[bool]:
    """Mark the words inside quotation or book-title marks: slogans and titles, not places."""
    marks, depth = [], 0
    for word, _ in tokens:
        if word in "”》":
            depth = max(depth - 1, 0)
        marks.append(depth > 0)
        if word in "“《":
            depth += 1
    return marks
