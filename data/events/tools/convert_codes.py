#!/usr/bin/env python3
"""Builds data/events/cameo-codes.tsv from the CAMEO reference files.

Usage:
    python3 data/events/tools/convert_codes.py ../shared/kb/cameo [OUTPUT]

Reads, from the directory given as the first argument:
    CAMEO_codefile.txt        codes and names   (openeventdata/text_to_CAMEO, MIT)
    CAMEO.goldsteinscale.txt  Goldstein scores  (GDELT lookup table, open use with citation)
    CAMEO2PLOVER-2021.txt     PLOVER mapping    (openeventdata/PLOVER, CC BY-SA 4.0)

and writes OUTPUT (default: cameo-codes.tsv next to this script's parent directory, i.e.
data/events/cameo-codes.tsv). The output depends only on the input files: rows are sorted by
code, nothing else (no dates, no paths) goes into it, so a rerun gives identical bytes.

Rules:
- Codes are the union of the LABEL lines of the code file and the two-digit root headers
  (`//01: MAKE PUBLIC STATEMENT`, `//03= ...`). A code listed twice keeps its last LABEL (the
  file corrects a typo that way: 018). LABELi lines (ICEWS variants) only name a code that has
  no LABEL line.
- goldstein: from the GDELT table; empty when the code is not there.
- quad_class: GDELT QuadClass from the root: 01-05 verbal cooperation (1), 06-08 material
  cooperation (2), 09-13 verbal conflict (3), 14-20 material conflict (4).
- plover, plover_mode, plover_context: from `CODE: EVENT, MODE, CONTEXT # name` lines; blank
  fields are empty cells. Root codes take the event of their section header (`03: AGREE`); where
  two headers name one root (`08: CONCEDE`, `08: RETREAT`) the first is kept.
- Codes that only the Goldstein or PLOVER file knows are added with an empty name, so that no
  fact of either file is lost; the script reports them on stderr.
"""
import os
import re
import sys

ROOT_BANDS = [(1, 5, 1), (6, 8, 2), (9, 13, 3), (14, 20, 4)]


def quad_class(code):
    root = int(code[:2])
    for lo, hi, quad in ROOT_BANDS:
        if lo <= root <= hi:
            return quad
    raise ValueError("code %r has no CAMEO root 01-20" % code)


def sentence_case(text):
    text = text.strip()
    return text[:1].upper() + text[1:].lower()


def read_codefile(path):
    names, alt_names, version = {}, {}, ""
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            m = re.match(r"^//\s*CAMEO Codelist Version:\s*(.*)$", line)
            if m:
                version = m.group(1).strip()
                continue
            m = re.match(r"^//(\d\d)\s*[:=]\s*(.+)$", line)
            if m:
                names[m.group(1)] = sentence_case(m.group(2))
                continue
            m = re.match(r"^(LABELi?):\s*(\d+)\s*=\s*(.*)$", line)
            if m:
                kind, code, name = m.groups()
                if kind == "LABEL":
                    names[code] = name.strip()
                else:
                    alt_names.setdefault(code, name.strip())
    for code, name in alt_names.items():
        names.setdefault(code, name)
    return names, version


def read_goldstein(path):
    scores = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line or n == 1 and line.startswith("CAMEOEVENTCODE"):
                continue
            code, score = line.split("\t")
            scores[code.strip()] = float(score)
    return scores


def read_plover(path):
    rows = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            body = line.split("#", 1)[0].strip()
            if not body or body.startswith("~"):
                continue
            m = re.match(r"^(\d+)\s*:\s*(.*)$", body)
            if not m:
                raise ValueError("unreadable PLOVER line: %r" % line)
            code, rest = m.groups()
            fields = [x.strip() for x in rest.split(",")]
            fields += [""] * (3 - len(fields))
            event, mode, context = fields[0], fields[1], ",".join(fields[2:]).strip()
            if len(code) == 2:
                rows.setdefault(code, (event, "", ""))  # section header: first one wins
            else:
                rows[code] = (event, mode, context)
    return rows


def fmt_score(x):
    return "" if x is None else ("%.1f" % x)


def main(argv):
    if len(argv) < 2:
        sys.stderr.write(__doc__)
        return 2
    src = argv[1]
    here = os.path.dirname(os.path.abspath(__file__))
    out = argv[2] if len(argv) > 2 else os.path.join(os.path.dirname(here), "cameo-codes.tsv")

    names, version = read_codefile(os.path.join(src, "CAMEO_codefile.txt"))
    scores = read_goldstein(os.path.join(src, "CAMEO.goldsteinscale.txt"))
    plover = read_plover(os.path.join(src, "CAMEO2PLOVER-2021.txt"))

    codes = set(names) | set(scores) | set(plover)
    extra = sorted(c for c in codes if c not in names)
    if extra:
        sys.stderr.write("codes without a name in CAMEO_codefile.txt: %s\n" % " ".join(extra))

    lines = [
        "# dateline CAMEO code table (dateline-cameo-codes/1). Generated: do not edit by hand;",
        "# regenerate with `python3 data/events/tools/convert_codes.py ../shared/kb/cameo`.",
        "# version: CAMEO 1.1b3",
        "#",
        "# Sources and licences (keep this attribution with the file):",
        "# - code, name: CAMEO_codefile.txt from openeventdata/text_to_CAMEO @ 6d7b3abe, MIT licence,",
        "#   Copyright (c) Open Event Data Alliance (its header: \"CAMEO Codelist Version: %s\")." % version,
        "# - goldstein: CAMEO.goldsteinscale.txt, the Goldstein conflict-cooperation scale as the",
        "#   GDELT Project publishes it; open use with citation: Goldstein, J. S. (1992), \"A",
        "#   Conflict-Cooperation Scale for WEIS Events Data\", Journal of Conflict Resolution 36(2),",
        "#   and the GDELT Project (gdeltproject.org).",
        "# - plover, plover_mode, plover_context: CAMEO2PLOVER-2021.txt from openeventdata/PLOVER",
        "#   @ 5e0c24fb (PLOVER Draft 0.8, 17 Sep 2021, edited by Philip Schrodt), licensed CC BY-SA",
        "#   4.0 (https://creativecommons.org/licenses/by-sa/4.0/); this table, as an adaptation of",
        "#   it, is shared under the same licence.",
        "# - quad_class: derived from the code's root as GDELT does: 01-05 = 1 (verbal cooperation),",
        "#   06-08 = 2 (material cooperation), 09-13 = 3 (verbal conflict), 14-20 = 4 (material conflict).",
        "#",
        "# Empty cell = not given by the source.",
        "code\tname\tgoldstein\tquad_class\tplover\tplover_mode\tplover_context",
    ]
    for code in sorted(codes):
        p = plover.get(code, ("", "", ""))
        row = [code, names.get(code, ""), fmt_score(scores.get(code)), str(quad_class(code)),
               p[0], p[1], p[2]]
        for cell in row:
            if "\t" in cell or "\n" in cell:
                raise ValueError("cell with a tab or newline in %r" % row)
        lines.append("\t".join(row))
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")
    sys.stderr.write("wrote %d codes to %s\n" % (len(codes), out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
