"""`ingest` and `search`: build the index and look into it."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from assistant.commands.common import domain_errors, echo_json, settings


def _progress_bar():
    """A tqdm bar on a terminal; silence when piped or in CI."""
    if not sys.stderr.isatty():
        return None, lambda: None
    from tqdm import tqdm

    bar = tqdm(total=0, unit="passage", desc="embedding", file=sys.stderr)

    def update(done: int, total: int) -> None:
        bar.total = total
        bar.n = done
        bar.refresh()

    return update, bar.close


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--no-bundled", is_flag=True, help="Index only the given paths, without the bundled corpus.")
@click.option("--if-missing", is_flag=True, help="Do nothing when an index already exists.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def ingest(paths: tuple[Path, ...], no_bundled: bool, if_missing: bool, as_json: bool) -> None:
    """Add files or folders (md, txt, html, pdf, forum json) to the index; no PATH rebuilds it."""
    from assistant.ingest import embed_router_examples, ingest as run_ingest
    from index.encoder import load_encoder
    from index.store import IndexStore

    cfg = settings()
    store = IndexStore(cfg.index_dir)
    if no_bundled and not paths:
        raise click.UsageError("--no-bundled needs at least one PATH to index.")
    if if_missing and store.exists():
        click.echo(f"Index already present in {cfg.index_dir}; nothing to do.")
        return
    with domain_errors():
        encoder = load_encoder(cfg.embedding_model)
        update, close = _progress_bar()
        try:
            report = run_ingest(store, encoder, list(paths), bundled=False if no_bundled else None,
                                progress=update, suffixes=frozenset(cfg.ingest_suffixes))
        finally:
            close()
        embed_router_examples(store, encoder)  # the server's start-up then reads them back
    if as_json:
        echo_json(report.to_dict())
        return
    click.echo(f"Indexed {report.files} files: {report.documents} documents, {report.passages} passages "
               f"({report.embedded} embedded, {report.reused} reused) in {report.seconds:.1f}s.")
    for name, reason in report.skipped:
        click.echo(f"  skipped {name}: {reason}")
    for conflict in report.conflicts:
        click.echo(f"  conflict: {conflict}")


@click.command()
@click.argument("query")
@click.option("-k", "--top", default=5, show_default=True, help="How many passages to show.")
@click.option("--json", "as_json", is_flag=True)
def search(query: str, top: int, as_json: bool) -> None:
    """Show the passages that best match QUERY, with scores and sources."""
    from assistant.compose import to_citation
    from index.encoder import load_encoder
    from index.search import HybridSearcher
    from index.store import IndexStore

    cfg = settings()
    with domain_errors():
        searcher = HybridSearcher(IndexStore(cfg.index_dir), load_encoder(cfg.embedding_model))
        hits = searcher.search(query, top)
    rows = [to_citation(i + 1, h).model_dump() for i, h in enumerate(hits)]
    if as_json:
        echo_json(rows)
        return
    for row in rows:
        where = row["source"] + (f" p.{row['page']}" if row.get("page") else "")
        click.echo(f"[{row['n']}] {row['score']:.3f}  {row['title']} › {row['section']}  ({where})")
        snippet = " ".join(row["text"].split())
        click.echo("    " + (snippet[:240] + "…" if len(snippet) > 240 else snippet))
