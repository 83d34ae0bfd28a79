"""The product catalogue: keys, display names and synonyms, read from ``products.yaml``.

>>> resolve_product("Dynamics 365")
'd365'
>>> resolve_product("RIs")
'azure_ri'
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from calculators.errors import UnknownProductError

CATALOGUE_FILE = Path(__file__).with_name("products.yaml")
_SEPARATORS = re.compile(r"[\s_\-]+")


@dataclass(frozen=True)
class Product:
    """A product line with an incentive rate."""

    #: short key such as ``o365``
    key: str
    #: display name such as ``Office 365``
    name: str
    #: name of the parameter holding its incentive rate
    rate_param: str
    #: lower-case names users may type
    synonyms: tuple[str, ...]


def _normalise(text: str) -> str:
    return _SEPARATORS.sub(" ", text.strip().lower())


@lru_cache(maxsize=1)
def products() -> dict[str, Product]:
    """Every product of the catalogue, keyed by product key, in catalogue order."""
    raw = yaml.safe_load(CATALOGUE_FILE.read_text(encoding="utf-8"))
    return {
        key: Product(key, entry["name"], entry["rate"], tuple(entry.get("synonyms", ())))
        for key, entry in raw.items()
    }


@lru_cache(maxsize=1)
def _lookup() -> dict[str, str]:
    table: dict[str, str] = {}
    for product in products().values():
        for text in (product.key, product.name, *product.synonyms):
            table[_normalise(text)] = product.key
    return table


def resolve_product(text: str) -> str:
    """The product key for a key, display name or synonym (case and spacing ignored).

    :raises UnknownProductError: nothing matches; the message lists the known products.
    """
    if not isinstance(text, str):
        raise UnknownProductError(repr(text), {k: p.name for k, p in products().items()})
    key = _lookup().get(_normalise(text))
    if key is None:
        raise UnknownProductError(text, {k: p.name for k, p in products().items()})
    return key


def product_name(key: str) -> str:
    """Display name of a product key."""
    return products()[resolve_product(key)].name


def catalogue_help() -> str:
    """One line per product: key, name and synonyms (for ``--help``)."""
    return "\n".join(
        f"{p.key:<19} {p.name} (also: {', '.join(s for s in p.synonyms if s != p.key)})"
        for p in products().values()
    )
