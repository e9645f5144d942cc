#!/usr/bin/env python3
"""The layer check itself: on a small tree it passes an include that follows
the table and fails, naming file:line, on one that does not, on a folder
without a row and on a circle of allowed arrows."""
import pathlib
import subprocess
import sys
import tempfile

CHECK = pathlib.Path(__file__).with_name("check_layers.py")

TABLE = """| folder | what | may use |
| --- | --- | --- |
| `protocols/core` | base | std |
| `protocols/smtp` | engine | `protocols/core` |
"""


def run(files, table=TABLE):
    with tempfile.TemporaryDirectory() as directory:
        root = pathlib.Path(directory)
        (root / "docs").mkdir()
        (root / "docs/ARCHITECTURE.md").write_text(table)
        for name, text in files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(text)
        done = subprocess.run([sys.executable, CHECK, root], capture_output=True, text=True)
        return done.returncode, done.stderr


def expect(condition, what):
    if not condition:
        sys.exit(f"check_layers_test: {what}")


base = {"protocols/core/a.hpp": "#pragma once\n"}
code, err = run({**base, "protocols/smtp/b.cpp": '#include "protocols/core/a.hpp"\n'})
expect(code == 0 and err == "", f"an allowed include failed: {err}")

code, err = run({**base, "protocols/smtp/b.hpp": "#pragma once\n",
                 "protocols/core/c.cpp": '// wrong way\n#include "protocols/smtp/b.hpp"\n'})
expect(code == 1, "a wrong-way include passed")
expect("protocols/core/c.cpp:2: protocols/core may not include protocols/smtp" in err, err)

code, err = run({**base, "protocols/pop3/d.cpp": '#include "protocols/core/a.hpp"\n'})
expect(code == 1 and "protocols/pop3: holds code but has no row" in err, err)

circle = TABLE.replace("| `protocols/core` | base | std |", "| `protocols/core` | base | `protocols/smtp` |")
code, err = run({**base, "protocols/smtp/b.cpp": "\n"}, circle)
expect(code == 1 and "go round in a circle" in err, err)
print("check_layers_test: ok")
