"""Starting the web server: port, a private temp folder for Gradio's file copies, loopback, a timed start."""

from __future__ import annotations

import atexit
import os
import shutil
import signal
import threading
import time
from pathlib import Path

from assistant.app import App
from assistant.processes import alive
from assistant.settings import Settings

_TEMP_ENV = "GRADIO_TEMP_DIR"


def server_port(settings: Settings, explicit: int | None = None) -> int:
    """--port, then THEME_ASSISTANT_PORT (or .env), then Gradio's own GRADIO_SERVER_PORT, then 7860."""
    if explicit:
        return explicit
    if "port" in settings.model_fields_set:
        return settings.port
    gradio_port = os.environ.get("GRADIO_SERVER_PORT", "").strip()
    if gradio_port:
        if not gradio_port.isdigit() or not 0 < int(gradio_port) < 65536:
            raise SystemExit(f"GRADIO_SERVER_PORT={gradio_port!r} is not a port; set a number from 1 to 65535")
        return int(gradio_port)
    return settings.port


def private_temp(settings: Settings) -> Path:
    """Gradio copies every file it serves (downloads, the chart) into GRADIO_TEMP_DIR, world-readable under
    the system temp folder by default and kept after exit. Ours: inside the data folder, 0700, per process,
    removed on exit (and those of processes that died without cleaning up, at the next start)."""
    base = settings.ensure_data_dir() / "tmp"
    base.mkdir(mode=0o700, exist_ok=True)
    base.chmod(0o700)
    for old in base.glob("gradio-*"):
        pid = old.name.removeprefix("gradio-")
        if pid.isdigit() and int(pid) != os.getpid() and not alive(int(pid)):
            shutil.rmtree(old, ignore_errors=True)
    folder = base / f"gradio-{os.getpid()}"
    folder.mkdir(mode=0o700, exist_ok=True)
    os.environ[_TEMP_ENV] = str(folder)  # read by gradio.Blocks when it is built, so before build_ui
    atexit.register(shutil.rmtree, folder, True)
    return folder


def japanese_font() -> Path:
    """IPAexGothic, shipped inside the matplotlib-fontja wheel: Japanese renders even where the OS has no CJK
    font, and nothing is fetched from a font CDN."""
    import importlib.util

    spec = importlib.util.find_spec("matplotlib_fontja")
    root = Path(spec.origin).parent if spec and spec.origin else Path(".")
    return root / "fonts" / "ipaexg.ttf"


#: The largest body Gradio's upload route accepts (the UI has no upload; this bounds what a stranger can post).
MAX_UPLOAD = "64kb"


def launch(app: App, host: str | None = None, port: int | None = None, block: bool = True) -> object:
    """Start the server on loopback by default; no share link, no analytics, no server-side rendering."""
    from assistant.adapters.web_assets import CTA_JS, css
    from assistant.adapters.web_layout import build_ui
    from assistant.adapters.web_views import WebUI

    served = private_temp(app.settings) / "files"
    # Gradio writes its copies with the process umask (0644 files): the app's files are the employee's data.
    os.umask(0o077)
    ui = WebUI(app, files=served)
    demo = build_ui(ui, concurrency=app.settings.web_concurrency)
    demo.launch(
        server_name=host or app.settings.host,
        server_port=server_port(app.settings, port),
        share=False,
        prevent_thread_lock=not block,
        show_error=True,
        quiet=True,
        ssr_mode=False,
        css=css(japanese_font()),
        js=CTA_JS,
        # only the font is served from a path: the chart and the downloads reach the page as Gradio's private copies
        allowed_paths=[str(japanese_font().parent)],
        footer_links=[],
        inbrowser=False,
        # the page takes no uploads: anything posted to Gradio's upload route is refused before it fills the disk
        max_file_size=MAX_UPLOAD,
        # Gradio's /monitoring dashboard is open to anyone who can reach the port: it shows every visitor's traffic
        enable_monitoring=False,
    )
    # the index opens after the page is served: the first visitor's message waits for it, the page does not
    threading.Thread(target=ui.warm, name="warm-index", daemon=True).start()
    return demo


def since_start() -> float | None:
    """Seconds since this process was started (its imports included), from /proc; None elsewhere."""
    try:
        ticks = int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19])
        uptime = float(Path("/proc/uptime").read_text().split()[0])
    except (OSError, IndexError, ValueError):
        return None
    return uptime - ticks / os.sysconf("SC_CLK_TCK")


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def serve(app: App) -> None:
    # SIGTERM (a service manager, `kill`) ends the server like Ctrl+C, so the private temp folder is removed too
    signal.signal(signal.SIGTERM, _interrupt)
    started = time.perf_counter()
    host, port = app.settings.host, server_port(app.settings)
    demo = launch(app, block=False)
    elapsed = since_start() or time.perf_counter() - started
    print(
        f"theme-assistant is ready at http://{host}:{port}/  ({elapsed:.1f} s after the command; Ctrl+C stops)",
        flush=True,
    )
    try:
        demo.block_thread()  # type: ignore[attr-defined]
    except KeyboardInterrupt:
        demo.close()  # type: ignore[attr-defined]
    finally:
        folder = os.environ.get(_TEMP_ENV)
        if folder:
            shutil.rmtree(folder, ignore_errors=True)
