"""Module sizes and the cyclomatic complexity of nodehttp's functions.

    .venv/bin/python tools/complexity.py [--top 10] [NAME ...]

Complexity is counted as radon/McCabe do: 1, plus one per ``if``/``elif``,
conditional expression, ``for``/``while`` (and each ``for``/``if`` of a
comprehension), ``except``, ``assert``, ``case``, and one per extra operand of
``and``/``or``.  Nested functions count separately.
"""
from __future__ import annotations

import argparse
import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "nodehttp"


class _CC(ast.NodeVisitor):
    def __init__(self) -> None:
        self.n = 1

    def generic_visit(self, node: ast.AST) -> None:
        if isinstance(node, (ast.If, ast.IfExp, ast.For, ast.AsyncFor, ast.While,
                             ast.ExceptHandler, ast.Assert)):
            self.n += 1
        elif isinstance(node, ast.comprehension):
            self.n += 1 + len(node.ifs)
        elif isinstance(node, ast.BoolOp):
            self.n += len(node.values) - 1
        elif isinstance(node, ast.match_case):
            self.n += 1
        super().generic_visit(node)

    def visit_FunctionDef(self, node: ast.AST) -> None:
        pass  # nested: counted on its own

    visit_AsyncFunctionDef = visit_FunctionDef
    visit_Lambda = visit_FunctionDef


def functions() -> list[tuple[int, int, str]]:
    """``(complexity, lines, 'module.Class.function')`` of every function."""
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        mod = ".".join(path.relative_to(PACKAGE).with_suffix("").parts)

        def walk(body: list, prefix: str) -> None:
            for node in body:
                if isinstance(node, ast.ClassDef):
                    walk(node.body, f"{prefix}{node.name}.")
                elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    cc = _CC()
                    for stmt in node.body:
                        cc.visit(stmt)
                    assert node.end_lineno is not None
                    out.append((cc.n, node.end_lineno - node.lineno + 1,
                                f"{mod}.{prefix}{node.name}"))
                    walk(node.body, f"{prefix}{node.name}.")

        walk(ast.parse(path.read_text()).body, "")
    return out


def sizes() -> list[tuple[int, str]]:
    return sorted(((len(p.read_text().splitlines()), str(p.relative_to(ROOT)))
                   for p in PACKAGE.rglob("*.py")), reverse=True)


#: Node's figures for the four hot functions issue 14 compares (from the issue),
#: keyed by the end of our qualified name.
NODE_CC = {"._storeHeader": 30, "OutgoingMessage.end": 18, ".resOnFinish": 10,
           "stream.writable._onwrite": 9}


def _node_cc(name: str) -> str:
    for suffix, cc in NODE_CC.items():
        if name.endswith(suffix):
            return f"≈{cc}"
    return ""


def markdown(min_lines: int = 200, top: int = 15) -> str:
    """The generated size/complexity block of docs/architecture.md."""
    rows = ["| module | lines |", "| --- | ---: |"]
    small = 0
    for n, p in sizes():
        if n >= min_lines:
            rows.append(f"| `{p}` | {n} |")
        else:
            small += 1
    rows.append(f"| {small} more modules | < {min_lines} each |")
    rows += ["", "| function | CC | lines | Node's CC |", "| --- | ---: | ---: | ---: |"]
    fs = sorted(functions(), reverse=True)
    picked = fs[:top] + [f for f in fs[top:] if _node_cc(f[2])]
    for cc, ln, name in picked:
        rows.append(f"| `{name}` | {cc} | {ln} | {_node_cc(name)} |")
    return "\n".join(rows) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--top", type=int, default=10)
    ap.add_argument("names", nargs="*", help="function names to report too (last component)")
    a = ap.parse_args()
    print("| module | lines |\n| --- | ---: |")
    for n, p in sizes():
        print(f"| `{p}` | {n} |")
    fs = sorted(functions(), reverse=True)
    print("\n| function | CC | lines |\n| --- | ---: | ---: |")
    shown = set()
    for cc, ln, name in fs[:a.top]:
        shown.add(name)
        print(f"| `{name}` | {cc} | {ln} |")
    for cc, ln, name in fs:
        if name not in shown and name.rsplit(".", 1)[-1] in a.names:
            print(f"| `{name}` | {cc} | {ln} |")


if __name__ == "__main__":
    main()
