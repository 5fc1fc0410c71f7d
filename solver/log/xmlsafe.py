"""XML from a stranger, parsed by defusedxml: no DTD at all (so no entity expansion, no
"billion laughs", no external entity reading a local file), and any syntax error one
problem with its line. GPX and TCX files have no DTD; one that holds one is refused."""

from __future__ import annotations

from typing import Any
from xml.etree.ElementTree import Element, ParseError

import defusedxml
import defusedxml.ElementTree as safe_tree

from hybridplan.log.common import Sink


def parse(data: bytes, sink: Sink, kind: str) -> Element | None:
    """The document's root, or None and one problem naming what is wrong."""
    try:
        root: Any = safe_tree.fromstring(data, forbid_dtd=True)
    except defusedxml.DTDForbidden:
        sink.add("", f"not a {kind} file this planner reads: it holds a DTD (<!DOCTYPE ...>)")
        return None
    except (defusedxml.EntitiesForbidden, defusedxml.ExternalReferenceForbidden):
        sink.add("", f"not a {kind} file this planner reads: it declares XML entities")
        return None
    except ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else None
        sink.add("", f"not a {kind} file: not well-formed XML ({_reason(exc)})", line)
        return None
    except (ValueError, RecursionError, MemoryError) as exc:
        sink.add("", f"not a {kind} file: {type(exc).__name__}")
        return None
    return root if isinstance(root, Element) else None


def _reason(exc: ParseError) -> str:
    return str(exc).split(":")[0]


def local_name(element: Element) -> str:
    """A tag without its namespace: '{http://...}Lap' -> 'Lap'."""
    return element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else ""


def children(element: Element, name: str) -> list[Element]:
    """Direct children named `name`, whatever their namespace."""
    return [c for c in element if local_name(c) == name]


def child_text(element: Element, *path: str) -> str | None:
    """The text of the first element down `path` (local names), None when there is none."""
    current: Element | None = element
    for name in path:
        found = children(current, name) if current is not None else []
        current = found[0] if found else None
    return current.text.strip() if current is not None and current.text else None
