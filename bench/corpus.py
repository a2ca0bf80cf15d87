"""Deterministic news-like prose with figures, in English and Chinese, for the throughput benchmark.

The templates are written for this benchmark; a fixed seed makes every run read the same text, so results
from different runs and machines compare. `python bench/corpus.py en` prints the English text."""

from __future__ import annotations

import random
import sys

SEED = 20240601
MIN_CHARS = {"en": 50_000, "zh": 30_000}

CITIES_EN = [
    "Jinan",
    "Guangyuan",
    "Hefei",
    "Wuxi",
    "Baotou",
    "Yibin",
    "Ganzhou",
    "Zibo",
    "Liuzhou",
    "Yantai",
    "Changzhou",
    "Xiangyang",
    "Zunyi",
    "Qujing",
    "Ordos",
    "Tangshan",
    "Luoyang",
    "Jiaxing",
]
INDUSTRIES_EN = [
    "laser",
    "aluminium",
    "photovoltaic",
    "lithium battery",
    "new energy vehicle",
    "semiconductor",
    "rare earth",
    "textile",
    "steel",
    "biomedicine",
    "hydrogen energy",
    "robotics",
    "ceramics",
    "silicon",
]
OFFICIALS_EN = [
    "the municipal bureau of industry and information technology",
    "the city's development and reform commission",
    "the park's management committee",
    "a local industry association",
    "the deputy mayor",
]
CITIES_ZH = [
    "济南",
    "广元",
    "合肥",
    "无锡",
    "包头",
    "宜宾",
    "赣州",
    "淄博",
    "柳州",
    "烟台",
    "常州",
    "襄阳",
    "遵义",
    "曲靖",
    "鄂尔多斯",
    "唐山",
    "洛阳",
    "嘉兴",
]
INDUSTRIES_ZH = [
    "激光",
    "铝基材料",
    "光伏",
    "锂电池",
    "新能源汽车",
    "半导体",
    "稀土",
    "纺织",
    "钢铁",
    "生物医药",
    "氢能",
    "机器人",
    "陶瓷",
    "硅材料",
]

EN_SENTENCES = [
    "In {year}, the {industry} industry in {city} generated an output value of {money_en}, up {pct} "
    "percent year on year.",
    "{city} is now home to more than {count} {industry} enterprises, {small} of them above designated size.",
    "The {industry} cluster employs about {thousands} workers and covers {area} hectares of industrial land.",
    "Annual production capacity has reached {tonnes} tonnes, accounting for {pct}% of the provincial total.",
    "By {future}, the city aims to lift the sector's output value to over {money_en}.",
    "Installed photovoltaic capacity rose to {gw} GW last year, while wind power added {mw} megawatts.",
    "Investment in fixed assets totalled {usd}, nearly {mult} times the level of {past}.",
    "The share of high-tech manufacturing increased by {pp} percentage points to {pct} percent.",
    "According to {official}, {projects} major projects with a combined investment of {money_en} were "
    "signed in the first {months} months of {year}.",
    "Exports of {industry} products reached {usd} in {year}, an increase of {pct} percent over {past}.",
    "Each new production line can turn out between {small} and {count} units a day.",
    "Electricity use by industrial users climbed to {kwh} kilowatt-hours, roughly {pct} per cent more "
    "than a year earlier.",
    "The industrial park spans {sqm} square metres and hosts {small} research institutes.",
    "Local officials expect revenue to grow by {low}-{high}% annually through {future}.",
    "Output of primary aluminium stood at {tonnes} tons, compared with {tonnes2} tons in {past}.",
    "A {small}-kilometre rail spur links the plant to the port, cutting freight costs by about {pct}%.",
    "The company plans to invest ${usd_num} million in a new plant with a capacity of {gw} gigawatts.",
    "Some {thousands} people now work in the sector, up from fewer than {small},000 in {past}.",
    "Officials said the supply chain still depends heavily on imported equipment and components.",
    "Analysts caution that overcapacity and falling prices could weigh on margins in the coming years.",
    "The provincial government has promised land, tax and financing support for leading firms.",
    "Universities in the region have set up joint laboratories with several manufacturers.",
    "Environmental inspections have forced older smelters to upgrade their emission controls.",
]

ZH_SENTENCES = [
    "{year}年，{city}{industry}产业实现产值{yi}亿元，同比增长{pct}%。",
    "目前，全市拥有{industry}企业{count}余家，其中规模以上工业企业{small}家。",
    "{industry}产业集群带动就业超过{wan}万人，占地面积约{mu}亩。",
    "全市{industry}年产能达到{wanton}万吨，占全省总量的{pct}%。",
    "到{future}年，力争{industry}产业产值突破{yi}亿元，年均增长{pct}%以上。",
    "去年新增光伏装机{wankw}万千瓦，风电装机容量达到{gw}吉瓦。",
    "全年完成固定资产投资{yi}亿元，是{past}年的{mult}倍。",
    "高新技术产业增加值占比提高{pp}个百分点，达到{pct}%。",
    "{year}年1至{months}月，全市共签约重大项目{projects}个，总投资约{yi}亿元。",
    "{year}年{industry}产品出口额达{usd}亿美元，比{past}年增长{pct}%。",
    "园区规划面积{sqkm}平方公里，已建成标准厂房{sqm}万平方米。",
    "全市工业用电量{yi}亿千瓦时，同比增长{pct}%。",
    "原铝产量{wanton}万吨，较{past}年增加{small}万吨。",
    "预计到{future}年，全产业链营业收入将超过{qian}亿元。",
    "“十四五”期间，{city}将重点培育{small}个百亿级产业集群。",
    "该项目总投资{yi}亿元，建成后可年产{industry}产品{wanton}万吨，新增就业岗位{count}个。",
    "业内人士表示，核心装备和关键零部件仍依赖外部供应。",
    "市政府出台了土地、税收和融资等一系列支持政策。",
    "多所高校与龙头企业共建联合实验室，推动科技成果就地转化。",
    "环保督察促使部分老旧产能加快技术改造。",
]


def _fill(rng: random.Random, lang: str) -> dict[str, str]:
    """Values for every numeric template slot, freshly drawn for each sentence."""

    def dec(lo: float, hi: float, places: int = 1) -> str:
        return f"{rng.uniform(lo, hi):.{places}f}"

    def big(lo: int, hi: int) -> str:
        return f"{rng.randint(lo, hi):,}"

    money_en = rng.choice(
        [
            lambda: f"{dec(1, 950)} billion yuan",
            lambda: f"{dec(10, 900)} million yuan",
            lambda: f"RMB{dec(1, 300)} billion",
            lambda: f"{big(1_000_000, 90_000_000)} yuan",
        ]
    )()
    usd = rng.choice([lambda: f"${dec(1, 30)} billion", lambda: f"{dec(50, 900)} million U.S. dollars"])()
    low = rng.randint(3, 12)
    year = rng.randint(2019, 2024)
    common = {
        "year": str(year),
        "past": str(rng.randint(2010, year - 1)),
        "future": str(rng.choice([2025, 2026, 2027, 2028, 2030, 2035])),
        "pct": dec(0.5, 65),
        "pp": dec(0.2, 9),
        "mult": rng.choice(["2", "3", "5", "1.5", "2.4", "7"]),
        "small": str(rng.randint(2, 60)),
        "count": str(rng.randint(80, 1500)),
        "projects": str(rng.randint(10, 260)),
        "months": str(rng.randint(3, 11)),
        "gw": dec(0.5, 40),
        "low": str(low),
        "high": str(low + rng.randint(2, 10)),
    }
    if lang == "en":
        return common | {
            "official": rng.choice(OFFICIALS_EN),
            "money_en": money_en,
            "usd": usd,
            "usd_num": str(rng.randint(50, 900)),
            "thousands": big(2_000, 180_000),
            "area": big(120, 9_000),
            "tonnes": big(20_000, 2_500_000),
            "tonnes2": big(20_000, 2_500_000),
            "mw": big(50, 4_000),
            "kwh": f"{dec(1, 90)} billion",
            "sqm": big(50_000, 3_000_000),
        }
    return common | {
        "yi": dec(1, 2500),
        "qian": str(rng.randint(1, 9) * 1000),
        "wan": dec(0.5, 30),
        "mu": str(rng.randint(300, 20_000)),
        "wanton": dec(1, 500),
        "wankw": str(rng.randint(5, 900)),
        "usd": dec(1, 200, 2),
        "sqkm": dec(2, 120),
        "sqm": str(rng.randint(5, 400)),
    }


def paragraphs(lang: str, seed: int = SEED) -> list[str]:
    """News-like paragraphs about one city and industry each, together at least MIN_CHARS[lang] chars."""
    templates, cities, industries, joiner, sizes = {
        "en": (EN_SENTENCES, CITIES_EN, INDUSTRIES_EN, " ", (3, 7)),
        "zh": (ZH_SENTENCES, CITIES_ZH, INDUSTRIES_ZH, "", (4, 9)),
    }[lang]
    rng = random.Random(f"{seed}:{lang}")
    out: list[str] = []
    total = 0
    while total < MIN_CHARS[lang]:
        topic = {"city": rng.choice(cities), "industry": rng.choice(industries)}
        picked = rng.sample(templates, rng.randint(*sizes))
        para = joiner.join(t.format(**topic, **_fill(rng, lang)) for t in picked)
        out.append(para)
        total += len(para)
    return out


def text(lang: str) -> str:
    """The whole corpus for `lang` as one text, paragraphs separated by blank lines."""
    return "\n\n".join(paragraphs(lang))


if __name__ == "__main__":
    print(text(sys.argv[1] if len(sys.argv) > 1 else "en"))
