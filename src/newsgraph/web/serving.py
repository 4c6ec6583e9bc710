"""How `newsgraph serve` runs the application: uvicorn, in one process or in several.

The pages and the API are Python: one process answers on one core at a time, however many threads
it has (the interpreter's lock), so concurrent users queue behind each other's page renders.
``workers`` > 1 starts that many processes on the same socket (uvicorn's supervisor); each opens its
own read-only connections and remembers its own totals (``store.read.totals``: each process sees
the database change on its own connections), so nothing is shared but the file.

A worker process builds its application from the serve arguments it finds in the environment
(``app_from_environment``, the factory uvicorn imports in each process).  ``Protocol`` is uvicorn's
HTTP protocol (httptools' parser when it is installed) with TCP_NODELAY set on each connection: the
sockets uvicorn binds for several workers do not get it, and a response written in two pieces then
waits ~40 ms for the client's delayed acknowledgement.
"""

from __future__ import annotations

import json
import os
import socket
from typing import Any

try:
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol as _HTTP
except ImportError:  # httptools missing: the pure-Python parser
    from uvicorn.protocols.http.h11_impl import H11Protocol as _HTTP  # type: ignore[assignment]

from newsgraph.store.read import QUERY_TIME_LIMIT

_ARGUMENTS = "_NEWSGRAPH_SERVE"  # the serve arguments, as JSON, for the worker processes


class Protocol(_HTTP):
    """uvicorn's HTTP protocol with Nagle's algorithm off on each connection."""

    def connection_made(self, transport: Any) -> None:
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            try:
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            except OSError:
                pass
        super().connection_made(transport)


def app_from_environment() -> Any:
    """The application a worker process serves, from the arguments ``run`` left in the environment."""
    from newsgraph.web import create_app

    args = json.loads(os.environ[_ARGUMENTS])
    return create_app(args["db_path"], args["allow_ingest"], args["token"], args["query_time_limit"])


def run(db_path: str, host: str, port: int, workers: int = 1, allow_ingest: bool = False, token: str | None = None,
        query_time_limit: float | None = QUERY_TIME_LIMIT) -> None:
    """Serve until stopped: the application in this process (workers 1), or in `workers` processes."""
    import uvicorn

    if workers <= 1:
        from newsgraph.web import create_app

        uvicorn.run(create_app(db_path, allow_ingest, token, query_time_limit), host=host, port=port,
                    log_level="warning", http=Protocol)
        return
    os.environ[_ARGUMENTS] = json.dumps({"db_path": db_path, "allow_ingest": allow_ingest, "token": token,
                                         "query_time_limit": query_time_limit})
    uvicorn.run(f"{__name__}:app_from_environment", factory=True, host=host, port=port, workers=workers,
                log_level="warning", http=f"{__name__}:Protocol")
