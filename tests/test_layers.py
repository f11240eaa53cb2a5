"""The layers of DESIGN.md, checked on the source: who may import whom, and no private names across modules."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "policytext"
ANALYSES = ("keywords", "entities", "topics", "targets")
#: what each layer must not import (module prefixes under policytext)
FORBIDDEN = {
    **{a: ("policytext.cli", "policytext.batch", "policytext.engine", "policytext.stages", "policytext.report")
       for a in ANALYSES},
    "tokenize": ("policytext.cli", "policytext.batch", "policytext.engine", "policytext.stages",
                 *(f"policytext.{a}" for a in ANALYSES)),
    "readers": ("policytext.cli", "policytext.batch", "policytext.engine", "policytext.stages",
                "policytext.tokenize", *(f"policytext.{a}" for a in ANALYSES)),
    "text": ("policytext.cli", "policytext.batch", "policytext.engine", "policytext.stages", "policytext.tokenize",
             "policytext.readers", "policytext.corpus", *(f"policytext.{a}" for a in ANALYSES)),
    "engine": ("policytext.cli", *(f"policytext.{a}" for a in ANALYSES)),
}


def _imports(path: Path) -> list[tuple[int, str, list[str]]]:
    """(line, module, imported names) of every import in a file, relative imports resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name, []) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module is not None:
            module = node.module
            if node.level:
                base = path.relative_to(SRC.parent).with_suffix("").parts[: -node.level]
                module = ".".join((*base, module))
            out.append((node.lineno, module, [a.name for a in node.names]))
    return out


def _files() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_point_down(layer: str) -> None:
    bad = []
    for f in sorted((SRC / layer).rglob("*.py")):
        for line, module, names in _imports(f):
            if any(module == m or module.startswith(m + ".") for m in FORBIDDEN[layer]):
                bad.append(f"{f.relative_to(SRC)}:{line} imports {module}")
            if layer in ANALYSES and module == "policytext" and set(names) - {"__version__"}:
                bad.append(f"{f.relative_to(SRC)}:{line} imports the package root ({', '.join(names)})")
    assert not bad, "\n".join(bad)


def test_no_private_names_across_modules() -> None:
    bad = []
    for f in _files():
        own = ".".join(f.relative_to(SRC.parent).with_suffix("").parts)
        for line, module, names in _imports(f):
            if not module.startswith("policytext") or module == own:
                continue
            private = [n for n in names if n.startswith("_") and not n.startswith("__")]
            if private:
                bad.append(f"{f.relative_to(SRC)}:{line} imports {', '.join(private)} from {module}")
    assert not bad, "\n".join(bad)


def test_the_checks_see_imports() -> None:
    """The scanner finds the imports it is meant to judge (a check that saw nothing would always pass)."""
    found = {m for f in (SRC / "batch.py", SRC / "cli.py") for _, m, _ in _imports(f)}
    assert {"policytext.stages", "policytext.engine"} <= found
