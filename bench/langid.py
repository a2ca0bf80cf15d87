"""Language identification candidates side by side: accuracy, speed, load time and installed size.

Measures lingua-language-detector (low and high accuracy mode) and py3langid, each restricted to the
languages of the samples and unrestricted, on short sentences (30-80 characters), long texts (a
paragraph) and mixed texts (a report with some English words and digits), in the supported languages and
in languages that share their scripts. Then measures industrywatch.langid.detect() itself on the same
texts: it must name the language's pack, or raise IndustrywatchError for a language with no pack.

    .venv/bin/python bench/langid.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import distribution
from pathlib import Path

from industrywatch.errors import IndustrywatchError
from industrywatch.langid import detect
from industrywatch.langpacks import available

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"

# Sentences written for this benchmark in the style of industrial news; long texts add a paragraph each
# and, for the supported languages, the project's examples and the seed reports.
SHORT: dict[str, list[str]] = {
    "en": [
        "The city's laser industry output reached 30 billion yuan in 2023.",
        "More than 300 enterprises now work in the aluminium park.",
        "Solar module capacity will exceed 50 GW by 2027, officials said.",
        "Exports of new energy vehicles rose 18% year on year.",
        "The province plans to add 12 industrial parks within five years.",
    ],
    "zh": [
        "2023年全市激光产业产值达到300亿元，同比增长15%。",
        "园区现有规模以上工业企业120余家，从业人员超过两万人。",
        "到2027年，全市铝产业产值力争突破1000亿元。",
        "预计今年光伏组件产能将超过50吉瓦，居全省首位。",
        "新能源汽车出口量同比增长18%，占全省比重达到三成。",
    ],
    "ur": [
        "جنان میں لیزر صنعت کی پیداوار 30 ارب یوآن تک پہنچ گئی۔",
        "صنعتی پارک میں 300 سے زائد کمپنیاں کام کر رہی ہیں۔",
        "2027 تک ایلومینیم صنعت کا ہدف 100 ارب یوآن ہے۔",
        "نئی توانائی گاڑیوں کی برآمدات میں 18 فیصد اضافہ ہوا۔",
        "صوبے نے پانچ سال میں بارہ نئے صنعتی زون بنانے کا منصوبہ بنایا ہے۔",
    ],
    "pa": [
        "ਸ਼ਹਿਰ ਦੇ ਲੇਜ਼ਰ ਉਦਯੋਗ ਦਾ ਉਤਪਾਦਨ ਮੁੱਲ 30 ਬਿਲੀਅਨ ਯੂਆਨ ਤੱਕ ਪਹੁੰਚ ਗਿਆ।",
        "ਐਲੂਮੀਨੀਅਮ ਪਾਰਕ ਵਿੱਚ 300 ਤੋਂ ਵੱਧ ਉੱਦਮ ਕੰਮ ਕਰ ਰਹੇ ਹਨ।",
        "2027 ਤੱਕ ਉਦਯੋਗ ਦਾ ਟੀਚਾ 100 ਬਿਲੀਅਨ ਯੂਆਨ ਹੈ।",
        "ਨਵੀਂ ਊਰਜਾ ਵਾਹਨਾਂ ਦੀ ਬਰਾਮਦ ਵਿੱਚ 18% ਵਾਧਾ ਹੋਇਆ।",
        "ਸੂਬਾ ਪੰਜ ਸਾਲਾਂ ਵਿੱਚ ਬਾਰਾਂ ਨਵੇਂ ਉਦਯੋਗਿਕ ਪਾਰਕ ਬਣਾਏਗਾ।",
    ],
    "hi": [
        "शहर के लेजर उद्योग का उत्पादन मूल्य 30 अरब युआन तक पहुंच गया।",
        "औद्योगिक पार्क में 300 से अधिक कंपनियां काम कर रही हैं।",
        "2027 तक एल्यूमीनियम उद्योग का लक्ष्य 100 अरब युआन है।",
        "नई ऊर्जा वाहनों के निर्यात में साल-दर-साल 18% की वृद्धि हुई।",
        "राज्य पांच वर्षों में बारह नए औद्योगिक पार्क बनाएगा।",
    ],
    "fr": [
        "La valeur de production de l'industrie laser a atteint 30 milliards de yuans.",
        "Plus de 300 entreprises sont installées dans le parc industriel.",
        "D'ici 2027, la filière de l'aluminium vise 100 milliards de yuans.",
        "Les exportations de véhicules électriques ont progressé de 18 % sur un an.",
        "La province prévoit de créer douze zones industrielles en cinq ans.",
    ],
    "es": [
        "El valor de producción de la industria láser alcanzó 30.000 millones.",
        "Más de 300 empresas operan ya en el parque industrial.",
        "Para 2027, el sector del aluminio aspira a superar los 100.000 millones.",
        "Las exportaciones de vehículos eléctricos crecieron un 18 % interanual.",
        "La provincia planea crear doce polígonos industriales en cinco años.",
    ],
    "de": [
        "Der Produktionswert der Laserindustrie erreichte 30 Milliarden Yuan.",
        "Im Industriepark sind inzwischen mehr als 300 Unternehmen tätig.",
        "Bis 2027 soll die Aluminiumbranche 100 Milliarden Yuan erwirtschaften.",
        "Die Ausfuhren von Elektrofahrzeugen stiegen im Jahresvergleich um 18 %.",
        "Die Provinz plant in fünf Jahren zwölf neue Industriegebiete.",
    ],
    "it": [
        "Il valore della produzione dell'industria laser ha raggiunto 30 miliardi.",
        "Oltre 300 imprese operano oggi nel parco industriale.",
        "Entro il 2027 il settore dell'alluminio punta a 100 miliardi di yuan.",
        "Le esportazioni di veicoli elettrici sono cresciute del 18% su base annua.",
        "La provincia prevede di creare dodici nuove aree industriali in cinque anni.",
    ],
    "ar": [
        "بلغت قيمة إنتاج صناعة الليزر في المدينة 30 مليار يوان.",
        "تعمل أكثر من 300 شركة في المنطقة الصناعية حاليا.",
        "تهدف المقاطعة إلى رفع صناعة الألمنيوم إلى 100 مليار يوان بحلول 2027.",
        "ارتفعت صادرات مركبات الطاقة الجديدة بنسبة 18% على أساس سنوي.",
        "تخطط الحكومة لإنشاء اثنتي عشرة منطقة صناعية خلال خمس سنوات.",
    ],
    "fa": [
        "ارزش تولید صنعت لیزر شهر به ۳۰ میلیارد یوان رسید.",
        "بیش از ۳۰۰ شرکت در شهرک صنعتی فعالیت می‌کنند.",
        "هدف استان رساندن صنعت آلومینیوم به ۱۰۰ میلیارد یوان تا سال ۲۰۲۷ است.",
        "صادرات خودروهای انرژی نو ۱۸ درصد نسبت به سال گذشته افزایش یافت.",
        "دولت قصد دارد در پنج سال آینده دوازده شهرک صنعتی جدید بسازد.",
    ],
    "mr": [
        "शहरातील लेसर उद्योगाचे उत्पादन मूल्य 30 अब्ज युआनपर्यंत पोहोचले.",
        "औद्योगिक उद्यानात 300 पेक्षा जास्त कंपन्या काम करत आहेत.",
        "2027 पर्यंत अॅल्युमिनियम उद्योगाचे लक्ष्य 100 अब्ज युआन आहे.",
        "नवीन ऊर्जा वाहनांच्या निर्यातीत 18 टक्के वाढ झाली.",
        "राज्य पाच वर्षांत बारा नवीन औद्योगिक उद्याने उभारणार आहे.",
    ],
    "ne": [
        "सहरको लेजर उद्योगको उत्पादन मूल्य ३० अर्ब युआन पुगेको छ।",
        "औद्योगिक क्षेत्रमा ३०० भन्दा बढी कम्पनीहरू सञ्चालनमा छन्।",
        "सन् २०२७ सम्म आल्मुनियम उद्योगको लक्ष्य १०० अर्ब युआन रहेको छ।",
        "नयाँ ऊर्जा सवारीसाधनको निर्यात १८ प्रतिशतले बढेको छ।",
        "प्रदेशले पाँच वर्षभित्र बाह्र नयाँ औद्योगिक क्षेत्र बनाउने योजना बनाएको छ।",
    ],
    "ru": [
        "Объём производства лазерной отрасли города достиг 30 млрд юаней.",
        "В индустриальном парке работают более 300 предприятий.",
        "К 2027 году алюминиевая отрасль должна выйти на 100 млрд юаней.",
        "Экспорт электромобилей вырос на 18% в годовом выражении.",
        "Провинция планирует создать двенадцать новых промышленных зон.",
    ],
}

PARAGRAPHS: dict[str, str] = {
    "en": "The city's photovoltaic industry kept growing last year. According to the municipal bureau of "
    "industry and information technology, output value reached 86.5 billion yuan in 2024, up 12.4% year on "
    "year. There are now more than 230 photovoltaic enterprises in the city, 68 of them above designated "
    "size. By 2027 the industry aims to exceed 150 billion yuan, and a 120-hectare industrial park is "
    "planned for 2026.",
    "zh": "今年以来，全市铝产业保持较快增长。据市经济和信息化局介绍，1至9月全市铝产业实现产值486亿元，"
    "同比增长21.3%，电解铝产能达到61.5万吨，占全省的58%。目前，园区已集聚铝加工企业80余家，其中规模以上"
    "企业42家。下一步，全市将围绕精深加工延伸产业链，力争到2027年铝产业产值突破1000亿元。",
    "ur": "گزشتہ سال شہر کی شمسی توانائی کی صنعت نے تیزی سے ترقی کی۔ صنعت اور انفارمیشن ٹیکنالوجی کے "
    "بیورو کے مطابق 2024 میں پیداواری قدر 86 ارب یوآن سے زائد رہی جو سال بہ سال 12 فیصد زیادہ ہے۔ اس وقت "
    "شہر میں 230 سے زیادہ کمپنیاں کام کر رہی ہیں۔ حکومت کا ہدف ہے کہ 2027 تک یہ صنعت 150 ارب یوآن "
    "تک پہنچ جائے۔",
    "pa": "ਪਿਛਲੇ ਸਾਲ ਸ਼ਹਿਰ ਦੇ ਸੂਰਜੀ ਊਰਜਾ ਉਦਯੋਗ ਨੇ ਤੇਜ਼ੀ ਨਾਲ ਤਰੱਕੀ ਕੀਤੀ। ਉਦਯੋਗ ਅਤੇ ਸੂਚਨਾ ਤਕਨਾਲੋਜੀ ਬਿਊਰੋ ਦੇ ਅਨੁਸਾਰ "
    "2024 ਵਿੱਚ ਉਤਪਾਦਨ ਮੁੱਲ 86 ਬਿਲੀਅਨ ਯੂਆਨ ਤੋਂ ਵੱਧ ਰਿਹਾ, ਜੋ ਸਾਲ-ਦਰ-ਸਾਲ 12% ਵੱਧ ਹੈ। ਇਸ ਵੇਲੇ ਸ਼ਹਿਰ ਵਿੱਚ 230 ਤੋਂ "
    "ਵੱਧ ਉੱਦਮ ਕੰਮ ਕਰ ਰਹੇ ਹਨ। ਸਰਕਾਰ ਦਾ ਟੀਚਾ ਹੈ ਕਿ 2027 ਤੱਕ ਇਹ ਉਦਯੋਗ 150 ਬਿਲੀਅਨ ਯੂਆਨ ਤੱਕ ਪਹੁੰਚ ਜਾਵੇ।",
    "hi": "पिछले वर्ष शहर के सौर ऊर्जा उद्योग ने तेजी से प्रगति की। उद्योग और सूचना प्रौद्योगिकी ब्यूरो के "
    "अनुसार 2024 में उत्पादन मूल्य 86 अरब युआन से अधिक रहा, जो साल-दर-साल 12% अधिक है। इस समय शहर में 230 से "
    "अधिक कंपनियां काम कर रही हैं। सरकार का लक्ष्य है कि 2027 तक यह उद्योग 150 अरब युआन तक पहुंच जाए।",
    "fr": "L'industrie photovoltaïque de la ville a poursuivi sa croissance l'an dernier. Selon le bureau "
    "municipal de l'industrie, la valeur de production a atteint 86,5 milliards de yuans en 2024, en hausse "
    "de 12,4 % sur un an. La ville compte désormais plus de 230 entreprises du secteur, dont 68 de taille "
    "significative. D'ici 2027, la filière vise à dépasser 150 milliards de yuans.",
    "es": "La industria fotovoltaica de la ciudad siguió creciendo el año pasado. Según la oficina municipal "
    "de industria, el valor de la producción alcanzó 86.500 millones de yuanes en 2024, un 12,4 % más que el "
    "año anterior. La ciudad cuenta ya con más de 230 empresas del sector, 68 de ellas de gran tamaño. Para "
    "2027, el sector aspira a superar los 150.000 millones de yuanes.",
    "de": "Die Photovoltaikbranche der Stadt ist im vergangenen Jahr weiter gewachsen. Nach Angaben des "
    "städtischen Industrieamts erreichte der Produktionswert 2024 86,5 Milliarden Yuan, 12,4 % mehr als im "
    "Vorjahr. In der Stadt gibt es inzwischen mehr als 230 Unternehmen der Branche, 68 davon oberhalb der "
    "festgelegten Größe. Bis 2027 soll die Branche 150 Milliarden Yuan übertreffen.",
    "it": "L'industria fotovoltaica della città ha continuato a crescere lo scorso anno. Secondo l'ufficio "
    "municipale dell'industria, il valore della produzione ha raggiunto 86,5 miliardi di yuan nel 2024, con "
    "un aumento del 12,4% su base annua. In città operano ormai più di 230 imprese del settore, 68 delle "
    "quali di grandi dimensioni. Entro il 2027 il settore punta a superare i 150 miliardi di yuan.",
    "ar": "واصلت صناعة الطاقة الشمسية في المدينة نموها خلال العام الماضي. ووفقا لمكتب الصناعة وتكنولوجيا "
    "المعلومات في البلدية، بلغت قيمة الإنتاج 86.5 مليار يوان في عام 2024، بزيادة قدرها 12.4% على أساس سنوي. "
    "ويوجد في المدينة حاليا أكثر من 230 شركة في هذا القطاع. وتهدف الحكومة إلى أن تتجاوز قيمة الصناعة 150 "
    "مليار يوان بحلول عام 2027.",
    "fa": "صنعت خورشیدی شهر در سال گذشته به رشد خود ادامه داد. به گفته اداره صنعت و فناوری اطلاعات شهرداری، "
    "ارزش تولید در سال ۲۰۲۴ به ۸۶٫۵ میلیارد یوان رسید که نسبت به سال قبل ۱۲٫۴ درصد افزایش داشت. اکنون بیش از "
    "۲۳۰ شرکت در این بخش در شهر فعالیت می‌کنند. دولت قصد دارد تا سال ۲۰۲۷ ارزش این صنعت را از ۱۵۰ میلیارد "
    "یوان فراتر ببرد.",
    "mr": "गेल्या वर्षी शहरातील सौर ऊर्जा उद्योगाने वेगाने प्रगती केली. उद्योग आणि माहिती तंत्रज्ञान "
    "विभागाच्या माहितीनुसार 2024 मध्ये उत्पादन मूल्य 86 अब्ज युआनपेक्षा जास्त झाले, जे मागील वर्षाच्या "
    "तुलनेत 12 टक्क्यांनी अधिक आहे. सध्या शहरात 230 पेक्षा जास्त कंपन्या काम करत आहेत. 2027 पर्यंत हा "
    "उद्योग 150 अब्ज युआनपर्यंत पोहोचवण्याचे सरकारचे उद्दिष्ट आहे.",
    "ne": "गत वर्ष सहरको सौर्य ऊर्जा उद्योगले तीव्र प्रगति गरेको छ। उद्योग तथा सूचना प्रविधि कार्यालयका "
    "अनुसार सन् २०२४ मा उत्पादन मूल्य ८६ अर्ब युआनभन्दा बढी पुगेको छ, जुन अघिल्लो वर्षको तुलनामा १२ प्रतिशतले "
    "बढी हो। हाल सहरमा २३० भन्दा बढी कम्पनीहरू सञ्चालनमा छन्। सरकारले सन् २०२७ सम्म यो उद्योगलाई १५० अर्ब "
    "युआन पुर्‍याउने लक्ष्य लिएको छ।",
    "ru": "В прошлом году солнечная энергетика города продолжила рост. По данным городского управления "
    "промышленности, объём производства в 2024 году достиг 86,5 млрд юаней, что на 12,4% больше, чем годом "
    "ранее. Сейчас в городе работают более 230 предприятий отрасли. К 2027 году власти рассчитывают довести "
    "объём производства до 150 млрд юаней.",
}

# Reports in a supported language with English words, names and digits mixed in.
MIXED: dict[str, list[str]] = {
    "pa": [
        "2024 ਵਿੱਚ Guangyuan Aluminium Park (GAP) ਦਾ output 615000 ਟਨ ਸੀ, ਜੋ 58% ਹੈ।",
        "CEO ਨੇ ਕਿਹਾ ਕਿ EV battery ਅਤੇ solar PV ਉਦਯੋਗ 2027 ਤੱਕ 100 ਬਿਲੀਅਨ ਯੂਆਨ ਤੱਕ ਪਹੁੰਚੇਗਾ।",
    ],
    "ur": [
        "Jinan Laser Industrial Park میں 300 سے زائد کمپنیاں ہیں، revenue 2024 میں 12% بڑھا۔",
        "CATL اور BYD جیسی EV کمپنیاں 2027 تک 50 GW battery capacity بنائیں گی۔",
    ],
    "hi": [
        "Wuxi Solar Park में 2024 में 230 से अधिक companies थीं, output 86.5 बिलियन युआन रहा।",
        "CEO ने कहा कि EV battery और solar PV उद्योग 2027 तक 100 अरब युआन तक पहुंचेगा।",
    ],
    "en": [
        "Output at the 无锡 (Wuxi) solar park reached 86.5 billion yuan (865亿元) in 2024.",
        'Guangyuan\'s slogan "100 ਉੱਦਮ, 100 ਬਿਲੀਅਨ" means 100 firms and 100 billion yuan by 2027.',
    ],
    "zh": [
        "2024年，BYD和CATL在无锡的EV电池产能达到50 GW，同比增长18%。",
        "Jinko Solar无锡基地组件产能超过4500万千瓦，出口额32亿美元。",
    ],
}


def long_texts() -> dict[str, list[str]]:
    """A paragraph per language, plus the examples and the paragraphs of the seed reports."""
    texts = {lang: [p] for lang, p in PARAGRAPHS.items()}
    files = sorted((ROOT / "examples").glob("*.txt")) + sorted(SEEDS.glob("seed-*.txt"))
    for path in files:
        lang = path.name.split("-")[2 if path.name.startswith("seed-") else 0]
        if path.parent.name == "examples":
            texts.setdefault(lang, []).append(path.read_text(encoding="utf-8"))
        else:
            paragraphs = [p for p in path.read_text(encoding="utf-8").splitlines() if len(p) > 300]
            texts[lang].extend(paragraphs[:3])
    return texts


@dataclass
class Candidate:
    """One detector set-up: `setup` is the code timed in a fresh interpreter for the load time."""

    name: str
    setup: str
    dist: str


def lingua_setup(accuracy: str, restricted: bool) -> str:
    langs = ", ".join(repr(c) for c in SHORT)
    build = (
        f"lingua.LanguageDetectorBuilder.from_languages(*[l for l in lingua.Language.all() "
        f"if l.iso_code_639_1.name.lower() in ({langs})])"
        if restricted
        else "lingua.LanguageDetectorBuilder.from_all_languages()"
    )
    low = ".with_low_accuracy_mode()" if accuracy == "low" else ""
    return (
        f"import lingua\nd = {build}{low}.build()\n"
        "def run(t):\n    r = d.detect_language_of(t)\n"
        "    return r.iso_code_639_1.name.lower() if r else ''\n"
    )


def py3langid_setup(restricted: bool) -> str:
    langs = list(SHORT) if restricted else None
    return (
        "from py3langid.langid import LanguageIdentifier, MODEL_FILE\n"
        "d = LanguageIdentifier.from_model_file(MODEL_FILE)\n"
        f"langs = {langs!r}\n"
        "if langs: d.set_languages(langs)\n"
        "def run(t):\n    return d.classify(t)[0]\n"
    )


CANDIDATES = [
    Candidate("lingua low, restricted", lingua_setup("low", True), "lingua-language-detector"),
    Candidate("lingua high, restricted", lingua_setup("high", True), "lingua-language-detector"),
    Candidate("lingua low, all 75", lingua_setup("low", False), "lingua-language-detector"),
    Candidate("py3langid, restricted", py3langid_setup(True), "py3langid"),
    Candidate("py3langid, all 140", py3langid_setup(False), "py3langid"),
]


def load_time(setup: str, texts: list[str]) -> float:
    """Seconds to import, build and run once on `texts` in a fresh interpreter (models load lazily)."""
    code = f"import time\nt0 = time.perf_counter()\n{setup}\nfor t in {texts!r}: run(t)\n"
    code += "print(time.perf_counter() - t0)\n"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout)


def installed_mb(dist: str) -> float:
    """Size of a distribution's installed files, in MB (shared dependencies such as numpy excluded)."""
    files = distribution(dist).files or []
    return sum(f.locate().stat().st_size for f in files if f.locate().exists()) / 1e6


def measure(run: Callable[[str], str], cases: list[tuple[str, str]], rounds: int) -> tuple[float, float]:
    """Accuracy and texts per second (median over rounds) of `run` on (expected, text) cases."""
    correct = sum(run(text) == lang for lang, text in cases) / len(cases)
    speeds = []
    for _ in range(rounds):
        start = time.perf_counter()
        for _, text in cases:
            run(text)
        speeds.append(len(cases) / (time.perf_counter() - start))
    return correct, statistics.median(speeds)


def ours(text: str) -> str:
    """detect() as the benchmark scores it: a pack code, or 'error' for a language with no pack."""
    try:
        return detect(text)
    except IndustrywatchError:
        return "error"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    longs = long_texts()
    sets = {
        "short": [(lang, t) for lang, ts in SHORT.items() for t in ts],
        "long": [(lang, t) for lang, ts in longs.items() for t in ts],
        "mixed": [(lang, t) for lang, ts in MIXED.items() for t in ts],
    }
    supported = set(available())
    print(
        f"texts: short {len(sets['short'])} (mean {_mean_len(sets['short'])} chars), long "
        f"{len(sets['long'])} (mean {_mean_len(sets['long'])} chars), mixed {len(sets['mixed'])}; "
        f"languages {', '.join(SHORT)}; packs {', '.join(sorted(supported))}\n"
    )

    header = f"{'candidate':26} {'acc short':>9} {'acc long':>9} {'acc mixed':>9} {'short/s':>9} "
    header += f"{'long/s':>9} {'load s':>7} {'MB':>6}"
    print(header)
    print("-" * len(header))
    first = [ts[0] for ts in longs.values()]
    for cand in CANDIDATES:
        scope: dict = {}
        exec(cand.setup, scope)
        scope["run"](first[0])  # the first call loads models
        row = {name: measure(scope["run"], cases, args.rounds) for name, cases in sets.items()}
        load = load_time(cand.setup, first)
        _print_row(cand.name, row, load, installed_mb(cand.dist))

    # detect(): the expected answer is the pack, or an error for a language with no pack.
    def expected(cases: list[tuple[str, str]]) -> list[tuple[str, str]]:
        return [(lang if lang in supported else "error", t) for lang, t in cases]

    ours(first[0])
    row = {name: measure(ours, expected(cases), args.rounds) for name, cases in sets.items()}
    setup = "from industrywatch.langid import detect\n"
    setup += "def run(t):\n    try: detect(t)\n    except Exception: pass\n"
    _print_row("industrywatch detect()", row, load_time(setup, first), float("nan"))

    print("\nmisses of detect() (expected -> got):")
    for name, cases in sets.items():
        for lang, text in expected(cases):
            got = ours(text)
            if got != lang:
                print(f"  {name:5} {lang:5} -> {got:5}  {text[:60]!r}")


def _mean_len(cases: list[tuple[str, str]]) -> int:
    return round(statistics.mean(len(t) for _, t in cases))


def _print_row(name: str, row: dict[str, tuple[float, float]], load: float, mb: float) -> None:
    print(
        f"{name:26} {row['short'][0]:9.1%} {row['long'][0]:9.1%} {row['mixed'][0]:9.1%} "
        f"{row['short'][1]:9.0f} {row['long'][1]:9.0f} {load:7.2f} {mb:6.1f}"
    )


if __name__ == "__main__":
    main()
