"""Serve a built site on 127.0.0.1 as deploy/nginx.conf does: the .gz beside a file when the
browser accepts gzip (`gzip_static`), else the file gzipped on the fly when it is text.

    python bench/serve.py SITE_DIR [SECONDS]     # prints the URL, serves until stopped
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import pathlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager

COMPRESSIBLE = {".html", ".css", ".js", ".json", ".xml", ".csv", ".svg", ".txt", ".map"}


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzipped like a production web server."""

    def send_head(self):  # type: ignore[override]
        path = pathlib.Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the redirect to the URL with a slash
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or path.suffix not in COMPRESSIBLE:
            return super().send_head()
        if not path.is_file():
            return super().send_head()  # 404
        gz = path.with_name(path.name + ".gz")
        body = gz.read_bytes() if gz.is_file() else gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(site: pathlib.Path) -> Iterator[str]:
    """Serve site on a free port of 127.0.0.1; yields its base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


if __name__ == "__main__":
    import sys
    import time

    with serve(pathlib.Path(sys.argv[1])) as url:
        print(url, flush=True)
        time.sleep(float(sys.argv[2]) if len(sys.argv) > 2 else 3600)
