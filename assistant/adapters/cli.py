"""The command line: web UI (default), terminal chat, proposals, patterns, sessions, portfolio."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sys
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import IO, Annotated

import typer
from rich.console import Console
from rich.markdown import Markdown
from rich.markup import escape
from rich.table import Table

from assistant.adapters.common import build_app as _app
from assistant.app import offline_environment
from assistant.textsafe import clean_text
from assistant.vocabulary import Lang

app = typer.Typer(
    add_completion=False, no_args_is_help=False, help="Find where machine learning pays off in your work."
)
patterns_app = typer.Typer(help="Browse and search the knowledge base of detection patterns.")
app.add_typer(patterns_app, name="patterns")
console = Console()
err = Console(stderr=True)


class Format(StrEnum):
    md = "md"
    docx = "docx"
    json = "json"


@app.callback(invoke_without_command=True)
def main_callback(
    ctx: typer.Context,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Debug logging.")] = False,
) -> None:
    offline_environment()  # before any library that phones home is imported
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )
    if not verbose:
        # Some libraries set DEBUG/INFO on their own loggers when they are imported, which may be after this
        # (they are imported when first used): the handler itself lets only warnings through.
        for handler in logging.getLogger().handlers:
            handler.setLevel(logging.WARNING)
        for noisy in ("bm25s", "chromadb", "httpx"):
            logging.getLogger(noisy).setLevel(logging.WARNING)
    if ctx.invoked_subcommand is None:
        ctx.invoke(web)


@app.command()
def web(
    host: Annotated[str | None, typer.Option(help="Interface to listen on.")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default 7860).")] = None,
    backend: Annotated[str | None, typer.Option(help="offline (default) or llm.")] = None,
) -> None:
    """Start the chat UI in the browser (the default command)."""
    from assistant.adapters.web import serve

    serve(_app(host=host, port=port, backend=backend))


@app.command()
def chat(
    resume: Annotated[str | None, typer.Option(help="Continue the interview with this id.")] = None,
    script: Annotated[str | None, typer.Option(help="Read the employee's lines from FILE ('-': stdin).")] = None,
    lang: Annotated[str | None, typer.Option(help="Answer in en or ja (default: detected).")] = None,
    backend: Annotated[str | None, typer.Option(help="offline (default) or llm.")] = None,
) -> None:
    """Interview in the terminal; with --script, a scripted conversation for demos and tests."""
    from assistant.service import SessionNotFound
    from assistant.store import SessionConflict

    a = _app(backend=backend)
    try:
        service = a.service
    except ValueError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None
    chosen: Lang | None = "ja" if lang == "ja" else "en" if lang == "en" else None
    state = service.get(resume) if resume else service.new_session("local", lang=chosen)
    err.print(f"[dim]interview id: {state.id}  (continue later with: theme-assistant chat --resume {state.id})[/dim]")
    err.print(f"[dim]backend: {a.backend_label}[/dim]")  # after the id line, which scripts read first
    for turn in state.transcript:
        console.print(("[bold cyan]you:[/bold cyan] " if turn.role == "user" else "") + escape(turn.text))
    lines = _script_lines(script) if script else None
    while True:
        if lines is not None:
            text = next(lines, None)
            if text is None:
                break
            console.print(f"[bold cyan]you:[/bold cyan] {escape(clean_text(text))}")
        else:
            try:
                text = console.input("[bold cyan]you:[/bold cyan] ")
            except (EOFError, KeyboardInterrupt):
                break
            if text.strip().lower() in ("/quit", "/exit", "/q"):
                break
        try:
            result = service.handle_state(state, text)
        except SessionConflict as exc:
            # another window keeps changing this interview: say so, carry on from what is stored (never a traceback)
            err.print(f"[yellow]note:[/yellow] {escape(str(exc.args[0] if exc.args else exc))}")
            with contextlib.suppress(SessionNotFound):  # never stored: carry on with the one in hand
                state = service.get(state.id)
            continue
        state = result.state
        console.print(Markdown(result.reply))
        if result.proposal is not None and lines is None:
            err.print(f"[dim]proposal ready: theme-assistant propose {state.id} --format md[/dim]")
    said = any(t.role == "user" for t in state.transcript)
    err.print(f"[dim]saved: {state.id}[/dim]" if said else "[dim]nothing said, so nothing was saved[/dim]")


def _script_lines(script: str) -> Iterator[str]:
    """The employee's lines; bytes that are not UTF-8 are replaced (with a note), never a crash."""
    if script == "-":
        yield from _decoded_lines(sys.stdin.buffer, "standard input")
        return
    path = Path(script)
    try:
        stream = path.open("rb")
    except OSError as exc:
        err.print(f"[red]error:[/red] cannot read the script {path}: {exc.strerror}; check the path")
        raise typer.Exit(2) from None
    with stream:
        yield from _decoded_lines(stream, str(path))


def _decoded_lines(stream: IO[bytes], name: str) -> Iterator[str]:
    noted = False
    for number, raw in enumerate(stream, start=1):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            line = raw.decode("utf-8", "replace")
            if not noted:
                err.print(
                    f"[yellow]note:[/yellow] {escape(name)} line {number} is not valid UTF-8; unreadable bytes were "
                    "replaced with \ufffd (save the file as UTF-8 to keep them)"
                )
                noted = True
        line = line.removeprefix("\ufeff") if number == 1 else line  # a byte-order mark from Windows editors
        if line.strip() and not line.lstrip().startswith("#"):
            yield line.rstrip("\r\n")


@app.command()
def propose(
    session_id: str,
    format: Annotated[Format, typer.Option("--format", "-f")] = Format.md,
    output: Annotated[
        str | None, typer.Option("--output", "-o", help="File or folder to write (default: stdout; .docx: a file).")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Draft the proposal of an interview as Markdown, .docx or JSON."""
    from assistant.render import to_docx, to_json, to_markdown

    a = _app()
    state = a.service.get(session_id)
    # the service's proposal: what the chat and the web show (rewritten, when that is on); a draft until ready
    proposal = a.service.proposal_of(state, draft=True)
    if proposal is None:
        err.print(
            "[red]This interview has no theme yet.[/red] Continue it with "
            f"`theme-assistant chat --resume {session_id}` until the assistant offers the proposal."
        )
        raise typer.Exit(2)
    if output is None and format is not Format.docx:
        text = to_markdown(proposal, state) if format is Format.md else to_json(proposal)
        sys.stdout.write(text)
        return
    path = _output_path(output, f"proposal-{session_id}.{format.value}", force)
    try:
        with _private():
            if format is Format.docx:
                to_docx(proposal, path, state)
            else:
                path.write_text(to_markdown(proposal, state) if format is Format.md else to_json(proposal), "utf-8")
            path.chmod(0o600)
    except OSError as exc:
        err.print(f"[red]error:[/red] cannot write {path}: {exc.strerror}; choose another -o")
        raise typer.Exit(2) from None
    err.print(f"wrote {path}")


@contextlib.contextmanager
def _private() -> Iterator[None]:
    """Files written inside are the user's alone (0600, folders 0700), as the web's are: they quote interviews."""
    old = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(old)


def _output_path(output: str | None, default_name: str, force: bool) -> Path:
    """-o FILE, or -o FOLDER (an existing one, or any ending in /) for the default name inside it.
    Missing folders are made; an existing file is kept unless --force."""
    path = Path(output) if output else Path(default_name)
    if output and (path.is_dir() or output.endswith(("/", os.sep))):
        path = path / default_name
    if path.is_dir():
        err.print(f"[red]error:[/red] {path} is a folder; give a file name with -o")
        raise typer.Exit(2)
    if path.exists() and not path.is_file():
        # a pipe or a device: opening it for writing can block for ever
        err.print(f"[red]error:[/red] {path} is not a regular file; choose another -o")
        raise typer.Exit(2)
    if path.exists() and not force:
        err.print(f"[red]error:[/red] {path} exists; pass --force to overwrite it, or choose another -o")
        raise typer.Exit(2)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        err.print(f"[red]error:[/red] cannot make the folder {path.parent}: {exc.strerror}; choose another -o")
        raise typer.Exit(2) from None
    return path


@app.command()
def sessions(limit: int = 20) -> None:
    """List recent interviews."""
    table = Table("id", "updated", "lang", "phase", "title")
    for s in _app().store.recent(limit=limit):
        table.add_row(s.id, f"{s.updated_at:%Y-%m-%d %H:%M}", s.lang, s.phase, s.title[:60])
    console.print(table)


@app.command()
def portfolio(
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder for the chart and summary.")] = Path(
        "portfolio"
    ),
    session: Annotated[list[str] | None, typer.Option(help="Only these interview ids.")] = None,
    lang: Annotated[str, typer.Option(help="Language of the summary (en or ja).")] = "en",
    force: Annotated[bool, typer.Option("--force", help="Overwrite the files of an earlier portfolio.")] = False,
) -> None:
    """Gather the themes of many interviews, merge near-duplicates, rank them, chart and summarize."""
    from assistant.portfolio import OUTPUTS, build_portfolio, write_portfolio

    if output.exists() and not output.is_dir():
        err.print(f"[red]error:[/red] {output} is not a folder; give a folder with -o")
        raise typer.Exit(2)
    there = [output / name for name in OUTPUTS if (output / name).exists()]
    if there and not force:
        err.print(f"[red]error:[/red] {there[0]} exists; pass --force to overwrite the portfolio, or choose another -o")
        raise typer.Exit(2)
    odd = next((p for p in there if not p.is_file()), None)
    if odd is not None:
        err.print(f"[red]error:[/red] {odd} is not a regular file; choose another -o")
        raise typer.Exit(2)
    a = _app()
    summary_lang: Lang = "ja" if lang == "ja" else "en"
    port = build_portfolio(a.store.all_states(session or None), summary_lang)
    try:
        with _private():
            files = write_portfolio(port, output)
            for f in files:
                f.chmod(0o600)
    except OSError as exc:
        err.print(f"[red]error:[/red] cannot write the portfolio in {output}: {exc.strerror}; choose another -o")
        raise typer.Exit(2) from None
    for f in files:
        err.print(f"wrote {f}")


@patterns_app.command("list")
def patterns_list() -> None:
    """All patterns with their task kind and modalities."""
    table = Table("id", "task kind", "modalities", "title")
    for p in _app().kb:
        table.add_row(p.id, p.task_kind, ", ".join(p.modalities), p.title.en)
    console.print(table)


@patterns_app.command("show")
def patterns_show(pattern_id: str, lang: str = "en") -> None:
    """One pattern in full."""
    a = _app()
    try:
        p = a.kb.get(pattern_id)
    except KeyError as exc:
        err.print(f"[red]{exc.args[0]}[/red]")
        raise typer.Exit(2) from None
    la: Lang = "ja" if lang == "ja" else "en"
    lines = [
        f"# {p.title.get(la)} ({p.id})",
        f"**{p.task_kind}** · {', '.join(p.modalities)} · {', '.join(p.industries)}",
        "",
        p.detection.get(la),
        "",
        "**Inputs:** " + ", ".join(p.inputs.get(la)),
        f"**Target:** {p.target.get(la)} ({p.output_shape})",
        f"**Entity:** {p.entity.get(la)}",
        f"**Truth known:** {p.truth_wait.get(la)}",
        f"**Baseline:** {p.baseline.get(la)}",
        "",
        "**Pains:**",
        *[f"- {x}" for x in p.pains.get(la)],
        "",
        f"**Data:** {p.data_needs.notes.get(la)} (about {p.data_needs.min_examples:,} examples, labels "
        f"{'required' if p.data_needs.labels_required else 'not required'})",
        f"**Metrics:** {p.metrics.ml.get(la)}; {p.metrics.business.get(la)}",
        "",
        "**Pitfalls:**",
        *[f"- {x.get(la)}" for x in p.pitfalls],
        "",
        "**PoC plan:**",
        *[f"1. {s.step.get(la)} ({s.weeks} wk)" for s in p.poc_plan],
    ]
    console.print(Markdown("\n".join(lines)))


@patterns_app.command("search")
def patterns_search(
    text: str,
    k: Annotated[int, typer.Option("-k", help="How many results.")] = 5,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON list, best first.")] = False,
    lang: Annotated[str | None, typer.Option(help="Match only en or ja texts.")] = None,
) -> None:
    """Patterns that best match plain words (e.g. how an employee describes a pain)."""
    hits = _app().index.search(text, k=k, lang=lang if lang in ("en", "ja") else None)  # type: ignore[arg-type]
    if as_json:
        sys.stdout.write(json.dumps([h.to_json() for h in hits], ensure_ascii=False, indent=2) + "\n")
        return
    table = Table("score", "id", "task kind", "modalities", "title")
    for h in hits:
        table.add_row(f"{h.score:.3f}", h.id, h.pattern.task_kind, ", ".join(h.pattern.modalities), h.pattern.title.en)
    console.print(table)


def _utf8(arg: str) -> bool:
    """False for an argument holding bytes that were not UTF-8 (Python keeps them as lone surrogates)."""
    try:
        arg.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _fixable() -> tuple[type[Exception], ...]:
    """Errors the user can fix, imported only once one is raised: their modules pull in the storage and model
    libraries, which a command that never needs them (web, patterns) should not wait for."""
    from assistant.edits import EditError
    from assistant.interview.llm.recording import ReplayMissing
    from assistant.knowledge import KnowledgeError
    from assistant.providers import ProviderError
    from assistant.service import SessionNotFound
    from assistant.store_errors import StoreError

    return (KnowledgeError, ProviderError, ReplayMissing, SessionNotFound, EditError, StoreError)


def main() -> None:
    bad = next((a for a in sys.argv[1:] if not _utf8(a)), None)
    if bad is not None:
        # a byte that is not UTF-8 (a pasted id from another encoding) would crash deep inside; say it here
        shown = os.fsencode(bad).decode("utf-8", "backslashreplace")
        err.print(f"[red]error:[/red] the argument {escape(shown)} is not valid UTF-8; retype it", soft_wrap=True)
        raise SystemExit(2)
    try:
        app()
    except Exception as exc:
        if not isinstance(exc, _fixable()):
            raise
        # errors the user can fix: say what to do, without a traceback
        message = str(exc.args[0] if exc.args else exc)
        err.print(f"[red]error:[/red] {escape(message)}", soft_wrap=True)  # paths stay whole, [x] stays text
        raise SystemExit(2) from None


def _register_eval() -> None:
    from assistant.adapters import cli_eval

    cli_eval.register(app)


def _register_slack() -> None:
    from assistant.adapters import slack_cli

    slack_cli.register(app)


_register_eval()
_register_slack()


if __name__ == "__main__":
    main()
