"""JSON-RPC 2.0 envelopes: parsing, batches, notifications and error objects. `handle` takes an HTTP body and
returns the body to answer with, or None when there is nothing to answer (notifications only)."""

import json
import logging
import time

from . import methods
from .errors import INTERNAL_ERROR, INVALID_REQUEST, PARSE_ERROR, RpcError

log = logging.getLogger("podium.devnet")


def handle(devnet, body):
    try:
        request = json.loads(body)
    except (ValueError, UnicodeDecodeError) as error:
        return _dump(_error(None, RpcError(PARSE_ERROR, f"parse error: {error}")))
    if isinstance(request, list):
        if not request:
            return _dump(_error(None, RpcError(INVALID_REQUEST, "invalid request: empty batch")))
        answers = [answer for answer in (_handle_one(devnet, item) for item in request) if answer is not None]
        return _dump(answers) if answers else None
    answer = _handle_one(devnet, request)
    return _dump(answer) if answer is not None else None


def _handle_one(devnet, request):
    """The response object for one request, or None for a notification."""
    if not isinstance(request, dict):
        return _error(None, RpcError(INVALID_REQUEST, "invalid request: expected a JSON object"))
    request_id = request.get("id")
    if not _valid_id(request_id):
        return _error(None, RpcError(INVALID_REQUEST, "invalid request: id must be a string, number or null"))
    problem = _envelope_problem(request)
    if problem:
        return _error(request_id, RpcError(INVALID_REQUEST, f"invalid request: {problem}"))
    started = time.perf_counter()
    try:
        response = {"jsonrpc": "2.0", "id": request_id, "result": methods.call(devnet, request["method"],
                                                                                 request.get("params", []))}
    except RpcError as error:
        response = _error(request_id, error)
    except Exception as error:  # a bug: answer one line, keep the traceback for the log
        log.exception("internal error in %s", request["method"])
        first_line = (str(error).splitlines() or [""])[0]
        response = _error(request_id, RpcError(INTERNAL_ERROR, f"internal error: {type(error).__name__}: {first_line}"))
    _log_request(request["method"], response, started)
    return response if "id" in request else None


def _valid_id(request_id):
    return request_id is None or isinstance(request_id, str) or (
        isinstance(request_id, (int, float)) and not isinstance(request_id, bool))


def _envelope_problem(request):
    if request.get("jsonrpc") != "2.0":
        return 'jsonrpc must be "2.0"'
    if not isinstance(request.get("method"), str):
        return "method must be a string"
    if not isinstance(request.get("params", []), list):
        return "params must be an array (parameters by name are not supported)"
    return None


def _error(request_id, error):
    return {"jsonrpc": "2.0", "id": request_id, "error": error.to_json()}


def _dump(value):
    return json.dumps(value, separators=(",", ":")).encode()


def _log_request(method, response, started):
    if not log.isEnabledFor(logging.INFO):
        return
    elapsed = (time.perf_counter() - started) * 1000
    error = response.get("error")
    outcome = f" -> {error['code']} {error['message']}" if error else ""
    log.info("%s %.1f ms%s", method, elapsed, outcome)
