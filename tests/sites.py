"""A web server on 127.0.0.1 for the source tests: feeds and pages written for them,
and the ways real servers misbehave (slow, missing, looping, huge, malformed)."""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from email.utils import format_datetime
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Optional
from xml.sax.saxutils import escape


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    etag: Optional[str] = None          # answer 304 to a request that sends it back
    delay: float = 0.0                  # seconds before answering
    location: Optional[str] = None      # for redirects
    stream_bytes: int = 0               # a body this large, sent in chunks with no Content-Length


@dataclass
class Site:
    """Routes by path; `requests` records (path, headers) of every request served."""

    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    port: int = 0

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def hits(self, path: str) -> list[dict[str, str]]:
        return [headers for p, headers in list(self.requests) if p == path]


def serve(site: Site) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the stdlib's name)
            site.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
            route = site.routes.get(self.path)
            if route is None:
                self._answer(404, b"not here", "text/plain")
                return
            if route.delay:
                time.sleep(route.delay)
            if route.etag and self.headers.get("If-None-Match") == route.etag:
                self._answer(304, b"", route.content_type, etag=route.etag)
            elif route.location:
                self.send_response(route.status)
                self.send_header("Location", route.location)
                self.send_header("Content-Length", "0")
                self.end_headers()
            elif route.stream_bytes:
                self._stream(route)
            else:
                self._answer(route.status, route.body, route.content_type, etag=route.etag)

        def _answer(self, status: int, body: bytes, content_type: str, etag: Optional[str] = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            if etag:
                self.send_header("ETag", etag)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if body and status != 304:
                self.wfile.write(body)

        def _stream(self, route: Route) -> None:
            self.send_response(200)
            self.send_header("Content-Type", route.content_type)
            self.end_headers()
            chunk = b"<p>" + b"x" * 65_530 + b"</p>\n"
            try:
                for _ in range(route.stream_bytes // len(chunk)):
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client stopped reading at its limit, as it should

        def log_message(self, *args) -> None:
            pass

        def handle(self) -> None:
            try:
                super().handle()
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up first (a timeout, a size limit): what these tests expect

    server = ThreadingHTTPServer(("127.0.0.1", site.port), Handler)
    server.daemon_threads = True
    site.port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def page(title: str, *paragraphs: str, published: Optional[str] = None, outlet: str = "Test Wire") -> Route:
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    html = (f"<!doctype html><html><head><title>{escape(title)}</title>{meta}"
            f'<meta property="og:site_name" content="{outlet}"></head>'
            f"<body><article><h1>{escape(title)}</h1>{body}</article></body></html>")
    return Route(html.encode())


def rss(title: str, items: list[dict], etag: Optional[str] = None) -> Route:
    """An RSS 2.0 feed; each item a dict with link, title, and optionally date (ISO) and content."""
    entries = []
    for item in items:
        date = ""
        if item.get("date"):
            day = datetime.fromisoformat(item["date"]).replace(tzinfo=timezone.utc)
            date = f"<pubDate>{format_datetime(day)}</pubDate>"
        content = f"<content:encoded>{escape(item['content'])}</content:encoded>" if item.get("content") else ""
        entries.append(f"<item><title>{escape(item['title'])}</title><link>{escape(item['link'])}</link>"
                       f"<guid>{escape(item['link'])}</guid>{date}{content}</item>")
    xml = ('<?xml version="1.0" encoding="utf-8"?>'
           '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
           f"<title>{escape(title)}</title><link>http://example.invalid/</link><description>test</description>"
           + "".join(entries) + "</channel></rss>")
    return Route(xml.encode(), content_type="application/rss+xml", etag=etag)
