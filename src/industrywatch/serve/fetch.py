"""Fetching a page for `POST /api/documents/from-url` on a server that others can reach. Only http and
https; each host is resolved once, refused when any of its addresses is not public (loopback, private,
link-local, multicast, unspecified, reserved, or an IPv4 one of those inside an IPv6 address) unless the
server allows private addresses, and connected to at the very address that was checked; redirects are
followed here, a bounded number, each hop checked the same way; one deadline holds for the whole fetch,
DNS included, and the page may not grow past a size cap, compressed or not."""

from __future__ import annotations

import ipaddress
import socket
import ssl
import time
import typing
import zlib
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as LookupTimeout
from dataclasses import dataclass, replace
from email.message import Message

import httpcore
import httpx

from industrywatch.ingest import SourceError
from industrywatch.ingest.common import UnreadableText, decode, newlines
from industrywatch.ingest.html import html_document
from industrywatch.records import Document

MAX_REDIRECTS = 5
REDIRECTS = frozenset({301, 302, 303, 307, 308})
SCHEMES = frozenset({"http", "https"})
HEADERS = [
    (b"User-Agent", b"industrywatch (fetching a report to extract its figures)"),
    (b"Accept", b"text/html, application/xhtml+xml, text/plain;q=0.9, */*;q=0.5"),
    (b"Accept-Encoding", b"gzip, deflate"),
]
COMPRESSED = frozenset({"gzip", "x-gzip", "deflate"})
NAT64 = ipaddress.ip_network("64:ff9b::/96")  # IPv4 addresses reached through a NAT64 gateway
# The kinds of address that are not fetched unless allowed, in the order the reason names them.
NOT_PUBLIC = (
    ("an unspecified address", lambda ip: ip.is_unspecified),
    ("a loopback address", lambda ip: ip.is_loopback),
    ("a link-local address", lambda ip: ip.is_link_local),
    ("a multicast address", lambda ip: ip.is_multicast),
    ("a private address", lambda ip: ip.is_private),
    ("a reserved address", lambda ip: ip.is_reserved),
    ("not a public address", lambda ip: not ip.is_global),
)
# getaddrinfo() cannot be given a timeout: lookups run here, and the fetch waits only as long as its deadline.
_lookups = ThreadPoolExecutor(max_workers=4, thread_name_prefix="industrywatch-lookup")


class FetchError(Exception):
    """A page that could not be fetched; the message says why."""


class Refused(FetchError):
    """A URL this server does not fetch: not http or https, or on an address that is not public."""


class TimedOut(FetchError):
    """The fetch did not finish before its deadline."""


@dataclass(frozen=True)
class FetchPolicy:
    """What a fetch may do: how long it may take in all, how large the page may be, and which networks
    may be fetched although they are not public (ANYWHERE for `serve --allow-private-urls`)."""

    timeout: float = 10.0
    limit: int = 10 << 20
    allowed: tuple[str, ...] = ()

    def refusal(self, address: str) -> str | None:
        """Why this address is not fetched, or None."""
        ip = ipaddress.ip_address(address)
        if any(ip in ipaddress.ip_network(network) for network in self.allowed):
            return None
        return refusal(address)


ANYWHERE = ("0.0.0.0/0", "::/0")


@dataclass(frozen=True)
class Page:
    data: bytes
    content_type: str
    charset: str | None


def fetch_document(url: str, doc_id: str, lang: str | None, policy: FetchPolicy) -> Document | SourceError:
    """The document at a URL: HTML through the HTML reader, anything else as plain text."""
    page = fetch(url, policy)
    if "html" in page.content_type or page.data.lstrip()[:1] == b"<":
        document = html_document(page.data, doc_id=doc_id, source=url, url=url, charset=page.charset)
    else:
        try:
            text = newlines(decode(page.data, page.charset))
        except UnreadableText as e:
            return SourceError(url, None, str(e))
        document = Document(id=doc_id, text=text, url=url, source=url)
    return replace(document, lang=lang) if isinstance(document, Document) and lang else document


def fetch(url: str, policy: FetchPolicy) -> Page:
    """GET a page, following redirects; raises Refused, TimedOut or FetchError with the reason."""
    deadline = Deadline(policy.timeout)
    target = httpx.URL(url)
    with httpcore.ConnectionPool(network_backend=CheckedBackend(policy, deadline)) as pool:
        for hop in range(MAX_REDIRECTS + 1):
            try:
                found = _get(pool, target, policy)
            except FetchError as e:
                raise type(e)(f"redirected to {target}: {e}" if hop else str(e)) from None
            if isinstance(found, Page):
                return found
            try:
                target = target.join(found)
            except httpx.InvalidURL as e:
                raise FetchError(f"it redirects to a malformed URL ({e})") from None
    raise FetchError(f"it redirects more than {MAX_REDIRECTS} times")


def _get(pool: httpcore.ConnectionPool, url: httpx.URL, policy: FetchPolicy) -> Page | str:
    """One request: the page, or the location a redirect points to."""
    if url.scheme not in SCHEMES:
        raise Refused(f"only http and https URLs are fetched, not {url.scheme or 'this'}:")
    target = httpcore.URL(scheme=url.raw_scheme, host=url.raw_host, port=url.port, target=url.raw_path)
    try:
        with pool.stream("GET", target, headers=HEADERS) as response:
            headers = httpx.Headers(response.headers)
            if response.status in REDIRECTS and "location" in headers:
                return headers["location"]
            if not 200 <= response.status < 300:
                raise FetchError(f"it answered {response.status}")
            data = _body(response.iter_stream(), headers.get("content-encoding", ""), policy.limit)
    except httpcore.TimeoutException:
        raise TimedOut(f"it took longer than {policy.timeout:g} s") from None
    except httpcore.NetworkError as e:
        raise FetchError(f"{type(e).__name__}: {e}") from None
    except (httpcore.ProtocolError, httpcore.UnsupportedProtocol) as e:
        raise FetchError(f"it did not answer in HTTP ({type(e).__name__}: {e})") from None
    content_type = Message()
    content_type["content-type"] = headers.get("content-type", "")
    return Page(data, content_type.get_content_type(), content_type.get_content_charset())


def _body(chunks: typing.Iterable[bytes], encoding: str, limit: int) -> bytes:
    """The page's bytes, uncompressed, refused as soon as they pass `limit`."""
    encoding = encoding.strip().lower()
    if encoding not in COMPRESSED | {"", "identity"}:
        raise FetchError(f"it sent the page compressed as {encoding!r}, which is not read")
    inflate = zlib.decompressobj(zlib.MAX_WBITS | 32) if encoding in COMPRESSED else None
    body = bytearray()
    try:
        for chunk in chunks:
            # Never more than one byte past the limit comes out of the decompressor, whatever goes in.
            body += inflate.decompress(chunk, limit + 1 - len(body)) if inflate else chunk
            if len(body) > limit:
                raise FetchError(f"the page is larger than the limit of {limit:,} bytes")
    except zlib.error as e:
        raise FetchError(f"its compressed page is broken ({e})") from None
    return bytes(body)


class Deadline:
    """One time limit for everything a fetch does: every lookup, connection, read and write gets only
    what is left of it."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def left(self, timeout: float | None = None) -> float:
        left = self.end - time.monotonic()
        if left <= 0:
            raise TimedOut(f"it took longer than {self.seconds:g} s")
        return left if timeout is None else min(timeout, left)


class CheckedBackend(httpcore.NetworkBackend):
    """Connections made only to addresses that passed the check, resolved once, within the deadline."""

    def __init__(self, policy: FetchPolicy, deadline: Deadline) -> None:
        self.policy = policy
        self.deadline = deadline
        self.backend = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: typing.Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = self.addresses(host, port)
        for n, address in enumerate(addresses, 1):
            try:
                stream = self.backend.connect_tcp(
                    address, port, self.deadline.left(timeout), local_address, socket_options
                )
            except httpcore.ConnectError:
                if n == len(addresses):
                    raise
                continue
            return DeadlineStream(stream, self.deadline)
        raise FetchError(f"{host} has no address")

    def addresses(self, host: str, port: int) -> list[str]:
        """The host's addresses, each of them public or in a network the policy allows; if any is not, none
        is used, so that a name with one public and one private address cannot lead to the private one."""
        lookup = _lookups.submit(socket.getaddrinfo, host, port, type=socket.SOCK_STREAM)
        try:
            found = lookup.result(timeout=self.deadline.left())
        except LookupTimeout:
            raise TimedOut(f"looking up {host} took longer than {self.deadline.seconds:g} s") from None
        except (socket.gaierror, UnicodeError) as e:
            raise FetchError(f"cannot look up {host} ({e})") from None
        addresses = list(dict.fromkeys(str(info[4][0]) for info in found))
        for address in addresses:
            if kind := self.policy.refusal(address):
                where = host if host == address else f"{host} ({address})"
                raise Refused(
                    f"{where} is {kind}: this server fetches only public addresses "
                    "(start it with --allow-private-urls to fetch others)"
                )
        return addresses

    def connect_unix_socket(self, path: str, timeout: float | None = None, socket_options=None):
        raise Refused("Unix sockets are not fetched")


def refusal(address: str) -> str | None:
    """What a non-public address is ('a loopback address' ...), or None for a public one. An IPv4
    address inside an IPv6 one (mapped, 6to4, NAT64) is judged as itself."""
    ip = ipaddress.ip_address(address)
    candidates = [ip]
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped or ip in NAT64:  # only the IPv4 address inside says where it leads
            candidates = [ip.ipv4_mapped or ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)]
        elif ip.sixtofour:
            candidates.append(ip.sixtofour)
    for candidate in candidates:
        for kind, applies in NOT_PUBLIC:
            if applies(candidate):
                return kind
    return None


class DeadlineStream(httpcore.NetworkStream):
    """A connection whose every read and write waits only for what is left of the deadline."""

    def __init__(self, stream: httpcore.NetworkStream, deadline: Deadline) -> None:
        self.stream = stream
        self.deadline = deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self.stream.read(max_bytes, self.deadline.left(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.stream.write(buffer, self.deadline.left(timeout))

    def close(self) -> None:
        self.stream.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        secure = self.stream.start_tls(ssl_context, server_hostname, self.deadline.left(timeout))
        return DeadlineStream(secure, self.deadline)

    def get_extra_info(self, info: str) -> typing.Any:
        return self.stream.get_extra_info(info)
