"""Browser fixtures, a plugin of tests/conftest.py: build the site once, serve it on 127.0.0.1, drive Chromium.

Chromium is launched from /usr/bin/chromium (Debian's package, installed by .ci/run), never from
Playwright's own download. Every host but 127.0.0.1 resolves to nothing, so a request that would
leave the machine fails instead of reaching the internet.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import pathlib
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest

from tests.conftest import SHIXIAN_2021

ROOT = pathlib.Path(__file__).resolve().parents[2]
CHROMIUM = pathlib.Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
TIMEOUT_MS = 15_000


# --- the site -----------------------------------------------------------------------------------


def configured_site_url() -> str:
    """The site_url of mkdocs.yml, read as the core commands read it."""
    from generator import settings

    url = settings.read(ROOT / "mkdocs.yml").site_url
    assert url.startswith("https://"), "mkdocs.yml has no site_url"
    return url


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serve the site as if it were published here.

    The sitemap names pages under site_url; Material's instant navigation maps those URLs onto
    the current protocol and host but not the port, so on 127.0.0.1:PORT it would fall back to
    full reloads. The sitemap is served with site_url replaced by this server's URL, as
    `mkdocs serve` does.
    """

    site_url = ""

    def do_GET(self) -> None:
        if urlsplit(self.path).path.endswith("/sitemap.xml"):
            path = pathlib.Path(self.translate_path(self.path))
            host, port = self.server.server_address[:2]
            body = path.read_bytes().replace(self.site_url.encode(), f"http://{host}:{port}/".encode())
            self.send_response(200)
            self.send_header("Content-Type", "application/xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def log_message(self, format: str, *args: object) -> None:  # keep pytest's output clean
        pass


@pytest.fixture(scope="session")
def site_dir(site: pathlib.Path) -> pathlib.Path:
    """The site the test's `site` fixture builds: the fictional plan here, the shipped data/ under tests/jiaocheng/."""
    return site


@contextlib.contextmanager
def serve(site: pathlib.Path) -> Iterator[str]:
    """Serve a built site on 127.0.0.1 on a free port; yields 'http://127.0.0.1:PORT/'."""
    handler_class = type("SiteHandler", (_Handler,), {"site_url": configured_site_url()})
    handler = functools.partial(handler_class, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def base_url(site_dir: pathlib.Path) -> Iterator[str]:
    """The site of site_dir, served on 127.0.0.1."""
    with serve(site_dir) as url:
        yield url


# --- the browser --------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.is_file():
        pytest.fail(
            f"{CHROMIUM} not found: the browser tests need Debian's Chromium and a CJK font "
            "(apt-get install --no-install-recommends chromium fonts-wqy-microhei; .ci/run does this)",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Watch:
    """What a page did: console errors, uncaught exceptions and every URL it requested."""

    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def foreign(self) -> list[str]:
        return [url for url in self.requests if urlsplit(url).hostname != "127.0.0.1" and not _local(url)]


def _local(url: str) -> bool:
    """data: and blob: URLs are made inside the page; they go nowhere."""
    return urlsplit(url).scheme in ("data", "blob", "about")


def watch(page) -> Watch:
    w = Watch()
    page.on("console", lambda msg: msg.type == "error" and w.errors.append(f"console: {msg.text} ({page.url})"))
    page.on("pageerror", lambda exc: w.errors.append(f"pageerror: {exc} ({page.url})"))
    page.on("request", lambda req: w.requests.append(req.url))
    return w


@contextlib.contextmanager
def _context(browser, **options) -> Iterator[object]:
    context = browser.new_context(locale="zh-CN", **options)
    context.set_default_timeout(TIMEOUT_MS)
    try:
        yield context
    finally:
        context.close()


@pytest.fixture
def context(browser) -> Iterator[object]:
    with _context(browser, viewport={"width": 1280, "height": 900}) as ctx:
        yield ctx


@pytest.fixture
def page(context) -> object:
    page = context.new_page()
    page.watch = watch(page)
    return page


@pytest.fixture
def new_context(browser):
    """Open a context with other options (a phone, no JavaScript); it is closed after the test."""
    with contextlib.ExitStack() as stack:
        yield lambda **options: stack.enter_context(_context(browser, **options))


# --- pages ----------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def pages() -> dict[str, str]:
    """Paths of one page of each kind of the fictional site (tests/conftest.py's `site`), relative to its root."""
    from generator.load import load

    data = load(SHIXIAN_2021)
    return {
        "overview": "",
        "action": "actions/1/",
        "task": f"tasks/{next(t.id for t in data.plan.tasks() if t.targets)}/",
        "places": "places/",
        "source": "source/",
        "updates": "updates/",
        "period": f"updates/{data.periods[-1][0]}/",
        "data": "data/",
        "methodology": "methodology/",
        "status": "status/",
        "status_list": "status/behind/",
    }


def drawn(page) -> None:
    """Show each chart on screen in turn (Plotly loads only then) and wait until it is drawn."""
    count = page.locator("figure.gk-chart .gk-chart__one").count()
    for i in range(count):
        page.locator("figure.gk-chart .gk-chart__plot").nth(i).evaluate("el => el.scrollIntoView({block: 'center'})")
        page.wait_for_function(
            "i => { const f = document.querySelectorAll('figure.gk-chart .gk-chart__one')[i];"
            " return f && f.classList.contains('gk-chart--drawn') && f.querySelector('svg.main-svg'); }",
            arg=i,
        )
    assert page.locator("figure.gk-chart .gk-chart__one.gk-chart--drawn").count() == count
    assert page.locator("figure.gk-chart:not(.gk-chart--drawn)").count() == 0
