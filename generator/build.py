"""Build and serve the site: `gongkai build`, `gongkai urls` and `gongkai serve`.

A build goes to a fresh folder beside the target and is swapped in only when it succeeded, so a
failed build never damages the last good site. Around whichever engine runs (MkDocs with the plugin,
the fast path; or ProperDocs or Zensical on the files `gongkai generate` writes), this module checks
that no published URL disappeared, writes the .gz copies and swaps the folders.
"""

from __future__ import annotations

import logging
import os
import pathlib
import shutil
import socket
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

import jinja2
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError
from mkdocs.livereload import LiveReloadServer, _serve_url

from . import crash, lasting, portable, published, settings
from .load import Dataset, load_site
from .mkdocs_messages import Collector, translate
from .precompress import Compressor, precompress
from .problems import BuildFailed
from .render import SiteInfo
from .site import generate


def build_site(
    config_file: pathlib.Path,
    data_dir: pathlib.Path,
    site_dir: pathlib.Path,
    *,
    engine: str = "mkdocs",
    update_urls: bool = False,
    data: list[Dataset] | None = None,
) -> None:
    """Build the site into a temporary folder, check it keeps every published URL, then swap it in."""
    if not os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        os.environ["SOURCE_DATE_EPOCH"] = source_date_epoch(config_file.parent.resolve(), data_dir)
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    fresh = pathlib.Path(tempfile.mkdtemp(prefix=".gongkai-build-", dir=site_dir.parent))
    fresh.chmod(0o755)  # mkdtemp makes it private; a web server must read it
    try:
        datasets = data or load_site(data_dir)
        compressor = Compressor()  # MkDocs' pages, compressed as they are written
        try:
            if engine == "mkdocs":
                _with_mkdocs(config_file, data_dir, fresh, datasets, compressor)
            else:
                _with_engine(engine, config_file, data_dir, fresh, datasets)
        finally:
            compressor.close()
        _keep_published_urls(data_dir, fresh, datasets, update_urls)
        precompress(fresh, compressor.done)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    finally:
        lasting.release()  # the plugin kept the generated site out of the collector's passes
    _swap(fresh, site_dir)


def _with_mkdocs(
    config_file: pathlib.Path, data_dir: pathlib.Path, out: pathlib.Path, data: list[Dataset], compressor: Compressor
) -> None:
    """Build with MkDocs and the gongkai plugin, collecting what MkDocs complains of in Chinese."""
    from .plugin import GongkaiPlugin  # load_config below imports it in any case

    said = Collector("docs")
    logging.getLogger("mkdocs").addHandler(said)
    before = os.environ.get("GONGKAI_DATA")
    try:
        os.environ["GONGKAI_DATA"] = str(data_dir.resolve())  # mkdocs.yml: data_dir: !ENV [GONGKAI_DATA, data]
        config = load_config(str(config_file), site_dir=str(out), strict=True)
        said.docs_dir = pathlib.Path(config.docs_dir).name
        plugin = config.plugins["gongkai"]
        assert isinstance(plugin, GongkaiPlugin)  # the entry point mkdocs.yml's `gongkai` names
        plugin.preloaded = (data_dir.resolve(), data)  # checked already: no second load
        plugin.compressor = compressor
        mkdocs_build.build(config)
    except (Abort, ConfigurationError) as err:
        raise BuildFailed(said.lines or translate(str(err), "docs")) from None
    finally:
        logging.getLogger("mkdocs").removeHandler(said)
        if before is None:
            os.environ.pop("GONGKAI_DATA", None)
        else:
            os.environ["GONGKAI_DATA"] = before


def _with_engine(
    engine: str, config_file: pathlib.Path, data_dir: pathlib.Path, out: pathlib.Path, data: list[Dataset]
) -> None:
    """Write the pages as files (`gongkai generate`), then run another engine's own build on them."""
    if engine not in portable.ENGINES:
        raise BuildFailed([f"不认识的生成器 {engine}；可选：{'、'.join(portable.ENGINES)}"])
    command = shutil.which(engine, path=f"{pathlib.Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    if command is None:
        raise BuildFailed([f"没有安装 {engine}；请先运行 pip install {engine}"])
    site = settings.read(config_file)
    with tempfile.TemporaryDirectory(prefix=".gongkai-generate-", dir=out.parent) as scratch:
        files = pathlib.Path(scratch)
        info = SiteInfo(site.site_url, site.site_name, site.edit_url)
        portable.write(generate(data_dir, info, data), site, files, engine)
        args = ["build", "-f", portable.CONFIG_NAME] + (["-d", str(out)] if engine == "properdocs" else [])
        result = subprocess.run([command, *args], cwd=files, capture_output=True, text=True)
        if result.returncode:
            raise BuildFailed([f"{engine} 生成失败（原文如下）：", *result.stderr.strip().splitlines()[-20:]])
        if engine == "zensical":  # it writes to the config's site_dir, beside the files
            shutil.copytree(files / "site", out, dirs_exist_ok=True)


def _keep_published_urls(data_dir: pathlib.Path, site_dir: pathlib.Path, data: list[Dataset], update: bool) -> None:
    """Fail if the built site lost a published URL; for `gongkai urls`, record its URLs instead."""
    served = published.urls_on_disk(site_dir)
    record = data_dir / published.FILE
    if update:
        published.write(record, served, published.fingerprints(data))
    elif missing := published.dropped(published.read(record), served):
        raise BuildFailed([published.explain_dropped(missing)])


def source_date_epoch(repo: pathlib.Path, data_dir: pathlib.Path) -> str:
    """Date the build by the last commit, else by the newest data file, never by the clock."""
    try:
        stamp = subprocess.run(
            ["git", "log", "-1", "--format=%ct"], cwd=repo, capture_output=True, text=True, check=True, timeout=10
        ).stdout.strip()
        if stamp.isdigit():
            return stamp
    except (OSError, subprocess.SubprocessError):
        pass  # not a git checkout (a release tarball): fall back to the data
    files = [p for p in data_dir.rglob("*.y*ml") if p.is_file()]
    return str(int(max((p.stat().st_mtime for p in files), default=0)))


def _swap(fresh: pathlib.Path, site_dir: pathlib.Path) -> None:
    """Replace site_dir with fresh; the old site stays whole until the last moment."""
    old = site_dir.with_name(site_dir.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    fresh.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)


def serve_site(config_file: pathlib.Path, data_dir: pathlib.Path, dev_addr: str) -> None:
    """Serve a live preview that rebuilds when the data or the docs change.

    A build that fails (a data error, a broken link) shows its problems, in Chinese, in place of
    every page, and the page reloads by itself once a later build succeeds: MkDocs' own server
    would keep the browser waiting and print a traceback.
    """
    os.environ["GONGKAI_DATA"] = str(data_dir.resolve())
    site_dir = tempfile.mkdtemp(prefix="gongkai-preview-")

    def fresh_config() -> Any:
        return load_config(str(config_file), site_dir=site_dir, dev_addr=dev_addr)

    try:
        config = fresh_config()
    except ConfigurationError as err:
        shutil.rmtree(site_dir, ignore_errors=True)
        raise BuildFailed(translate(str(err), "docs")) from None
    host, port = config.dev_addr
    _check_free(host, port)  # say so now, not after the first build
    config.plugins.on_startup(command="serve", dirty=False)
    mount = urlsplit(config.site_url or "/").path
    serve_url = config.site_url = _serve_url(host, port, mount)
    server = PreviewServer(builder=lambda: None, host=host, port=port, root=site_dir, mount_path=mount)

    def builder(given: Any = None) -> None:
        server.failure = _attempt(given, fresh_config, serve_url)

    server.builder = builder
    try:
        builder(config)
        server.watch(config.docs_dir)
        server.watch(config.config_file_path)
        server = config.plugins.on_serve(server, config=config, builder=builder)
        for path in config.watch:
            server.watch(path)
        print(f"预览地址：{serve_url}（修改并保存文件后自动刷新；按 Ctrl+C 停止）", flush=True)
        try:
            server.serve()
        except KeyboardInterrupt:
            print("预览已停止。", file=sys.stderr)
        finally:
            server.shutdown()
    finally:
        config.plugins.on_shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)


def _check_free(host: str, port: int) -> None:
    """Raise OSError (EADDRINUSE) if another program, such as an earlier preview, holds the address."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server will
        probe.bind((host, port))


def _attempt(config: Any, fresh_config: Callable[[], Any], serve_url: str) -> list[str] | None:
    """Build the preview once; return what went wrong, in Chinese, or None when it built."""
    said = Collector("docs")
    logging.getLogger("mkdocs").addHandler(said)
    try:
        if config is None:
            config = fresh_config()
            config.site_url = serve_url
        said.docs_dir = pathlib.Path(config.docs_dir).name
        mkdocs_build.build(config, serve_url=serve_url)
        return None
    except (Abort, ConfigurationError) as err:
        lines = said.lines or translate(str(err), "docs")
    except Exception as err:  # a bug must not stop the preview: show it, and keep watching for the fix
        if crash.debugging():
            traceback.print_exc()
        lines = [crash.explain(err)]
    finally:
        logging.getLogger("mkdocs").removeHandler(said)
    for line in lines:
        print(line, file=sys.stderr)
    print("预览：生成失败，浏览器中显示了上面的问题；改正并保存文件后会自动刷新。", file=sys.stderr)
    return lines


class PreviewServer(LiveReloadServer):
    """MkDocs' live-reload server that shows the last build's problems in place of every page."""

    failure: list[str] | None = None

    def _serve_request(self, environ: Any, start_response: Any) -> Any:
        path = environ["PATH_INFO"]
        if self.failure is None or not (path.endswith(("/", ".html"))) or path.startswith("/livereload/"):
            return super()._serve_request(environ, start_response)
        with self._epoch_cond:
            epoch = self._visible_epoch
        page = ERROR_PAGE.render(lines=self.failure).encode("utf-8")
        page = self._inject_js_into_html(page, epoch)  # reloads the page when a build succeeds
        start_response("200 OK", [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(page)))])
        return [page]


ERROR_PAGE = jinja2.Environment(autoescape=True).from_string(
    """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>预览：数据有问题</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:16px/1.6 sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{color:#b71c1c;font-size:1.4rem}li{margin:.4rem 0;font-family:monospace;white-space:pre-wrap}</style></head>
<body><h1 class="gk-preview-error">预览：网站没有生成，原因如下</h1>
<p>请按提示逐条改正并保存文件，本页会自动刷新；改好之前，线上网站不受影响。</p>
<ol>{% for line in lines %}<li>{{ line }}</li>{% endfor %}</ol>
</body></html>
"""
)
