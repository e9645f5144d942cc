#!/usr/bin/env python3
"""Holds the code to the layer table of docs/ARCHITECTURE.md.

The table's rows are the one place where the layers are written down: the
first column names a folder (`protocols/smtp`), the last the folders its files
may include (`protocols/core`, `protocols/*` for every folder below protocols,
`*` for any folder). Words outside backticks (std, OpenSSL, imgui) are not
project code and are not checked.

Fails, naming file:line, on every `#include "..."` of project code that
reaches a folder its row does not allow; fails on a folder of code with no
row, on a row for a folder that does not exist, and on allowed arrows that go
round in a circle (then the folders are not layers).

Usage: check_layers.py [SOURCE_ROOT]
"""
import pathlib
import re
import sys

DOC = "docs/ARCHITECTURE.md"
# Top-level folders whose code is split into one layer per subfolder.
SPLIT_ROOTS = ("protocols", "sim", "viz")
# Top-level folders that are one layer each.
WHOLE_ROOTS = ("cli", "bench", "tests")
CODE_SUFFIXES = {".hpp", ".cpp", ".h", ".cc"}
INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"]+)"')
ROW = re.compile(r"^\|\s*`([^`]+)`\s*\|.*\|([^|]*)\|\s*$")


def folder_of(relative: pathlib.PurePosixPath):
    """The layer a file belongs to, or None for files outside the layers."""
    parts = relative.parts
    if len(parts) >= 3 and parts[0] in SPLIT_ROOTS:
        return f"{parts[0]}/{parts[1]}"
    if len(parts) >= 2 and parts[0] in WHOLE_ROOTS:
        return parts[0]
    return None


def read_table(root: pathlib.Path):
    """{folder: set of allowed patterns} from the doc's layer table."""
    allowed = {}
    for number, line in enumerate((root / DOC).read_text().splitlines(), 1):
        match = ROW.match(line)
        if not match:
            continue
        for name in re.findall(r"`([^`]+)`", line.split("|")[1]):
            name = name.rstrip("/")
            if name in allowed:
                sys.exit(f"{DOC}:{number}: `{name}` has two rows")
            allowed[name] = set(p.rstrip("/") for p in re.findall(r"`([^`]+)`", match.group(2)))
    return allowed


def permits(patterns, target: str) -> bool:
    for pattern in patterns:
        if pattern == "*" or pattern == target:
            return True
        if pattern.endswith("/*") and target.startswith(pattern[:-1]):
            return True
    return False


def code_files(root: pathlib.Path):
    for top in SPLIT_ROOTS + WHOLE_ROOTS:
        for path in sorted((root / top).rglob("*")):
            if path.suffix in CODE_SUFFIXES and path.is_file():
                yield path


def resolve(root: pathlib.Path, including: pathlib.Path, name: str):
    """The project file an include names (from the source root, then beside the file)."""
    for base in (root, including.parent):
        candidate = base / name
        if candidate.is_file():
            return candidate.resolve().relative_to(root.resolve())
    return None


def find_cycle(folders, allowed):
    """A list of folders going round in a circle through allowed arrows, or None."""
    edges = {f: [t for t in folders if t != f and permits(allowed.get(f, ()), t)] for f in folders}
    state = {}

    def visit(node, path):
        state[node] = "open"
        for nxt in edges[node]:
            if state.get(nxt) == "open":
                return path[path.index(nxt):] + [nxt]
            if nxt not in state:
                found = visit(nxt, path + [nxt])
                if found:
                    return found
        state[node] = "done"
        return None

    for start in folders:
        if start not in state:
            found = visit(start, [start])
            if found:
                return found
    return None


def main() -> int:
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()
    allowed = read_table(root)
    problems = []
    folders = set()
    for path in code_files(root):
        relative = pathlib.PurePosixPath(path.relative_to(root).as_posix())
        source = folder_of(relative)
        if source is None:
            continue
        folders.add(source)
        if source not in allowed:
            continue
        for number, line in enumerate(path.read_text(errors="replace").splitlines(), 1):
            match = INCLUDE.match(line)
            if not match:
                continue
            target_file = resolve(root, path, match.group(1))
            if target_file is None:
                continue  # not project code (a system header in quotes)
            target = folder_of(pathlib.PurePosixPath(target_file.as_posix()))
            if target is None or target == source or permits(allowed[source], target):
                continue
            problems.append(
                f"{relative}:{number}: {source} may not include {target} "
                f'("{match.group(1)}"); the layer table in {DOC} does not allow it')
    for folder in sorted(folders - allowed.keys()):
        problems.append(f"{folder}: holds code but has no row in the layer table of {DOC}")
    for folder in sorted(allowed.keys() - folders):
        problems.append(f"{DOC}: the layer table has a row for {folder}, which holds no code")
    cycle = find_cycle(sorted(folders), allowed)
    if cycle:
        problems.append(f"{DOC}: the allowed arrows go round in a circle: {' -> '.join(cycle)}")
    for problem in problems:
        print(problem, file=sys.stderr)
    if not problems:
        print(f"layers: {len(folders)} folders, every include follows {DOC}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
