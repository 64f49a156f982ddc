"""Serve stage: the store over HTTP (FastAPI).

    app = create_app("sitrep.duckdb", token="…")     # or: sitrep serve --db sitrep.duckdb

The server holds the store only while requests come: reads share one read-only
connection, opened by the first and closed `READER_IDLE` seconds after the last (a
dashboard's burst of requests pays for one opening, not one each); writes, POST
/articles, go one at a time with the reader closed. So `sitrep ingest` can add to the
same file while the dashboard is up: it waits at most that long for the file (see
`Store` on sharing). Every
error is JSON `{"error": "…"}` with its status; a store busy past `LOCK_WAIT`
answers 503.
Every response carries a Content-Security-Policy that allows only this origin, so
text from articles can never run as script in a page that shows it.
"""
from __future__ import annotations

import hmac
import html
import json
import os
import threading
from collections import OrderedDict
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any, Callable, Iterator, Optional

from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response

from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException  # what the router raises for an unknown route, too

from ..errors import InputError, SitrepError, StoreError
from ..ingest import article_from_dict
from ..store import MAX_OFFSET, Filters, Store, Table, plain_value

STATIC = Path(__file__).parent / "static"
MAX_BODY_BYTES = 2 * 1024 * 1024
MAX_PAGE = 1000
LOCK_WAIT = 10.0   # seconds a request waits while `sitrep ingest` commits a batch
READER_IDLE = 0.5  # seconds the shared read-only connection outlives the last request
SECURITY_HEADERS = {
    "Content-Security-Policy": ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                                "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


class SharedReader:
    """One read-only connection to the store, shared by the requests that come close
    together and closed when they stop, so that another process can write. Requests use
    it one at a time: a DuckDB connection is not for two threads at once."""

    def __init__(self, db: str, idle: float = READER_IDLE):
        self.db, self.idle = db, idle
        self._store: Optional[Store] = None
        self._lock = threading.Lock()
        self._timer: Optional[threading.Timer] = None

    @contextmanager
    def view(self) -> Iterator[Store]:
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
            if self._store is None:
                self._store = Store(self.db, read_only=True, wait=LOCK_WAIT)
            try:
                yield self._store
            finally:
                self._timer = threading.Timer(self.idle, self._close_if_idle)
                self._timer.daemon = True
                self._timer.start()

    @contextmanager
    def closed(self) -> Iterator[None]:
        """No reader open, and none opened, until the block ends (a write in this process)."""
        with self._lock:
            self._close()
            yield

    def close(self) -> None:
        with self._lock:
            self._close()

    def _close_if_idle(self) -> None:
        with self._lock:
            if self._timer is threading.current_thread():  # no request came since this timer was set
                self._timer = None
                self._close()

    def _close(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if self._store is not None:
            self._store.close()
            self._store = None


class GenerationCache:
    """Answers computed over the store, kept while the store holds the same batches
    (the file and its generation); the oldest go first past `size`."""

    def __init__(self, size: int = 64):
        self.size = size
        self._answers: OrderedDict[tuple, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, store_state: tuple, key: tuple, compute: Callable[[], Any]) -> Any:
        with self._lock:
            if (store_state, key) in self._answers:
                self._answers.move_to_end((store_state, key))
                return self._answers[(store_state, key)]
        answer = compute()
        with self._lock:
            self._answers[(store_state, key)] = answer
            while len(self._answers) > self.size:
                self._answers.popitem(last=False)
        return answer


class ApiError(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def create_app(db: str, *, token: Optional[str] = None, read_only: bool = False,
               max_body: int = MAX_BODY_BYTES, extractor=None) -> FastAPI:
    """The API over the store at `db`. Without `token`, or with `read_only`, writes are refused.
    A missing store is refused unless writes are allowed; then it is created."""
    writable = bool(token) and not read_only
    Store(db, read_only=not writable, wait=LOCK_WAIT).close()  # refuse a missing, corrupt or newer store now
    write_lock = threading.Lock()
    state: dict[str, Any] = {"extractor": extractor}
    app = FastAPI(title="sitrep", version="1", docs_url=None, redoc_url=None,
                  description="War and conflict reporting as auditable event data: events, incidents, claims.")

    @app.middleware("http")
    async def guard(request: Request, call_next):
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > max_body:
            return _error(413, f"request body over {max_body} bytes")
        response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        return response

    @app.exception_handler(ApiError)
    async def api_error(_: Request, exc: ApiError):
        return _error(exc.status, exc.message)

    @app.exception_handler(HTTPException)
    async def http_error(_: Request, exc: HTTPException):
        return _error(exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError):
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()) if p != "query")
        return _error(422, f"{where}: {first.get('msg', 'invalid request')}")

    @app.exception_handler(StoreError)
    async def store_error(_: Request, exc: StoreError):
        busy = "in use by another process" in str(exc)
        return _error(503 if busy else 500, "the store is busy; try again" if busy else str(exc))

    @app.exception_handler(SitrepError)
    async def sitrep_error(_: Request, exc: SitrepError):
        return _error(500, str(exc))

    reader = SharedReader(db)
    app.router.on_shutdown.append(reader.close)
    reading = reader.view

    def filters(type: Optional[str] = None, subtype: Optional[str] = None, country: Optional[str] = None,
                admin1: Optional[str] = None, actor: Optional[str] = None, claimant: Optional[str] = None,
                since: Optional[date] = None, until: Optional[date] = None, text: Optional[str] = None,
                wave: Optional[str] = None,
                limit: int = Query(100, ge=1, le=MAX_PAGE), offset: int = Query(0, ge=0, le=MAX_OFFSET)) -> Filters:
        return Filters(type=type, subtype=subtype, country=country, admin1=admin1, actor=actor, claimant=claimant,
                       since=since, until=until, text=text, wave=wave, limit=limit, offset=offset)

    @app.get("/health")
    def health() -> dict[str, Any]:
        with reading() as view:
            counts = view.counts()
        return {"status": "ok", "read_only": read_only or token is None,
                **{k: counts[k] for k in ("articles", "events", "incidents")}}

    @app.get("/events")
    def list_events(f: Filters = Depends(filters)) -> dict[str, Any]:
        with reading() as view:
            return _page(view.events(f), view.count("events", f), f)

    @app.get("/incidents")
    def list_incidents(f: Filters = Depends(filters)) -> dict[str, Any]:
        with reading() as view:
            table = view.incidents(f)
            return _page(table, view.count("incidents", f), f, json_columns=("figures",))

    @app.get("/waves")
    def list_waves(f: Filters = Depends(filters)) -> dict[str, Any]:
        """Waves: the incidents of one night's attack or one operation, grouped."""
        with reading() as view:
            return _page(view.waves(f), view.count("waves", f), f)

    @app.get("/waves/{wave_id}")
    def one_wave(wave_id: str) -> dict[str, Any]:
        with reading() as view:
            found = view.waves(Filters(wave=wave_id, limit=1))
            if not len(found):
                raise ApiError(404, f"no wave {wave_id!r}")
            incidents = _records(view.incidents(Filters(wave=wave_id)), json_columns=("figures",))
        return {"wave": _records(found)[0], "incidents": incidents}

    @app.get("/incidents/{incident_id}")
    def one_incident(incident_id: str) -> dict[str, Any]:
        with reading() as view:
            found = view.incidents(Filters(incident=incident_id, limit=1))
            if not len(found):
                raise ApiError(404, f"no incident {incident_id!r}")
            incident = view.incident(incident_id).to_dict()
            claims = _records(view.claims(incident_id))
            sources = _records(view.articles_of(incident_id))
            wave_id, others = view.wave_of(incident_id)
        return {"incident": incident, "claims": claims, "sources": sources,
                "wave": {"wave_id": wave_id, "other_incidents": _records(others, json_columns=("figures",))}}

    @app.get("/sources")
    def list_sources() -> dict[str, Any]:
        """Each source `sitrep watch` polls, with its last poll, last error and item counts."""
        with reading() as view:
            table = view.sources()
        return {"total": len(table), "items": _records(table)}

    @app.get("/sources/items")
    def source_items(source: str, limit: int = Query(100, ge=1, le=MAX_PAGE)) -> dict[str, Any]:
        """The items one source listed, the latest first, and what became of each
        (stored, skipped with the reason, failed, or waiting to be retried)."""
        with reading() as view:
            table = view.source_items(source, limit)
        return {"source": source, "items": _records(table)}

    @app.get("/articles/{article_id:path}")
    def one_article(article_id: str) -> dict[str, Any]:
        with reading() as view:
            found = view.article(article_id)
        if found is None:
            raise ApiError(404, f"no article {article_id!r}")
        return found

    stats_cache = GenerationCache()

    @app.get("/stats")
    def stats(f: Filters = Depends(filters)) -> dict[str, Any]:
        # the dashboard asks for these aggregates over the whole store each time it opens
        with reading() as view:
            # a store deleted and built again starts its generations anew: its inode tells it apart
            store_state = (os.stat(db).st_ino, view.generation)
            return stats_cache.get(store_state, tuple(sorted(f.active().items())), lambda: {
                name: _records(table) for name, table in view.stats(f).items()})

    @app.get("/ledger")
    def ledger(f: Filters = Depends(filters)) -> dict[str, Any]:
        with reading() as view:
            return {"items": _records(view.ledger(f)), "limit": f.limit, "offset": f.offset}

    @app.post("/articles", status_code=201)
    async def post_articles(request: Request) -> dict[str, Any]:
        _authorise(request, token, read_only)
        body = await request.body()
        if len(body) > max_body:
            raise ApiError(413, f"request body over {max_body} bytes")
        try:
            payload = json.loads(body)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise ApiError(400, f"body is not JSON: {exc}") from None
        items = payload if isinstance(payload, list) else [payload]
        articles = []
        for n, item in enumerate(items):
            try:
                articles.append(article_from_dict(item, f"articles[{n}]"))
            except InputError as exc:
                raise ApiError(422, str(exc)) from None
        if state["extractor"] is None:
            from ..extract.engine import Extractor
            state["extractor"] = Extractor()
        with write_lock, reader.closed(), Store(db, wait=LOCK_WAIT) as store:
            summary = store.ingest(articles, state["extractor"])
        return {"stored": summary.articles, "skipped": summary.skipped, "wire_copies": summary.wire_copies,
                "events": summary.events, "new_incidents": summary.new_incidents}

    @app.get("/docs", response_class=HTMLResponse)
    def docs() -> str:
        return render_docs(app.openapi())

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def dashboard() -> str:
        return (STATIC / "index.html").read_text(encoding="utf-8")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(status_code=204)

    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")

    return app


def _authorise(request: Request, token: Optional[str], read_only: bool) -> None:
    if read_only or not token:
        raise ApiError(403, "this server is read-only")
    given = request.headers.get("authorization", "").removeprefix("Bearer ").strip()
    if not given or not hmac.compare_digest(given.encode(), token.encode()):
        raise ApiError(401, "a valid token is required (Authorization: Bearer …)")


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=SECURITY_HEADERS)


def _records(table: Table, json_columns: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    rows = []
    for record in table.records():
        for column in json_columns:
            if isinstance(record.get(column), str):
                record[column] = json.loads(record[column])
        rows.append({k: _json_value(v) for k, v in record.items()})
    return rows


def _json_value(value: Any) -> Any:
    """`plain_value`, inside lists and objects too (an incident's figures)."""
    if isinstance(value, dict):
        return {k: _json_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_value(v) for v in value]
    return plain_value(value)


def _page(table: Table, total: int, f: Filters, json_columns: tuple[str, ...] = ()) -> dict[str, Any]:
    return {"total": total, "limit": f.limit, "offset": f.offset, "items": _records(table, json_columns)}


def render_docs(spec: dict[str, Any]) -> str:
    """The OpenAPI description as a plain page: no script, no CDN, works offline."""
    parts = [f"<!doctype html><meta charset=utf-8><title>{html.escape(spec['info']['title'])} API</title>",
             f"<h1>{html.escape(spec['info']['title'])} API</h1><p>{html.escape(spec['info'].get('description', ''))}"
             "</p><p>Machine-readable: <a href=/openapi.json>/openapi.json</a></p>"]
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            params = ", ".join(html.escape(p["name"]) for p in op.get("parameters", []))
            parts.append(f"<h2>{method.upper()} {html.escape(path)}</h2>"
                         + (f"<p>parameters: {params}</p>" if params else ""))
    return "\n".join(parts)
