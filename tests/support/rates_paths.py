"""Every key path of a rates document, for the tests that change one field at a time."""

from __future__ import annotations

from typing import Any, TypeVar, cast

T = TypeVar("T")


def paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The path of `node` and of everything under it, parents first: keys of tables, indexes of lists."""
    found: list[tuple[Any, ...]] = []
    _walk(node, prefix, found)
    return found


def _walk(node: Any, prefix: tuple[Any, ...], found: list[tuple[Any, ...]]) -> None:
    found.append(prefix)  # one list for the whole walk: the fuzzers call this hundreds of times on rates.yml
    if isinstance(node, dict):
        for key, value in node.items():
            _walk(value, (*prefix, key), found)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            _walk(value, (*prefix, index), found)


def copied(node: T) -> T:
    """A copy of a parsed YAML or JSON document, tables and lists copied, scalars (dates included) shared:
    what copy.deepcopy gives for such a document, about four times faster."""
    if isinstance(node, dict):
        return cast(T, {key: copied(value) for key, value in node.items()})
    if isinstance(node, list):
        return cast(T, [copied(value) for value in node])
    return node
