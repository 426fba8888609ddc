"""The import direction between apps (docs/structure.md): core is machinery and imports no
domain app; the workbench sits on top and no domain app imports it."""

from __future__ import annotations

import ast
from pathlib import Path

import dlm

SRC = Path(dlm.__file__).parent
DOMAIN_APPS = {
    "organisations",
    "campaigns",
    "preparation",
    "proceedings",
    "rectification",
    "reporting",
    "reminders",
    "supervision",
    "workbench",
    "demo",
    "documents",
}


def imported(path: Path) -> set[str]:
    """Every ``dlm.<app>`` a module imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "dlm" and len(parts) > 1:
                found.add(parts[1])
    return found


def test_core_imports_no_domain_app():
    offenders = {
        str(path.relative_to(SRC)): sorted(imported(path) & DOMAIN_APPS)
        for path in (SRC / "core").rglob("*.py")
        if imported(path) & DOMAIN_APPS
    }
    assert offenders == {}


def test_no_domain_app_imports_the_workbench():
    offenders = [
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if "workbench" not in path.parts and "workbench" in imported(path)
    ]
    assert offenders == []
