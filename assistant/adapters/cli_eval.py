"""`theme-assistant eval`: the offline case eval, the retrieval eval and the benchmarks, one command family."""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from assistant.adapters.common import build_app as _app
from assistant.evaluation.cases import CaseError, load_cases
from assistant.interview.llm.recording import ReplayMissing

err = Console(stderr=True)
eval_app = typer.Typer(help="Run the eval: cases (default), retrieval, or the benchmarks.")

DEFAULT_CASES = Path("eval/cases")
DEFAULT_QUERIES = Path("eval/retrieval/queries.yaml")


def register(app: typer.Typer) -> None:
    app.add_typer(eval_app, name="eval")


@eval_app.callback(invoke_without_command=True)
def run_cases(
    ctx: typer.Context,
    cases: Annotated[Path, typer.Option(help="Folder of case files (a suite).")] = DEFAULT_CASES,
    backend: Annotated[str, typer.Option(help="Backend to evaluate.")] = "offline",
    json_out: Annotated[Path | None, typer.Option("--json", help="Write the results as JSON here.")] = None,
    report: Annotated[Path | None, typer.Option(help="Write a Markdown report here.")] = None,
    proposals: Annotated[Path | None, typer.Option(help="Write each case's proposal as DIR/<id>.md and .docx.")] = None,
    repeat: Annotated[int, typer.Option(help="Run each case K times and report pass^k.")] = 1,
    baseline: Annotated[Path | None, typer.Option(help="Fail when results regress against this baseline.")] = None,
    write_baseline: Annotated[Path | None, typer.Option(help="Accept these results as the new baseline.")] = None,
    record: Annotated[
        Path | None, typer.Option(help="llm backend: store every model response in DIR, keyed by the request.")
    ] = None,
    replay: Annotated[
        Path | None, typer.Option(help="llm backend: answer only from the recordings in DIR (offline, fails closed).")
    ] = None,
) -> None:
    """Run every case in --cases through the chat service with the simulated employee."""
    if ctx.invoked_subcommand is not None:
        return
    from assistant.evaluation import report as rep
    from assistant.evaluation.runner import run_suite, summarize
    from assistant.render import to_docx, to_markdown

    if write_baseline and baseline and write_baseline.resolve() == baseline.resolve():
        err.print(
            f"[red]--write-baseline and --baseline name the same file ({baseline}): a run cannot approve itself. "
            "Gate against the accepted baseline first, then write the new one in a separate run.[/red]"
        )
        raise typer.Exit(2)
    try:
        suite = load_cases(cases)
    except CaseError as exc:
        err.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from None
    with tempfile.TemporaryDirectory() as tmp:
        # A throwaway session database: eval runs must not fill the user's interview list.
        a = _app(
            backend=backend,
            database_url=f"sqlite:///{Path(tmp) / 'eval.db'}",
            llm_record_dir=record,
            llm_replay_dir=replay,
        )
        from assistant.providers import ProviderError  # here: it loads the embedding libraries

        try:
            service = a.service
        except (ValueError, ProviderError, ReplayMissing) as exc:
            err.print(f"[red]{exc}[/red]")
            raise typer.Exit(2) from None
        with Progress(
            TextColumn("eval"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("{task.description}"),
            console=err,
            transient=True,
        ) as progress:
            task = progress.add_task("", total=len(suite))
            results = run_suite(
                service,
                a.kb,
                suite,
                repeat=repeat,
                progress=lambda c: progress.update(task, advance=1, description=c.id),
            )
        unknown = sorted({p for c in suite for p in c.expect.patterns_any if p not in a.kb.patterns})
        if unknown:
            err.print(
                f"[yellow]warning: patterns_any names ids the knowledge base lacks: {', '.join(unknown)}[/yellow]"
            )
        summary = summarize(results, repeat)
        data = rep.to_json(results, summary)
        if proposals:
            proposals.mkdir(parents=True, exist_ok=True)
            for r in results:
                # the service's proposal, as the employee would get it (rewritten, when that is on)
                p = service.proposal(r.state.id) if r.state.proposal_ready else None
                if p is not None:
                    (proposals / f"{r.case.id}.md").write_text(to_markdown(p, r.state), encoding="utf-8")
                    to_docx(p, proposals / f"{r.case.id}.docx", r.state)
        a.store.close()
    if json_out:
        rep.write(json_out, json.dumps(data, indent=2, ensure_ascii=False))
    if report:
        rep.write(report, rep.to_markdown(results, summary))
    _print_summary(summary)
    if "llm" in summary and _report_model_use(summary["llm"], a, replay):
        raise typer.Exit(1)
    if write_baseline:
        rep.write(write_baseline, json.dumps(rep.baseline_of(data), indent=2, ensure_ascii=False) + "\n")
        err.print(f"baseline written to {write_baseline}")
    if baseline:
        problems = rep.compare_to_baseline(data, json.loads(baseline.read_text(encoding="utf-8")))
        if problems:
            for problem in problems:
                err.print(f"[red]regression:[/red] {problem}")
            raise typer.Exit(1)
        err.print(f"no regression against {baseline}")


def _report_model_use(llm: dict[str, Any], a: Any, replay: Path | None) -> bool:
    """Print model calls, tokens and fallbacks; True when the run must fail (a replay missed a recording)."""
    from assistant.interview.llm.interviewer import PROVIDER_PROBLEMS
    from assistant.providers import explain

    err.print(
        f"llm ({a.backend_label}): {llm['calls']} calls, {llm['calls_per_turn']} per turn; "
        f"{llm['tokens_per_turn']} tokens per turn; {llm['fallback_turns']} of {llm['turns']} turns answered by "
        "the offline engine"
        + (f" ({', '.join(f'{k}: {v}' for k, v in llm['fallbacks'].items())})" if llm["fallbacks"] else "")
        + (f"; {llm['rewrite_calls']} of the calls rewrote a proposal" if llm["rewrite_calls"] else "")
    )
    for problem in llm["fallbacks"]:
        if problem in PROVIDER_PROBLEMS:
            err.print(f"[yellow]note:[/yellow] {explain(problem, a.settings)}")
    if replay is not None and "replay_missing" in llm["fallbacks"]:
        err.print(f"[red]replay incomplete:[/red] some model requests have no recording in {replay}")
        return True
    return False


def _print_summary(summary: dict[str, Any]) -> None:
    err.print(
        f"passed {summary['passed']}/{summary['total']} ({summary['pass_rate']:.1%}); "
        + ", ".join(f"{k}: {v['pass_rate']:.1%}" for k, v in sorted(summary["by_lang"].items()))
    )
    err.print("checks: " + ", ".join(f"{k} {v:.0%}" for k, v in summary["by_check"].items()))


@eval_app.command("retrieval")
def retrieval(
    queries: Annotated[Path, typer.Option(help="YAML list of queries.")] = DEFAULT_QUERIES,
    k: int = 3,
    json_out: Annotated[Path | None, typer.Option("--json")] = None,
) -> None:
    """recall@k and MRR per language of the pattern search, and its latency."""
    from assistant.evaluation.bench import load_queries, retrieval_eval

    a = _app()
    result = retrieval_eval(a.index, load_queries(queries, a.kb), k=k)
    _emit(result, json_out)


@eval_app.command("bench")
def bench(
    cases: Annotated[Path, typer.Option()] = DEFAULT_CASES,
    queries: Annotated[Path, typer.Option()] = DEFAULT_QUERIES,
    synthetic: Annotated[
        int, typer.Option(help="Instead: build and query an index of N synthetic patterns (copies of today's).")
    ] = 0,
    json_out: Annotated[Path | None, typer.Option("--json")] = None,
) -> None:
    """Quality and speed in one run: embedding load, retrieval recall/MRR and latency, index build time,
    per-turn latency, peak memory. With --synthetic N: the scale benchmark."""
    from assistant.evaluation.bench import (
        embedding_load,
        index_build_seconds,
        load_queries,
        peak_rss_mb,
        retrieval_eval,
        turn_latency,
    )

    with tempfile.TemporaryDirectory() as tmp:
        a = _app(database_url=f"sqlite:///{Path(tmp) / 'bench.db'}")
        load = embedding_load(a.settings)
        if synthetic:
            from assistant.evaluation.scale import scale_bench

            result = scale_bench(
                a.settings.knowledge_dir, synthetic, load_queries(queries, a.kb), a.index.embedder, Path(tmp)
            )
        else:
            result = {
                "embedding_load": load,
                "index_build_seconds": index_build_seconds(a.kb, a.index.embedder),
                "retrieval": retrieval_eval(a.index, load_queries(queries, a.kb)),
                "turn_latency": turn_latency(a.service, load_cases(cases)),
            }
        result["peak_rss_mb"] = peak_rss_mb()
        a.store.close()
    _emit(result, json_out)


def _emit(result: dict[str, Any], json_out: Path | None) -> None:
    text = json.dumps(result, indent=2, ensure_ascii=False)
    if json_out:
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(text, encoding="utf-8")
    sys.stdout.write(text + "\n")


@eval_app.command("calibrate")
def calibrate(
    queries: Annotated[Path, typer.Option(help="YAML list of queries.")] = DEFAULT_QUERIES,
    write: Annotated[bool, typer.Option(help="Store the model in assistant/retrieval/calibration.yaml.")] = False,
    fallback: Annotated[bool, typer.Option(help="Also refit the entry for uncalibrated embeddings.")] = False,
    json_out: Annotated[Path | None, typer.Option("--json")] = None,
) -> None:
    """Tune the dense weight and fit the confidence model of the configured embedding
    (THEME_ASSISTANT_EMBEDDING); report AUC and precision/recall on a held-out split (odd query ids)."""
    from assistant.evaluation.bench import load_queries
    from assistant.evaluation.calibrate import calibrate as fit
    from assistant.evaluation.calibrate import write_calibrations

    a = _app()
    fitted, report = fit(a.index, load_queries(queries, a.kb))
    if write:
        write_calibrations(fitted, fallback=fallback)
        err.print("calibration written; rerun `theme-assistant eval retrieval` to see its effect")
    _emit(report, json_out)
