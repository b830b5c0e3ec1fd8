"""Serve a built site on 127.0.0.1 the way a static web host does: gzip for text, a free port."""

from __future__ import annotations

import functools
import gzip
import http.server
import pathlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager

COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".csv")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files; text files gzipped (level 6, like nginx's gzip_comp_level default of 1..9 in use)."""

    cache: dict[pathlib.Path, bytes]

    def send_head(self):  # type: ignore[override]
        path = pathlib.Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the redirect to the slash URL
            path = path / "index.html"
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants_gzip and path.suffix in COMPRESSIBLE and path.is_file()):
            return super().send_head()
        body = self.cache.get(path)
        if body is None:
            body = self.cache[path] = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        import io

        return io.BytesIO(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(site: pathlib.Path) -> Iterator[str]:
    """Serve site on a free port of 127.0.0.1; yields its base URL."""
    handler = functools.partial(type("Handler", (GzipHandler,), {"cache": {}}), directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
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
