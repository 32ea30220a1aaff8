"""The ``narrative`` command line: thin Typer commands over pure functions."""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from .. import __version__
from ..config import load_config
from ..errors import NarrativeError

app = typer.Typer(
    name="narrative",
    help=(
        "Measure how a client's story about themselves changes over therapy, from session notes. "
        "Runs fully offline; outputs are de-identified by default."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, soft_wrap=True)
out = Console(soft_wrap=True)

ConfigOpt = Annotated[
    Path | None,
    typer.Option(
        "--config", exists=True, dir_okay=False, readable=True, help="YAML file overriding default settings."
    ),
]
FastOpt = Annotated[
    bool,
    typer.Option(
        "--fast",
        help="Fast scoring: static embeddings (models/static_minilm) and the heads trained on them "
        "(models/fast) instead of the MiniLM transformer: embedding ~30x cheaper, "
        "somewhat lower accuracy (README: Current figures).",
    ),
]


def _fail(message: str) -> None:
    err.print(f"[red]error:[/red] {message}", highlight=False)
    raise typer.Exit(code=1)


@contextlib.contextmanager
def _expected_errors() -> Iterator[None]:
    try:
        yield
    except NarrativeError as exc:
        _fail(str(exc))
    except KeyboardInterrupt:
        err.print("interrupted: previous outputs are intact; re-run to resume (finished notes are cached).")
        raise typer.Exit(code=130) from None


@contextlib.contextmanager
def _progress() -> Iterator[Any]:
    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=False,
    )
    tasks: dict[str, Any] = {}

    def update(stage: str, done: int, total: int | None = None) -> None:
        if stage not in tasks:
            tasks[stage] = progress.add_task(stage, total=total)
        progress.update(tasks[stage], completed=done, total=total)

    with progress:
        yield update


@app.callback()
def _main(
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Log progress details (never note text).")
    ] = False,
) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )


@app.command()
def version() -> None:
    """Print the tool's version."""
    out.print(f"narrative {__version__}")


@app.command()
def analyze(
    inputs: Annotated[
        list[Path] | None,
        typer.Argument(
            exists=True,
            help="Note exports: CSV, JSONL, FHIR R4 Bundle JSON, or folders of .txt/.md notes. "
            "None: the bundled demo caseload.",
        ),
    ] = None,
    out_dir: Annotated[Path, typer.Option("--out", "-o", file_okay=False, help="Output folder.")] = Path(
        "out"
    ),
    config: ConfigOpt = None,
    fast: FastOpt = False,
    workers: Annotated[
        int,
        typer.Option(
            min=1,
            help="Worker processes for the per-note work; the cores are shared among them (engine.threads_per_worker: auto).",
        ),
    ] = 1,
    engine: Annotated[str, typer.Option(help="local or dask.")] = "local",
    scheduler: Annotated[
        str | None, typer.Option(help="Dask scheduler address (tcp://host:8786); default: a local cluster.")
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Reprocess every note (ignore the cache).")
    ] = False,
    cache: Annotated[
        Path | None, typer.Option(dir_okay=False, help="Cache file (default OUT/cache.sqlite).")
    ] = None,
    exclude: Annotated[
        Path | None,
        typer.Option(
            exists=True, dir_okay=False, help="Client ids to leave out (one per line, or CSV with client_id)."
        ),
    ] = None,
    keep_identifiers: Annotated[
        bool,
        typer.Option("--keep-identifiers", help="Do NOT de-identify outputs (a clinician's own use only)."),
    ] = False,
    key_file: Annotated[
        Path | None,
        typer.Option(
            dir_okay=False,
            help="Pseudonym key file (default $NARRATIVE_KEY_FILE or ~/.narrative/pseudonym.key).",
        ),
    ] = None,
    column_map: Annotated[
        Path | None,
        typer.Option(
            exists=True, dir_okay=False, help="YAML mapping canonical column -> your export's column."
        ),
    ] = None,
    filename_pattern: Annotated[
        str | None,
        typer.Option(help="Regex with (?P<client_id>..) and (?P<session>..) for folders of .txt/.md notes."),
    ] = None,
    strata: Annotated[
        str,
        typer.Option(help="Comma-separated columns to stratify reference bands by (e.g. program,modality)."),
    ] = "",
    reference: Annotated[
        Path | None,
        typer.Option(exists=True, dir_okay=False, help="Reference bands CSV (default: from the caseload)."),
    ] = None,
    report: Annotated[bool, typer.Option(help="Write HTML reports into OUT/report.")] = True,
    client_facing: Annotated[
        bool, typer.Option("--client-facing", help="Also write plain-language client summaries.")
    ] = False,
) -> None:
    """Run the whole pipeline and write tables, reports, rejects.csv and manifest.json into --out."""
    from ..ingest import demo_inputs
    from ..run import RunOptions
    from ..run import analyze as run_analyze

    with _expected_errors():
        cfg = load_config(config, preset="fast" if fast else None)
        paths = list(inputs) if inputs else demo_inputs()
        excluded = frozenset()
        if exclude is not None:
            from ..privacy import read_exclude_list

            excluded = frozenset(read_exclude_list(exclude))
        options = RunOptions(
            out=out_dir,
            workers=workers,
            engine=engine,
            scheduler=scheduler,
            use_cache=not no_cache,
            cache_path=cache,
            exclude=excluded,
            keep_identifiers=keep_identifiers,
            key_file=key_file,
            ingest=_ingest_options(cfg, column_map, filename_pattern, strata),
            reference=reference,
            strata=tuple(s for s in strata.split(",") if s),
            report=report,
            client_facing=client_facing,
        )
        if not inputs:
            err.print(f"No inputs given: running on the bundled demo caseload ({paths[0].parent}).")
        with _progress() as update:
            summary = run_analyze(paths, options, config=cfg, progress=update)
        out.print(summary.to_text(), highlight=False)


def _ingest_options(
    cfg: dict[str, Any], column_map: Path | None, filename_pattern: str | None, strata: str
) -> Any:
    """IngestOptions from the config's ``ingest`` section, overridden by command-line options."""
    from ..ingest import IngestOptions

    overrides: dict[str, Any] = {}
    if column_map is not None:
        overrides["column_map_file"] = str(column_map)
    if filename_pattern:
        overrides["filename_pattern"] = filename_pattern
    names = tuple(s for s in strata.split(",") if s)
    if names:
        overrides["strata_columns"] = names
    return IngestOptions.from_config(cfg, **overrides)


@app.command()
def validate(
    inputs: Annotated[list[Path], typer.Argument(exists=True, help="Note exports to check.")],
    out_dir: Annotated[
        Path, typer.Option("--out", "-o", file_okay=False, help="Where rejects.csv goes.")
    ] = Path("out"),
    column_map: Annotated[
        Path | None, typer.Option(exists=True, dir_okay=False, help="Column mapping YAML.")
    ] = None,
    filename_pattern: Annotated[
        str | None, typer.Option(help="File-name regex for folders of notes.")
    ] = None,
    config: ConfigOpt = None,
) -> None:
    """Ingest and validate only: print read = accepted + rejected per input and write rejects.csv."""
    from ..run import validate as run_validate

    with _expected_errors():
        summary = run_validate(
            inputs, out_dir, ingest=_ingest_options(load_config(config), column_map, filename_pattern, "")
        )
        for c in summary.inputs:
            out.print(
                f"{c.source}: read {c.read} = accepted {c.accepted} + rejected {c.rejected}", highlight=False
            )
        out.print(
            f"Clients: {summary.n_clients}; notes: {summary.n_notes}; rejected rows: {summary.n_rejected}"
        )
        out.print(f"Rejects: {summary.rejects_path}", highlight=False)
        if summary.n_notes == 0 and all(c.accepted == 0 for c in summary.inputs):
            _fail("nothing usable was read.")


TextsArg = Annotated[
    Path, typer.Argument(exists=True, dir_okay=False, help="CSV, TSV or JSONL with an id and a text column.")
]
OutFile = Annotated[
    Path, typer.Option("--out", "-o", dir_okay=False, help="Output file: .csv, .jsonl or .parquet.")
]
IdCol = Annotated[str, typer.Option(help="Name of the id column.")]
TextCol = Annotated[str, typer.Option(help="Name of the text column.")]


class Speaker(StrEnum):
    """Who wrote the texts given to ``narrative extract``."""

    author = "author"
    note = "note"


@app.command()
def extract(
    texts: TextsArg,
    out_file: OutFile,
    id_column: IdCol = "id",
    text_column: TextCol = "text",
    speaker: Annotated[
        Speaker,
        typer.Option(
            help="author: each text is the speaker's own words (utterances, diaries, interviews); "
            "note: texts are clinical notes (the client speaks in quotes and reported speech)."
        ),
    ] = Speaker.author,
    config: ConfigOpt = None,
) -> None:
    """Extract self-descriptions, agency, chapter titles and indicators from any text corpus.

    Writes one row per statement: id, type, text, start, end, voice, polarity, evidence.
    Texts are not de-identified here: this command is for research corpora you control.
    """
    from ..commands import extract_file

    with _expected_errors(), _progress() as update:
        result = extract_file(
            texts,
            out_file,
            id_column=id_column,
            text_column=text_column,
            speaker=speaker.value,
            config=load_config(config),
            progress=update,
        )
    out.print(result.to_text(), highlight=False)


@app.command()
def score(
    texts: TextsArg,
    out_file: OutFile,
    id_column: IdCol = "id",
    text_column: TextCol = "text",
    context_column: Annotated[
        str | None, typer.Option(help="Optional column with the previous turn (context for talk type).")
    ] = None,
    config: ConfigOpt = None,
    fast: FastOpt = False,
) -> None:
    """Score every row: agency, self_regard, narrative_score, talk_type with probabilities, evidence."""
    from ..commands import score_file

    with _expected_errors(), _progress() as update:
        result = score_file(
            texts,
            out_file,
            id_column=id_column,
            text_column=text_column,
            context_column=context_column,
            config=load_config(config, preset="fast" if fast else None),
            progress=update,
        )
    out.print(result.to_text(), highlight=False)


@app.command()
def evaluate(
    gold: Annotated[
        Path, typer.Option(exists=True, dir_okay=False, help="Gold JSONL (e.g. corpora/gold/test.jsonl).")
    ],
    config: ConfigOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
) -> None:
    """Precision, recall and F1 per statement type (exact and overlap match) and polarity confusion."""
    from ..engine import set_offline_env
    from ..extract import evaluate as run_evaluate
    from ..extract import load_pipeline

    with _expected_errors():
        set_offline_env()
        nlp = load_pipeline(load_config(config))
        report_ = run_evaluate(nlp, gold)
        out.print(json.dumps(report_.to_dict(), indent=2) if as_json else report_.to_text(), highlight=False)


@app.command("export-onnx")
def export_onnx_cmd(
    out_dir: Annotated[
        Path | None,
        typer.Option("--out", file_okay=False, help="Export folder (default: models.embedding_onnx_dir)."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Export again even if an up-to-date export exists.")
    ] = False,
    config: ConfigOpt = None,
) -> None:
    """Export the embedding model for ONNX Runtime once, so runs start ~4 s faster without PyTorch's model stack.

    The export is checked against the model before it is used; runs pick it up by
    themselves (models.embedding_runtime: auto). Needs no network.
    """
    from ..commands import export_onnx_model

    with _expected_errors():
        result = export_onnx_model(load_config(config), out_dir=out_dir, force=force)
    out.print(result.to_text(), highlight=False)


@app.command("report")
def report_cmd(
    run_dir: Annotated[
        Path, typer.Argument(exists=True, file_okay=False, help="The --out folder of an earlier analyze run.")
    ],
    client_facing: Annotated[
        bool, typer.Option("--client-facing", help="Also write client summaries.")
    ] = False,
    config: ConfigOpt = None,
) -> None:
    """Rebuild the HTML reports from an earlier run's tables."""
    from ..report import build_reports

    with _expected_errors():
        result = build_reports(run_dir, client_facing=client_facing, config=load_config(config))
        out.print(f"Reports: {len(result.client_pages)} client pages", highlight=False)
        out.print(f"Caseload report: {result.caseload_page}", highlight=False)
