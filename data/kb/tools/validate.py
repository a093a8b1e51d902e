#!/usr/bin/env python3
"""Check the dateline knowledge-base files.

    python3 data/kb/tools/validate.py [--partial] [KB_DIR]   (default: the data/kb folder this script is in)

--partial checks a user folder meant for `--kb DIR`: files may be missing, country and region codes
are also looked up in the built-in files next to this script, and src may be any lower-case label.

Errors (exit status 1): a file that does not parse (header lines, header row, column counts),
a code that does not look like CAMEO, a bad date or start > end, an unknown country code,
a bad Wikidata id, gender or type, an exact duplicate row, a person or organisation name in both the
hand-maintained and the generated (Phoenix) file of its kind.
Warnings (printed, exit status 0): one person holding two different codes at the same time,
one name or alias resolving to different things inside a file, agent role codes not in the
known CAMEO role list, a MANIFEST that does not match the files.
Standard library only.
"""
import datetime
import hashlib
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

FILES = {
    "countries.tsv": ("countries", ["code", "iso2", "name", "status", "wikidata", "aliases", "demonyms", "capital",
                                    "capital_aliases", "capital_wikidata", "seats", "src"]),
    "regions.tsv": ("regions", ["code", "name", "aliases", "demonyms", "type", "src"]),
    "cities.tsv": ("places", ["name", "aliases", "country", "wikidata", "type", "src"]),
    "organizations.tsv": ("organizations", ["name", "aliases", "code", "type", "country", "wikidata", "start", "end", "src"]),
    "organizations_phoenix.tsv": ("organizations", ["name", "aliases", "code", "type", "country", "wikidata", "start", "end",
                                                    "src"]),
    "people.tsv": ("people", ["name", "aliases", "wikidata", "code", "role", "start", "end", "gender", "src"]),
    "people_phoenix.tsv": ("people", ["name", "aliases", "wikidata", "code", "role", "start", "end", "gender", "src"]),
    "agents.tsv": ("agents", ["pattern", "code", "type", "plural", "attach", "src"]),
}
# Files of one kind: the hand-maintained one first, then the one generated from Phoenix
# (tools/convert_orgs.py, tools/convert_people.py).  A name may appear in only one of them.
ORG_FILES = ["organizations.tsv", "organizations_phoenix.tsv"]
PEOPLE_FILES = ["people.tsv", "people_phoenix.tsv"]
TYPES = {
    "regions.tsv": {"LOC", "NORP"},
    "cities.tsv": {"GPE", "LOC"},
    "organizations.tsv": {"ORG", "NORP"},
    "organizations_phoenix.tsv": {"ORG", "NORP"},
    "agents.tsv": {"ORG", "PERSON-role", "NORP", "PRODUCT"},
}
SRC_RE = re.compile(r"^(phoenix|dateline)~?$")
USER_SRC_RE = re.compile(r"^[a-z][a-z0-9-]*~?$")
CODE_RE = re.compile(r"^(?:[A-Z]{3})+$")
QID_RE = re.compile(r"^Q[1-9][0-9]*$")
# actor-type prefixes that can open a code instead of a country or region
TYPE_PREFIXES = {"IGO", "NGO", "MNC", "IMG", "INT", "UIS", "NGM"}
# CAMEO role / sector / religion codes (CAMEO 1.1 codebook, Phoenix agents)
ROLES = set("""GOV MIL REB OPP PTY COP JUD SPY MED EDU BUS CRM CVL LEG ELI HLH HRI LAB REF AGR ENV DEV UAF SEP
RAD MOD INS NGO IGO MNC IMG PPL SET REL MUS CHR JEW HIN BUD CTH PRO ORT MAR SHI SUN JAN SIK DOX PKO MOS""".split())


class Report:
    def __init__(self):
        self.errors, self.warnings = [], []

    def err(self, f, line, msg):
        self.errors.append("%s:%s: %s" % (f, line, msg))

    def warn(self, f, line, msg):
        self.warnings.append("%s:%s: %s" % (f, line, msg))


def parse_date(s):
    try:
        return datetime.date.fromisoformat(s)
    except ValueError:
        return None


def read_table(kb, fname, kind, cols, rep, partial=False):
    path = os.path.join(kb, fname)
    if not os.path.exists(path):
        if not partial:
            rep.err(fname, 0, "missing file")
        return []
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    meta, i = [], 0
    while i < len(lines) and lines[i].startswith("#"):
        meta.append(lines[i])
        i += 1
    if not meta or meta[0] != "# dateline-kb/1 %s" % kind:
        rep.err(fname, 1, "first line must be '# dateline-kb/1 %s'" % kind)
    for key in ("version", "source", "licence", "columns"):
        if not any(m.startswith("# %s: " % key) for m in meta):
            rep.err(fname, 0, "missing '# %s:' header line" % key)
    colline = [m for m in meta if m.startswith("# columns: ")]
    if colline and [c.strip() for c in colline[0][len("# columns: "):].split(",")] != cols:
        rep.err(fname, 0, "'# columns:' line does not list %s" % ", ".join(cols))
    if i >= len(lines) or lines[i].split("\t") != cols:
        rep.err(fname, i + 1, "header row must be: %s" % "\t".join(cols))
        return []
    rows, seen = [], {}
    for n in range(i + 1, len(lines)):
        line = lines[n]
        if line.startswith("#") or line == "":
            continue
        f = line.split("\t")
        if len(f) != len(cols):
            rep.err(fname, n + 1, "%d columns, expected %d" % (len(f), len(cols)))
            continue
        if line in seen:
            rep.err(fname, n + 1, "duplicate of line %d" % seen[line])
        seen[line] = n + 1
        if any(x != x.strip() for x in f):
            rep.err(fname, n + 1, "leading or trailing spaces in a cell")
        if any("||" in x or x.startswith("|") or x.endswith("|") for x in f):
            rep.err(fname, n + 1, "empty element in a '|'-separated cell")
        row = dict(zip(cols, f))
        row["_line"] = n + 1
        if not (USER_SRC_RE if partial else SRC_RE).match(row["src"]):
            rep.err(fname, n + 1, "src must be phoenix or dateline (optionally with ~): %r" % row["src"])
        rows.append(row)
    return rows


def check_code(fname, line, code, first_ok, rep):
    if not CODE_RE.match(code):
        rep.err(fname, line, "code %r is not a sequence of 3-letter CAMEO chunks" % code)
        return
    if code[:3] not in first_ok:
        rep.err(fname, line, "code %r starts with %r, not a known country, region or actor type" % (code, code[:3]))


def check_dates(fname, row, rep):
    s, e = row.get("start", ""), row.get("end", "")
    ds = de = None
    if s:
        ds = parse_date(s)
        if ds is None:
            rep.err(fname, row["_line"], "bad start date %r" % s)
    if e:
        de = parse_date(e)
        if de is None:
            rep.err(fname, row["_line"], "bad end date %r" % e)
    if ds and de and ds > de:
        rep.err(fname, row["_line"], "start %s after end %s" % (s, e))
    return ds, de


def names_of(row, *cols):
    out = []
    for c in cols:
        if row.get(c):
            out.extend(x for x in row[c].split("|") if x)
    return out


def check_ambiguity(fname, rows, key_cols, target, rep, limit=40):
    by = {}
    for r in rows:
        for nm in names_of(r, *key_cols):
            by.setdefault(nm.casefold(), set()).add(target(r))
    amb = sorted((k, v) for k, v in by.items() if len(v) > 1)
    for k, v in amb[:limit]:
        rep.warn(fname, "-", "name %r resolves to several entries: %s" % (k, ", ".join(sorted(v))))
    if limit == 0 and amb:
        rep.warn(fname, "-", "%d names resolve to several entries (e.g. %r); the resolver picks by the article's date"
                 % (len(amb), amb[0][0]))
    elif len(amb) > limit:
        rep.warn(fname, "-", "... and %d more ambiguous names" % (len(amb) - limit))
    return len(amb)


def main():
    args = [a for a in sys.argv[1:] if a != "--partial"]
    partial = "--partial" in sys.argv[1:]
    kb = os.path.abspath(args[0]) if args else os.path.dirname(HERE)
    rep = Report()
    t = {f: read_table(kb, f, kind, cols, rep, partial) for f, (kind, cols) in FILES.items()}

    countries = {r["code"] for r in t["countries.tsv"]}
    regions = {r["code"] for r in t["regions.tsv"]}
    if partial:
        builtin = os.path.dirname(HERE)
        quiet = Report()
        countries |= {r["code"] for r in read_table(builtin, "countries.tsv", "countries", FILES["countries.tsv"][1], quiet)}
        regions |= {r["code"] for r in read_table(builtin, "regions.tsv", "regions", FILES["regions.tsv"][1], quiet)}
    first_ok = countries | regions | TYPE_PREFIXES

    for r in t["countries.tsv"]:
        ln = r["_line"]
        if not re.fullmatch(r"[A-Z]{3}", r["code"]):
            rep.err("countries.tsv", ln, "bad code %r" % r["code"])
        if not re.fullmatch(r"[A-Z]{2}", r["iso2"]):
            rep.err("countries.tsv", ln, "bad iso2 %r" % r["iso2"])
        if r["status"] not in ("un", "observer", "partial", "territory"):
            rep.err("countries.tsv", ln, "bad status %r" % r["status"])
        for c in ("wikidata", "capital_wikidata"):
            if r[c] and not QID_RE.match(r[c]):
                rep.err("countries.tsv", ln, "bad %s %r" % (c, r[c]))
        for s in names_of(r, "seats"):
            m = re.fullmatch(r"(.+)=([A-Z]+)", s)
            if not m:
                rep.err("countries.tsv", ln, "seat %r is not name=CODE" % s)
            else:
                check_code("countries.tsv", ln, m.group(2), first_ok, rep)
    if not partial and len([r for r in t["countries.tsv"] if r["status"] == "un"]) != 193:
        rep.warn("countries.tsv", "-", "expected 193 UN member states, found %d" %
                 len([r for r in t["countries.tsv"] if r["status"] == "un"]))
    check_ambiguity("countries.tsv", t["countries.tsv"], ("name", "aliases", "demonyms"), lambda r: r["code"], rep)

    for r in t["regions.tsv"]:
        if not re.fullmatch(r"[A-Z]{3}", r["code"]):
            rep.err("regions.tsv", r["_line"], "bad code %r" % r["code"])
        if r["code"] in countries:
            rep.err("regions.tsv", r["_line"], "region code %r clashes with a country code" % r["code"])
    for f in ("regions.tsv", "cities.tsv", "organizations.tsv", "organizations_phoenix.tsv", "agents.tsv"):
        for r in t[f]:
            if r["type"] not in TYPES[f]:
                rep.err(f, r["_line"], "type %r not one of %s" % (r["type"], ", ".join(sorted(TYPES[f]))))

    for r in t["cities.tsv"]:
        if r["country"] and r["country"] not in countries:
            rep.err("cities.tsv", r["_line"], "unknown country %r" % r["country"])
        if r["wikidata"] and not QID_RE.match(r["wikidata"]):
            rep.err("cities.tsv", r["_line"], "bad wikidata %r" % r["wikidata"])
    check_ambiguity("cities.tsv", t["cities.tsv"], ("name", "aliases"), lambda r: "%s/%s" % (r["name"], r["country"] or "-"), rep)

    orgs_by_name = {}
    for f in ORG_FILES:
        for r in t[f]:
            ln = r["_line"]
            if r["code"]:
                check_code(f, ln, r["code"], first_ok, rep)
            if r["country"] and r["country"] not in countries:
                rep.err(f, ln, "unknown country %r" % r["country"])
            if r["wikidata"] and not QID_RE.match(r["wikidata"]):
                rep.err(f, ln, "bad wikidata %r" % r["wikidata"])
            check_dates(f, r, rep)
            orgs_by_name.setdefault(r["name"], []).append((f, r))
    for name, rs in orgs_by_name.items():
        if len({f for f, _ in rs}) > 1:
            rep.err(rs[-1][0], rs[-1][1]["_line"], "%r is also in %s (one file per name)" % (name, rs[0][0]))
        if len(rs) > 1 and not all(x["start"] or x["end"] for _, x in rs):
            rep.warn(rs[0][0], rs[0][1]["_line"], "%r has several rows but not all are dated" % name)
    check_ambiguity("organizations.tsv", t["organizations.tsv"], ("name", "aliases"), lambda r: r["name"], rep)
    check_ambiguity("organizations_phoenix.tsv", t["organizations_phoenix.tsv"], ("name", "aliases"),
                    lambda r: r["name"], rep, limit=0)

    # a place or country name that means different countries in countries.tsv and cities.tsv
    cnames = {}
    for r in t["countries.tsv"]:
        for nm in names_of(r, "name", "aliases"):
            cnames.setdefault(nm.casefold(), set()).add(r["code"])
    for r in t["cities.tsv"]:
        for nm in names_of(r, "name", "aliases"):
            other = cnames.get(nm.casefold(), set()) - {r["country"]}
            if other:
                rep.warn("cities.tsv", r["_line"], "%r is also the name of country %s" % (nm, ", ".join(sorted(other))))

    persons, person_file = {}, {}
    for f in PEOPLE_FILES:
        for r in t[f]:
            ln = r["_line"]
            r["_file"] = f
            check_code(f, ln, r["code"], first_ok, rep)
            if r["wikidata"] and not QID_RE.match(r["wikidata"]):
                rep.err(f, ln, "bad wikidata %r" % r["wikidata"])
            if r["gender"] not in ("m", "f", ""):
                rep.err(f, ln, "gender must be m, f or empty (unknown), not %r" % r["gender"])
            if not r["role"]:
                rep.err(f, ln, "empty role")
            ds, de = check_dates(f, r, rep)
            if person_file.setdefault(r["name"], f) != f:
                rep.err(f, ln, "%r is also in %s (one file per name)" % (r["name"], person_file[r["name"]]))
            persons.setdefault(r["name"], []).append((ds or datetime.date.min, de or datetime.date.max, r))
    for name, spans in persons.items():
        ids = {s[2]["wikidata"] for s in spans} - {""}
        if len(ids) > 1:
            rep.err(spans[0][2]["_file"], spans[0][2]["_line"], "%r has several wikidata ids: %s" % (
                name, ", ".join(sorted(ids))))
        for i in range(len(spans)):
            for j in range(i + 1, len(spans)):
                a, b = spans[i], spans[j]
                if a[2]["code"] == b[2]["code"]:
                    continue
                lo, hi = max(a[0], b[0]), min(a[1], b[1])
                if lo < hi:  # sharing only the handover day is fine
                    rep.warn(b[2]["_file"], b[2]["_line"], "%s holds %s and %s at the same time (%s .. %s)" % (
                        name, a[2]["code"], b[2]["code"], lo if lo != datetime.date.min else "-",
                        hi if hi != datetime.date.max else "-"))
    check_ambiguity("people.tsv", t["people.tsv"], ("name", "aliases"), lambda r: r["name"], rep)
    check_ambiguity("people_phoenix.tsv", t["people_phoenix.tsv"], ("name", "aliases"), lambda r: r["name"], rep,
                    limit=0)

    unknown_roles = {}
    for r in t["agents.tsv"]:
        ln = r["_line"]
        if not r["pattern"] or r["pattern"] != r["pattern"].lower():
            rep.err("agents.tsv", ln, "pattern must be non-empty lower case: %r" % r["pattern"])
        if not CODE_RE.match(r["code"]):
            rep.err("agents.tsv", ln, "code %r is not a sequence of 3-letter chunks" % r["code"])
        else:
            for k in range(0, len(r["code"]), 3):
                ch = r["code"][k:k + 3]
                if ch not in ROLES:
                    unknown_roles.setdefault(ch, []).append(ln)
        if r["attach"] not in ("suffix", "prefix"):
            rep.err("agents.tsv", ln, "attach must be suffix or prefix")
    for ch, lns in sorted(unknown_roles.items()):
        rep.warn("agents.tsv", lns[0], "role code %r is not in the known CAMEO role list (%d rows)" % (ch, len(lns)))
    pats = {}
    for r in t["agents.tsv"]:
        pats.setdefault(r["pattern"], set()).add(r["code"])
    multi = sorted(p for p, c in pats.items() if len(c) > 1)
    for p in multi:
        rep.warn("agents.tsv", "-", "pattern %r has several codes: %s" % (p, ", ".join(sorted(pats[p]))))

    # MANIFEST
    man = os.path.join(kb, "MANIFEST")
    if partial:
        pass
    elif os.path.exists(man):
        listed = {}
        for line in open(man, encoding="utf-8"):
            if line.startswith("#") or not line.strip():
                continue
            f = line.rstrip("\n").split("\t")
            if len(f) == 3:
                listed[f[0]] = (f[1], f[2])
        for fname in sorted(set(FILES) | set(listed)):
            p = os.path.join(kb, fname)
            if fname not in listed:
                rep.warn("MANIFEST", "-", "%s not listed (run tools/manifest.py)" % fname)
            elif not os.path.exists(p):
                rep.warn("MANIFEST", "-", "%s listed but missing" % fname)
            elif hashlib.sha256(open(p, "rb").read()).hexdigest() != listed[fname][1]:
                rep.warn("MANIFEST", "-", "%s changed since the MANIFEST was written (run tools/manifest.py)" % fname)
    else:
        rep.warn("MANIFEST", "-", "missing (run tools/manifest.py)")

    print("dateline-kb validation of %s" % kb)
    for f in FILES:
        rs = t[f]
        srcs = {}
        for r in rs:
            srcs[r["src"]] = srcs.get(r["src"], 0) + 1
        print("  %-18s %5d rows  (%s)" % (f, len(rs), ", ".join("%s %d" % kv for kv in sorted(srcs.items()))))
    print("  people: %d persons" % len(persons))
    for w in rep.warnings:
        print("WARNING " + w)
    for e in rep.errors:
        print("ERROR " + e)
    print("%d errors, %d warnings" % (len(rep.errors), len(rep.warnings)))
    return 1 if rep.errors else 0


if __name__ == "__main__":
    sys.exit(main())
