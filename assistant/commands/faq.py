"""`faq`: search the curated question/answer entries and the passages, as support staff do."""
from __future__ import annotations

import textwrap

import click

from assistant.commands.common import domain_errors, echo_json, load_assistant, settings


@click.command()
@click.argument("query")
@click.option("--limit", default=5, show_default=True, type=click.IntRange(1, 50),
              help="How many entries and passages to show.")
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON.")
def faq(query: str, limit: int, as_json: bool) -> None:
    """Look QUERY up in the curated FAQ entries (forum answers, glossary) and the passages."""
    from assistant.faq import FaqIndex

    assistant = load_assistant(settings())
    with domain_errors():
        results = FaqIndex(assistant).search(query, limit)
    if as_json:
        echo_json(results)
        return
    entries, passages = results["entries"], results["passages"]
    click.secho(f"Curated answers ({len(entries)})", bold=True)
    for e in entries:
        click.echo(f"\n• {e['question']}  [{e['kind']}]")
        click.echo(textwrap.indent(textwrap.fill(e["answer"], 88), "  "))
        by = f"answered by {e['answered_by']} · " if e["answered_by"] else ""
        click.secho(f"  {by}{e['source']} · {e['date_label']}", dim=True)
    click.secho(f"\nPassages ({len(passages)})", bold=True)
    for p in passages:
        where = p["title"] + (f" › {p['section']}" if p["section"] else "")
        click.echo(f"\n• {where}  (similarity {p['score']:.2f})")
        click.echo(textwrap.indent(textwrap.fill(p["text"], 88), "  "))
        page = f", page {p['page']}" if p["page"] else ""
        click.secho(f"  {p['source']}{page} · {p['date_label']}", dim=True)
    if not entries and not passages:
        click.echo("Nothing matches; try other words.")
