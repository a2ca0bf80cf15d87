"""Writers for real input files of every format the readers take, shared by the ingest tests."""

from __future__ import annotations

import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

LASER = "Jinan has more than 300 laser companies. Their output value reached 50 billion yuan in 2023."
ALUMINIUM = "Guangyuan produced 615000 tons of aluminium, 58% of the province, five times its 2020 output."


def page(title: str, body: str, date: str | None = "2024-05-03", lang: str = "en") -> str:
    meta = f'<meta name="date" content="{date}">' if date else ""
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><title>{title}</title>{meta}</head><body>'
        f"<nav><a href='/'>Home</a></nav><article><h1>{title}</h1><p>{body}</p></article></body></html>"
    )


def warc_bytes(pages: dict[str, str], gzip: bool = True) -> tuple[bytes, list[int]]:
    """A WARC of HTTP responses, one per URL, each after its request record, then a redirect: records
    that hold no document. Also where each record ends."""
    out, ends = io.BytesIO(), []
    writer = WARCWriter(out, gzip=gzip)
    for url, html in pages.items():
        request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.org")], is_http_request=True)
        writer.write_record(writer.create_warc_record(url, "request", http_headers=request))
        ends.append(out.tell())
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], "HTTP/1.1")
        payload = io.BytesIO(html.encode("utf-8"))
        writer.write_record(writer.create_warc_record(url, "response", payload=payload, http_headers=headers))
        ends.append(out.tell())
    moved = StatusAndHeaders("301 Moved Permanently", [("Location", "https://example.org/")], "HTTP/1.1")
    writer.write_record(
        writer.create_warc_record(
            "http://example.org/", "response", payload=io.BytesIO(b""), http_headers=moved
        )
    )
    ends.append(out.tell())
    return out.getvalue(), ends


def write_warc(path: Path, pages: dict[str, str], gzip: bool = True) -> None:
    path.write_bytes(warc_bytes(pages, gzip)[0])


RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Industry news</title><language>en-GB</language>
<item><title>Jinan laser</title><link>https://news.example.org/jinan</link>
<pubDate>Fri, 03 May 2024 08:00:00 GMT</pubDate>
<description>&lt;p&gt;{LASER}&lt;/p&gt;</description></item>
<item><title>Guangyuan aluminium</title><link>https://news.example.org/guangyuan</link>
<pubDate>Sat, 04 May 2024 08:00:00 GMT</pubDate><description>{ALUMINIUM}</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh"><title>产业</title><id>urn:feed</id>
<updated>2024-05-05T00:00:00Z</updated>
<entry><title>济南激光</title><id>urn:entry:1</id><link href="https://zh.example.org/1"/>
<published>2024-05-05T09:00:00+08:00</published><updated>2024-05-05T09:00:00+08:00</updated>
<content type="html">&lt;p&gt;济南市激光企业超过300家。&lt;/p&gt;
&lt;p&gt;产值达到500亿元。&lt;/p&gt;</content></entry>
</feed>"""
