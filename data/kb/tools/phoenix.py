#!/usr/bin/env python3
"""Minimal reader for TABARI/PETRARCH (Phoenix) actor and agent dictionaries.

Used by convert_people.py and convert_orgs.py (parse_groups, parse_spec, petrarch_date) and handy for looking codes up by hand:

    python3 phoenix.py /path/to/Phoenix.International.actors.txt "world health organization"

Format (see shared/kb/README.md): a primary phrase line `NAME_WORDS_` (optionally with codes on the
same line), synonym lines `+OTHER_NAME`, then tab-indented code lines `[CODE]`, `[CODE >YYMMDD]`,
`[CODE <YYMMDD]`, `[CODE YYMMDD-YYMMDD]`.  `_` joins words, `#` starts a comment.
Standard library only; deterministic.
"""
import datetime
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


def petrarch_date(digits):
    """A Phoenix date string -> datetime.date, read as PETRARCH's dstr_to_ordate reads it.

    Up to 7 characters: YYMMDD (a 7th character is ignored), the two-digit year 00-30 meaning
    20YY and 31-99 meaning 19YY ("For consistency with KEDS and TABARI"); 8 or more characters:
    YYYYMMDD (characters after the 8th ignored).  None when it is no valid date."""
    try:
        if len(digits) > 7:
            y, m, d = int(digits[:4]), int(digits[4:6]), int(digits[6:8])
        else:
            yy = int(digits[:2])
            y = 2000 + yy if yy <= 30 else 1900 + yy
            m, d = int(digits[2:4]), int(digits[4:6])
        return datetime.date(y, m, d)
    except ValueError:
        return None


def parse_spec(spec):
    """The date restriction of one code, as PETRARCH's read_actor_dictionary reads it.

    Returns ("default",), ("before", date), ("after", date), ("between", start, end), or None when
    PETRARCH would skip the line (a date it cannot read, or an interval that ends before it
    starts).  `<D` and `>D` hold up to / from D; `D1-D2` holds from D1 to D2; bounds are
    inclusive.  Anything else, digits included (`[MNEGOV 20121204]`), is the default code."""
    rest = spec.strip()
    if not rest:
        return ("default",)
    if "<" in rest or ">" in rest:
        m = re.search(r"\d+", rest[1:])
        d = petrarch_date(m.group(0)) if m else None
        if d is None:
            return None
        return ("before", d) if rest[0] == "<" else ("after", d)
    if "-" in rest:
        a, _, b = rest.partition("-")
        d1, d2 = petrarch_date(a.strip()), petrarch_date(b.strip())
        if d1 is None or d2 is None or d2 < d1:
            return None
        return ("between", d1, d2)
    return ("default",)


def parse_groups(path):
    """Entries grouped the way PETRARCH stores them, with the raw (underscored) phrases and comments.

    PETRARCH keeps one code list per block: a primary phrase that has no codes before the next
    primary phrase shares the codes of that next entry (`FORMER_PRESIDENT_GERALD_R._FORD`, then
    `GERALD_RUDOLPH_FORD` with the codes).  Returns a list of dicts: primaries (raw phrases of the
    primary lines), synonyms (raw phrases of the `+` lines), codes [(code, spec)], line (first
    line), notes (the comments of all its lines, joined)."""
    groups, cur = [], None
    for n, line in enumerate(read_lines(path), 1):
        body, _, note = line.partition("#")
        if not body.strip():
            if cur is not None and note and not line.lstrip().startswith("#"):
                cur["notes"].append(note.strip())
            continue
        if body[0] in " \t" and body.strip().startswith("["):
            if cur is not None:
                cur["codes"].extend(parse_codes(body))
                cur["notes"].append(note.strip())
            continue
        stripped = body.strip()
        if stripped.startswith("+") or stripped.startswith("["):
            if cur is not None:
                if stripped.startswith("+"):
                    name = CODE_RE.sub("", stripped[1:]).strip()
                    if name:
                        cur["synonyms"].append(name)
                cur["codes"].extend(parse_codes(stripped))
                cur["notes"].append(note.strip())
            continue
        name = CODE_RE.sub("", stripped).strip()
        if cur is not None and not cur["codes"]:
            cur["primaries"].append(name)  # shares the codes that follow
        else:
            cur = {"primaries": [name], "synonyms": [], "codes": [], "line": n, "notes": []}
            groups.append(cur)
        cur["codes"].extend(parse_codes(stripped))
        cur["notes"].append(note.strip())
    for g in groups:
        g["notes"] = " ".join(x for x in g["notes"] if x)
    return groups


def lookup(path, phrase):
    p = norm_phrase(phrase)
    return [e for e in parse_actors(path) if p in e["names"]]


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit("usage: phoenix.py DICT PHRASE...")
    for phrase in sys.argv[2:]:
        for e in lookup(sys.argv[1], phrase):
            print(phrase, "->", e["codes"], "line", e["line"], "names:", "|".join(e["names"][:6]))
