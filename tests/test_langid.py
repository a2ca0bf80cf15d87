"""Language identification: installed packs found on short and long texts, other languages refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from industrywatch import IndustrywatchError, langid, quantities
from industrywatch.langid import detect
from industrywatch.langpacks import available, load

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

SHORT = {
    "en": "Aluminium output in the province rose 7% to 615,000 tonnes.",
    "zh": "目前，全市共有光伏企业230余家，其中规上企业68家。",
    "ur": "شہر میں لیزر کمپنیوں کی تعداد 300 سے زائد ہو گئی ہے۔",
    "pa": "ਗੁਆਂਗਯੁਆਨ ਵਿੱਚ ਐਲੂਮੀਨੀਅਮ ਦਾ ਉਤਪਾਦਨ 615000 ਟਨ ਰਿਹਾ।",
    "hi": "राज्य में सौर ऊर्जा की क्षमता 50 गीगावाट से अधिक हो गई है।",
    "ru": "Производство алюминия в провинции выросло за год на 7%.",
    "ar": "ارتفع إنتاج الألمنيوم في المقاطعة بنسبة 7% خلال العام الماضي.",
}

LONG = {
    "en": "The provincial government said on Monday that the aluminium industry had become a pillar of the "
    "local economy. Output value reached 48.6 billion yuan in the first nine months, up 21% year on year, "
    "and electrolytic aluminium capacity stood at 615,000 tonnes. More than 80 processing enterprises are "
    "now based in the park, and the city aims to lift output value above 100 billion yuan by 2027.",
    "ur": "صوبائی حکومت نے پیر کے روز بتایا کہ ایلومینیم کی صنعت مقامی معیشت کا ایک اہم ستون بن چکی ہے۔ "
    "پہلے نو مہینوں میں پیداواری قدر 48 ارب یوآن تک پہنچ گئی جو سال بہ سال 21 فیصد زیادہ ہے۔ پارک میں 80 "
    "سے زائد کمپنیاں کام کر رہی ہیں اور شہر کا ہدف ہے کہ 2027 تک پیداواری قدر 100 ارب یوآن سے تجاوز کر جائے۔",
    "pa": "ਸੂਬਾਈ ਸਰਕਾਰ ਨੇ ਸੋਮਵਾਰ ਨੂੰ ਦੱਸਿਆ ਕਿ ਐਲੂਮੀਨੀਅਮ ਉਦਯੋਗ ਸਥਾਨਕ ਆਰਥਿਕਤਾ ਦਾ ਇੱਕ ਥੰਮ੍ਹ ਬਣ ਗਿਆ ਹੈ। ਪਹਿਲੇ ਨੌਂ "
    "ਮਹੀਨਿਆਂ ਵਿੱਚ ਉਤਪਾਦਨ ਮੁੱਲ 48 ਬਿਲੀਅਨ ਯੂਆਨ ਤੱਕ ਪਹੁੰਚ ਗਿਆ, ਜੋ ਸਾਲ-ਦਰ-ਸਾਲ 21% ਵੱਧ ਹੈ। ਪਾਰਕ ਵਿੱਚ 80 ਤੋਂ ਵੱਧ "
    "ਉੱਦਮ ਕੰਮ ਕਰ ਰਹੇ ਹਨ ਅਤੇ ਸ਼ਹਿਰ ਦਾ ਟੀਚਾ 2027 ਤੱਕ 100 ਬਿਲੀਅਨ ਯੂਆਨ ਤੋਂ ਵੱਧ ਦਾ ਹੈ।",
    "zh": (EXAMPLES / "zh-wuxi-photovoltaics.txt").read_text(encoding="utf-8"),
    "hi": (EXAMPLES / "hi-wuxi-photovoltaics.txt").read_text(encoding="utf-8"),
    "ru": (EXAMPLES / "ru-wuxi-photovoltaics.txt").read_text(encoding="utf-8"),
    "ar": (EXAMPLES / "ar-wuxi-photovoltaics.txt").read_text(encoding="utf-8"),
}

# Languages with no pack, in the scripts the packs write (Latin, Arabic, Devanagari) and in another one.
UNSUPPORTED = {
    "hu": ("Hungarian", "A tartomány alumíniumtermelése tavaly 7 százalékkal nőtt."),
    "pl": ("Polish", "Produkcja aluminium w prowincji wzrosła w zeszłym roku o 7 %."),
    "el": ("Greek", "Η παραγωγή αλουμινίου της επαρχίας αυξήθηκε κατά 7% πέρσι."),
    "sw": ("Swahili", "Uzalishaji wa alumini katika mkoa uliongezeka kwa asilimia 7 mwaka jana."),
    "fa": ("Persian", "تولید آلومینیوم استان در سال گذشته ۷ درصد افزایش یافت."),
    "mr": ("Marathi", "गेल्या वर्षी राज्यातील ॲल्युमिनियम उत्पादनात सात टक्क्यांनी वाढ झाली आहे."),
    "ne": ("Nepali", "गत वर्ष प्रदेशको आल्मुनियम उत्पादन सात प्रतिशतले बढेको छ।"),
    "cs": ("Czech", "Výroba hliníku v provincii loni vzrostla o 7 %."),
}


@pytest.mark.parametrize("lang", sorted(SHORT))
def test_short_sentence(lang: str) -> None:
    assert detect(SHORT[lang]) == lang


@pytest.mark.parametrize("lang", sorted(LONG))
def test_long_text(lang: str) -> None:
    assert detect(LONG[lang]) == lang


@pytest.mark.parametrize("code", sorted(UNSUPPORTED))
def test_unsupported_language_is_a_clear_error(code: str) -> None:
    name, text = UNSUPPORTED[code]
    with pytest.raises(IndustrywatchError) as error:
        detect(text)
    message = str(error.value)
    assert name in message and f"({code})" in message
    assert ", ".join(available()) in message and "--lang" in message


def test_explicit_lang_wins() -> None:
    text = UNSUPPORTED["hu"][1]
    with pytest.raises(IndustrywatchError):
        quantities(text)
    assert [q.value for q in quantities(text, lang="en")] == [7.0]


@pytest.mark.parametrize("lang", ["pa", "zh"])
def test_script_of_one_pack_decides_without_the_detector(lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_detector() -> None:
        raise AssertionError("the detector should not run")

    monkeypatch.setattr(langid, "_detector", no_detector)
    assert detect(SHORT[lang]) == lang
    assert detect(LONG[lang]) == lang


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("pa", "2024 ਵਿੱਚ Guangyuan Aluminium Park ਦਾ output 615000 ਟਨ ਸੀ, ਜੋ ਸੂਬੇ ਦਾ 58% ਹੈ।"),
        ("pa", LONG["pa"] + " (Source: Guangyuan Daily, GDP data 2024, CATL, BYD, EV, PV, GW, MW.)"),
        ("ur", "Jinan Laser Industrial Park میں 300 سے زائد کمپنیاں ہیں اور revenue 12% بڑھا۔"),
        ("hi", "Wuxi Solar Park में 2024 में 230 से अधिक companies थीं और output 86.5 अरब युआन रहा।"),
        ("en", 'Guangyuan\'s slogan "100 ਉੱਦਮ, 100 ਬਿਲੀਅਨ" means 100 firms and 100 billion yuan by 2027.'),
        ("en", "Output at the 无锡 (Wuxi) solar park reached 86.5 billion yuan (865亿元) in 2024."),
        ("zh", "2024年，比亚迪和CATL在无锡的EV电池产能达到50 GW，同比增长18%。"),
    ],
)
def test_mixed_text(lang: str, text: str) -> None:
    assert detect(text) == lang


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Output: 58%"),
        ("hi", "५८%"),
        ("hi", "टन"),
        ("ur", "۲۰۲۷"),
        ("ar", "٢٠٢٧"),
        ("ur", "ٹن"),
        ("pa", "੨੦੨੭"),
        ("zh", "亿元"),
    ],
)
def test_very_short_text_falls_back_to_its_script(lang: str, text: str) -> None:
    assert detect(text) == lang


def test_a_unit_alone_goes_to_a_pack_of_its_script() -> None:
    """ "5 GW" says nothing of its language; any pack that writes Latin reads it the same."""
    assert "Latin" in load(detect("5 GW")).meta.scripts


@pytest.mark.parametrize("text", ["2027", "58% / 615,000", "   ", "—"])
def test_text_without_letters_gets_a_pack(text: str) -> None:
    assert detect(text) in {"ar", "en", "hi", "pa", "ur", "zh"}
