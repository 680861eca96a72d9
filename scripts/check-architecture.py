#!/usr/bin/env python3
"""Fails when a file of the SLOKit library uses a name defined by a later stage.

The stages only look forward: Support, Diagnostics and PromQL sit below every stage, then
Load -> Decode -> Check -> Model -> Plan -> Render, and the drivers (Driver/) above them all.
A file may use what its own folder and every earlier folder defines, never a later folder's.

How: every file's comments and string text are removed (interpolated code is kept), the
non-private names each folder declares are listed (types, top-level functions and constants,
and members that extensions add to types of other folders), and each file's identifiers are
looked up in that list.

    python3 scripts/check-architecture.py            check Sources/SLOKit
    python3 scripts/check-architecture.py --self-test also prove that a planted backward
                                                      reference (Support using a Render type) fails
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

ORDER = ["Support", "Diagnostics", "PromQL", "Load", "Decode", "Check", "Model", "Plan", "Render", "Driver"]
RANK = {name: index for index, name in enumerate(ORDER)}


def strip(source):
    """Source without comments and string-literal text; code inside `\\( )` interpolations stays."""
    out = []
    i, n = 0, len(source)
    # Open string literals, innermost last: (delimiter, raw-string hashes, parentheses open in the
    # interpolation being read, or None while reading the string's text).
    stack = []
    while i < n:
        c = source[i]
        if stack and stack[-1][2] is None:
            # Inside string text.
            delim, hashes, _ = stack[-1]
            if source.startswith("\\" + "#" * hashes + "(", i):
                i += 2 + hashes
                stack[-1] = (delim, hashes, 0)
                out.append(" ")
                continue
            if c == "\\" and hashes == 0:
                i += 2
                continue
            if source.startswith(delim + "#" * hashes, i):
                i += len(delim) + hashes
                stack.pop()
                out.append('""')
                continue
            if c == "\n":
                out.append("\n")
            i += 1
            continue
        # Code (top level or inside an interpolation).
        if source.startswith("//", i):
            j = source.find("\n", i)
            i = n if j < 0 else j
            continue
        if source.startswith("/*", i):
            level, i = 1, i + 2
            while i < n and level:
                if source.startswith("/*", i):
                    level, i = level + 1, i + 2
                elif source.startswith("*/", i):
                    level, i = level - 1, i + 2
                else:
                    if source[i] == "\n":
                        out.append("\n")
                    i += 1
            continue
        m = QUOTE.match(source, i)
        if m:
            i = m.end()
            stack.append((m.group(2), len(m.group(1)), None))
            continue
        if stack:
            delim, hashes, parens = stack[-1]
            if c == "(":
                stack[-1] = (delim, hashes, parens + 1)
            elif c == ")":
                if parens == 0:
                    stack[-1] = (delim, hashes, None)
                    i += 1
                    continue
                stack[-1] = (delim, hashes, parens - 1)
        out.append(c)
        i += 1
    return "".join(out)


QUOTE = re.compile(r'(#*)("""|")')
DECL = re.compile(
    r"^(?P<indent>[ \t]*)(?P<mods>(?:(?:@\w+(?:\([^)]*\))?|public|internal|package|private|fileprivate|final|static|"
    r"mutating|nonisolated|indirect|override|convenience|required|lazy|weak|unowned\b)\s+)*)"
    r"(?P<kind>struct|enum|class|protocol|actor|typealias|func|let|var|case|extension)\s+(?P<name>[A-Za-z_][\w.]*)",
    re.M,
)
IDENT = re.compile(r"(?<![\w$])([A-Za-z_]\w*)")


def stage_of(root, path):
    return os.path.relpath(path, root).split(os.sep)[0]


def scan(root):
    files = []
    for folder, _, names in os.walk(root):
        for name in sorted(names):
            if name.endswith(".swift"):
                path = os.path.join(folder, name)
                with open(path, encoding="utf-8") as handle:
                    files.append((path, strip(handle.read())))
    return files


def declarations(files, root):
    """name -> set of stages declaring it; members added by extensions count for their own stage."""
    types = {}  # type name -> stage (types declared at the top level)
    for path, code in files:
        for m in DECL.finditer(code):
            if m.group("indent") == "" and m.group("kind") in ("struct", "enum", "class", "protocol", "actor", "typealias"):
                types.setdefault(m.group("name"), set()).add(stage_of(root, path))
    declared = {}
    for path, code in files:
        stage = stage_of(root, path)
        extension = None  # the type a top-level extension block extends
        for m in DECL.finditer(code):
            kind, name, indent, mods = m.group("kind"), m.group("name"), m.group("indent"), m.group("mods")
            if "private" in mods.split() or "fileprivate" in mods.split():
                continue
            if indent == "":
                extension = name if kind == "extension" else None
                if kind != "extension":
                    declared.setdefault(name, set()).add(stage)
            elif extension and len(indent) == 4 and kind in ("func", "let", "var", "struct", "enum", "class", "typealias"):
                # A member added to another folder's type (or to a standard type) belongs to this folder.
                base = extension.split(".")[0]
                if stage not in types.get(base, set()):
                    declared.setdefault(("member", name), set()).add(stage)
    return declared


def violations(root):
    files = scan(root)
    declared = declarations(files, root)
    # Members: only names declared nowhere else, so `description` or `seconds` never mislead.
    everywhere = {}
    for path, code in files:
        for m in DECL.finditer(code):
            everywhere[m.group("name")] = everywhere.get(m.group("name"), 0) + 1
    found = []
    for path, code in files:
        stage = stage_of(root, path)
        if stage not in RANK:
            found.append((path, 0, f"folder `{stage}` is not a known stage ({', '.join(ORDER)})"))
            continue
        for number, line in enumerate(code.split("\n"), 1):
            for m in IDENT.finditer(line):
                name = m.group(1)
                member = line[: m.start()].rstrip().endswith(".")
                owners = declared.get(name, set()) if not member else set()
                if member and everywhere.get(name) == 1:
                    owners = declared.get(("member", name), set())
                if not owners or stage in owners:
                    continue
                earliest = min(owners, key=lambda s: RANK.get(s, -1))
                if RANK.get(earliest, -1) > RANK[stage]:
                    found.append(
                        (path, number, f"{stage} uses `{name}` from {earliest}, a later stage")
                    )
    return found


def self_test(root):
    """A planted backward reference must fail the check; the real tree must pass."""
    with tempfile.TemporaryDirectory() as scratch:
        copy = os.path.join(scratch, "SLOKit")
        shutil.copytree(root, copy)
        planted = os.path.join(copy, "Support", "PlantedBackwardReference.swift")
        with open(planted, "w") as handle:
            handle.write("/// Planted by the self-test: Support must not know Render.\n")
            handle.write("func plantedBackwardReference() -> String { renderMarkdown(DocumentOutline()) }\n")
        result = subprocess.run([sys.executable, __file__, copy], capture_output=True, text=True)
        if result.returncode == 0 or "PlantedBackwardReference.swift" not in result.stdout:
            print("self-test FAILED: a planted backward reference (Support -> Render) was not reported")
            print(result.stdout, result.stderr)
            return 1
        print("self-test: the planted backward reference is reported:")
        print("  " + next(line for line in result.stdout.splitlines() if "Planted" in line))
    return 0


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.join(here, "..", "Sources", "SLOKit")
    args = [a for a in argv if not a.startswith("--")]
    if args:
        root = args[0]
    root = os.path.normpath(root)
    found = violations(root)
    for path, number, message in found:
        print(f"{os.path.relpath(path)}:{number}: {message}")
    if found:
        print(f"architecture: {len(found)} backward reference(s); order is {' -> '.join(ORDER)}")
        return 1
    print(f"architecture: every reference points forward ({' -> '.join(ORDER)})")
    if "--self-test" in argv:
        return self_test(root)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
