#!/usr/bin/env python3
"""Minimal reader for TABARI/PETRARCH (Phoenix) actor and agent dictionaries.

Used by convert_agents.py and handy for looking codes up by hand:

    python3 phoenix.py /path/to/Phoenix.International.actors.txt "world health organization"

Format (see shared/kb/README.md): a primary phrase line `NAME_WORDS_` (optionally with codes on the
same line), synonym lines `+OTHER_NAME`, then tab-indented code lines `[CODE]`, `[CODE >YYMMDD]`,
`[CODE <YYMMDD]`, `[CODE YYMMDD-YYMMDD]`.  `_` joins words, `#` starts a comment.
Standard library only; deterministic.
"""
import re
import sys

CODE_RE = re.compile(r"\[([^\]\}]*)[\]\}]")


def norm_phrase(s):
    """'UNITED_NATIONS_' -> 'united nations'"""
    s = s.replace("_", " ")
    return " ".join(s.split()).lower()


def parse_codes(text):
    """Return list of (code, date_spec) from every [..] group in text."""
    out = []
    for m in CODE_RE.finditer(text):
        parts = m.group(1).split()
        if not parts:
            continue
        code = parts[0]
        spec = " ".join(parts[1:])
        out.append((code, spec))
    return out


def read_lines(path):
    with open(path, "rb") as f:
        raw = f.read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    return text.splitlines()


def parse_actors(path):
    """Yield entries: dict(names=[...], codes=[(code, spec)], line=N)."""
    entries = []
    cur = None
    for n, line in enumerate(read_lines(path), 1):
        body = line.split("#", 1)[0]
        if not body.strip():
            continue
        if body[0] in " \t" and body.strip().startswith("["):
            if cur is not None:
                cur["codes"].extend(parse_codes(body))
            continue
        stripped = body.strip()
        if stripped.startswith("+"):
            if cur is not None:
                name = CODE_RE.sub("", stripped[1:]).strip()
                if name:
                    cur["names"].append(norm_phrase(name))
                cur["codes"].extend(parse_codes(stripped))
            continue
        if stripped.startswith("["):
            if cur is not None:
                cur["codes"].extend(parse_codes(stripped))
            continue
        # new primary entry
        name = CODE_RE.sub("", stripped).strip()
        cur = {"names": [norm_phrase(name)], "codes": parse_codes(stripped), "line": n}
        entries.append(cur)
    return entries


def lookup(path, phrase):
    p = norm_phrase(phrase)
    return [e for e in parse_actors(path) if p in e["names"]]


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit("usage: phoenix.py DICT PHRASE...")
    for phrase in sys.argv[2:]:
        for e in lookup(sys.argv[1], phrase):
            print(phrase, "->", e["codes"], "line", e["line"], "names:", "|".join(e["names"][:6]))
