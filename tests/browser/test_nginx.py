"""deploy/nginx.conf in a real nginx: headers, pre-compressed files, and a CSP the site keeps."""

import base64
import contextlib
import hashlib
import os
import pathlib
import re
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator

import pytest

from .fixtures import ROOT, drawn

pytestmark = pytest.mark.browser
CONFIG = ROOT / "deploy" / "nginx.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
MAIN = """{user}daemon off;
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path {tmp}/body; proxy_temp_path {tmp}/proxy; fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi; scgi_temp_path {tmp}/scgi;
    include {tmp}/site.conf;
}}
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def nginx_url(site_dir, tmp_path_factory):
    with nginx_serving(site_dir, tmp_path_factory.mktemp("nginx")) as url:
        yield url


@contextlib.contextmanager
def nginx_serving(root: pathlib.Path, tmp: pathlib.Path) -> Iterator[str]:
    """Serve a folder with deploy/nginx.conf in a real nginx on a free loopback port."""
    if not pathlib.Path(NGINX).is_file():
        pytest.fail("nginx not found: apt-get install --no-install-recommends nginx (.ci/run does this)", pytrace=False)
    port = free_port()
    site_conf = CONFIG.read_text(encoding="utf-8")
    site_conf = re.sub(r"root \S+;", f"root {root};", site_conf)
    site_conf = re.sub(r"listen 80;", f"listen 127.0.0.1:{port};", site_conf)
    site_conf = re.sub(r"\n\s*listen \[::\]:80;", "", site_conf)
    (tmp / "site.conf").write_text(site_conf, encoding="utf-8")
    # As root, nginx hands requests to an unprivileged worker that cannot read pytest's private
    # temporary folders; the test server is loopback-only and short-lived.
    user = "user root;\n" if os.geteuid() == 0 else ""
    (tmp / "nginx.conf").write_text(MAIN.format(tmp=tmp, user=user), encoding="utf-8")
    proc = subprocess.Popen([NGINX, "-c", str(tmp / "nginx.conf"), "-p", str(tmp)], stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}/"
    for _ in range(100):
        try:
            urllib.request.urlopen(url, timeout=1)
            break
        except OSError:
            if proc.poll() is not None:
                pytest.fail(f"nginx did not start: {proc.stderr.read().decode()}")
            time.sleep(0.05)
    try:
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def inline_script_hashes(site: pathlib.Path) -> set[str]:
    """Hash every inline script the browser would run (JSON data blocks are not run)."""
    hashes = set()
    for page in site.rglob("*.html"):
        for attrs, body in re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", page.read_text("utf-8"), re.S):
            if "application/json" not in attrs:
                hashes.add("'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'")
    return hashes


def listed_hashes() -> set[str]:
    """Return the script hashes deploy/nginx.conf's Content-Security-Policy allows."""
    csp = re.search(r'Content-Security-Policy "([^"]+)"', CONFIG.read_text(encoding="utf-8"))[1]
    return set(re.findall(r"'sha256-[^']+'", csp))


def test_csp_allows_every_inline_script_of_the_site(site_dir):
    hashes = inline_script_hashes(site_dir)
    assert hashes, "found no inline script: the pattern no longer reads the site's pages"
    assert hashes <= listed_hashes(), f"add to deploy/nginx.conf: {' '.join(sorted(hashes - listed_hashes()))}"


def test_headers_and_precompressed_files(nginx_url):
    request = urllib.request.Request(nginx_url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request) as response:
        headers = response.headers
    assert headers["Content-Encoding"] == "gzip"
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff" and headers["X-Frame-Options"] == "DENY"
    assert "max-age=300" in headers["Cache-Control"]
    with urllib.request.urlopen(nginx_url + "feed.xml") as response:
        assert response.headers["Content-Type"].startswith("application/atom+xml")
    assets = urllib.request.urlopen(nginx_url).read().decode()
    fingerprinted = re.search(r'src="(assets/javascripts/bundle\.[0-9a-f]+\.min\.js)"', assets)[1]
    with urllib.request.urlopen(nginx_url + fingerprinted) as response:
        assert "immutable" in response.headers["Cache-Control"]


def test_site_works_under_the_csp_in_chromium(page, nginx_url, pages):
    page.add_init_script(
        "window.__csp = []; document.addEventListener('securitypolicyviolation',"
        " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    violations = []
    for path in ["", pages["action"], pages["task"], pages["source"]]:
        page.goto(nginx_url + path)
        drawn(page)
        violations += page.evaluate("window.__csp")
    box = page.locator("input.md-search__input")
    box.fill("城关镇")  # a place of the fictional plan
    box.press("End")
    page.wait_for_selector(".md-search-result__list a")
    violations += page.evaluate("window.__csp")
    csp_console = [e for e in page.watch.errors if "Content Security Policy" in e]
    assert violations == [] and csp_console == []
    assert page.watch.foreign() == []
