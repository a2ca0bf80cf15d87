"""Normalisation never moves the offsets handed out."""

from industrywatch import quantities
from industrywatch.text import normalize


def test_native_digits_keep_their_offsets():
    text = "۲۰۲۴ میں ۳۰۰ کمپنیاں"
    assert normalize(text).text.startswith("2024")
    spans = [(q.start, q.end, q.text) for q in quantities(text, lang="ur")]
    assert all(text[s:e] == t for s, e, t in spans)


def test_decomposed_text_maps_back_to_the_original():
    # Devanagari with a nukta written as two code points stays two code points in NFC; a Latin e
    # with a combining acute composes into one, so offsets after it shift by one.
    text = "cafe\u0301 sold 5 tons"
    norm = normalize(text)
    assert norm.text == "café sold 5 tons"
    q = quantities(text, lang="en")[0]
    assert text[q.start : q.end] == "5 tons"
