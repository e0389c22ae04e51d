"""One error shape for every error the web app returns.

JSON (every ``/api/...`` path)::

    {"error": {"status": 400, "code": "bad_query", "message": "what went wrong and what to do"}}

HTML pages get the same three fields rendered in the error template. Library errors (``PresswatchError``) map to a
status and code here, in one table, so a new error class is one new line, not a new ``except`` in every view.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from presswatch.errors import NotFound, PresswatchError, QueryError, StoreError, UsageError

log = logging.getLogger(__name__)

# HTTP status -> default code, for errors raised without one of ours.
_STATUS_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    415: "unsupported_media_type",
    422: "bad_parameter",
    429: "rate_limited",
    500: "internal_error",
    501: "not_implemented",
    503: "unavailable",
}


class WebError(Exception):
    """An error a view raises on purpose: it becomes the error shape with this status, code and message."""

    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or {}


def error_body(status: int, code: str, message: str) -> dict[str, Any]:
    """The one JSON error shape."""
    return {"error": {"status": status, "code": code, "message": message}}


def _library_error(exc: PresswatchError) -> tuple[int, str]:
    if isinstance(exc, QueryError):
        return 400, "bad_query"
    if isinstance(exc, NotFound):
        return 404, "not_found"
    if isinstance(exc, UsageError):
        return 400, "bad_request"
    if isinstance(exc, StoreError):
        return 503, "store_unavailable"
    return 400, "bad_request"


def wants_json(request: Request) -> bool:
    """API paths always answer JSON; other paths answer HTML unless the client asks only for JSON."""
    if request.url.path.startswith("/api/") or request.url.path == "/api":
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def error_response(request: Request, status: int, code: str, message: str, headers: dict[str, str] | None = None):
    """Render an error as JSON or as the HTML error page, depending on the path."""
    if wants_json(request):
        return JSONResponse(error_body(status, code, message), status_code=status, headers=headers)
    templates = getattr(request.app.state, "templates", None)
    if templates is None:  # app not fully built: plain text still says what happened
        return HTMLResponse(f"<h1>{status}</h1>", status_code=status, headers=headers)
    return templates.TemplateResponse(
        request,
        "error.html",
        {"error": error_body(status, code, message)["error"], "title": f"Error {status}"},
        status_code=status,
        headers=headers,
    )


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        loc = ".".join(str(x) for x in err.get("loc", ()) if x not in ("query", "path", "body"))
        parts.append(f"{loc or 'request'}: {err.get('msg', 'invalid value')}")
    return "invalid parameter - " + "; ".join(parts) + " (see /api/docs for the accepted values)"


def install_error_handlers(app: FastAPI) -> None:
    """Route every kind of error through ``error_response``."""

    @app.exception_handler(WebError)
    async def _web_error(request: Request, exc: WebError) -> Response:
        return error_response(request, exc.status, exc.code, exc.message, exc.headers)

    @app.exception_handler(PresswatchError)
    async def _library(request: Request, exc: PresswatchError) -> Response:
        status, code = _library_error(exc)
        return error_response(request, status, code, str(exc))

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> Response:
        # 400, not FastAPI's 422: a bad query-string value is a bad request like any other.
        return error_response(request, 400, "bad_parameter", _validation_message(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        code = _STATUS_CODES.get(exc.status_code, "error")
        message = exc.detail if isinstance(exc.detail, str) else "request failed"
        if exc.status_code == 404 and message == "Not Found":
            message = f"no page or API route at {request.url.path} (the API is listed at /api/docs)"
        elif exc.status_code == 405:
            message = f"method {request.method} is not allowed on {request.url.path}"
        return error_response(request, exc.status_code, code, message, getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        # A bug: log the traceback for the operator; the client gets the shape without internals.
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return error_response(request, 500, "internal_error", "internal error: the server log has the details")
