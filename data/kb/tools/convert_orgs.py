#!/usr/bin/env python3
"""Convert organisations of the Phoenix actor dictionaries that organizations.tsv lacks.

    python3 data/kb/tools/convert_orgs.py [PHOENIX_DIR]

PHOENIX_DIR defaults to ../shared/kb/cameo next to the repository.  Writes
data/kb/organizations_phoenix.tsv (src=phoenix).  Standard library only, deterministic,
re-runnable.  Prints counts and samples of what was skipped.

Which entries (the rule; also in data/kb/README.md):
- Phoenix.International.actors.txt: intergovernmental organisations, i.e. entries whose codes all
  start with IGO (the dictionary's 700 IGO codes; its ~2,700 NGOs and ~4,400 companies are not
  taken: mostly small or obscure, and companies are no CAMEO actors of interest here);
- Phoenix.MilNonState.actors.txt: every non-state armed group (the START TOPS list and the KEDS
  militarised groups);
- the "X administration" synonyms of Phoenix people ("BUSH_ADMINISTRATION"), coded with the
  person's plain government code (USAGOV) for the periods the person held it;
and of those only entries with a name of two or more words, not named like a person (two to six
words with no organisation, place, title, demonym, common or GENERIC word, opening with a first
name of the lexicon or of a Phoenix person, or with Abu, or with bin/ibn inside:
undated people such as Graeme Wheeler, Osama bin Laden or Abu Musab, left out; such names are
also dropped from the aliases of groups, which list some leaders: Sheikh Hassan Nasrallah), that is not already a name or alias in
our files (countries, cities, regions, organizations.tsv, people), and not a person (people are
tools/convert_people.py's).

Codes as in convert_people.py (usable country / region / actor-type prefix; `---` dropped; the
prefix KKL, a Phoenix editor's initials rather than a country, dropped); dated codes are read as
PETRARCH reads them and flattened the same way, except that the last period stays open (an empty
end: an organisation's code is taken to hold until the dateline maintainers say otherwise).

Names: Phoenix spelling proper-cased, small words (of, the, and, in, ...) in lower case, a
leading THE dropped, "(ALF)" read as an alias; an Arabic article at the start also gets its
lower-case spelling as an alias ("Al-Qaeda in Iraq", "al-Qaeda in Iraq").  Aliases: the other
multi-word names, and one-word acronyms of 3-6 letters; an alias that is another entry's name or
alias is dropped (in every entry that has it), and so is a generic one made only of common words,
demonyms and the GENERIC words below ("Islamic Group").  A name listed twice with different codes
keeps the entry coded with a country (EGYREB over INTREB), else the first listed.
"""
import datetime
import os
import re
import sys
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import convert_people as cp  # noqa: E402
import phoenix  # noqa: E402

OUT = os.path.join(cp.KB, "organizations_phoenix.tsv")
COLS = ["name", "aliases", "code", "type", "country", "wikidata", "start", "end", "src"]
SMALL = {"of", "the", "and", "for", "in", "on", "at", "to", "a", "an", "by", "with", "de", "del", "des", "du",
         "la", "le", "les", "et", "y", "wa", "wal", "fi", "e", "da", "do", "dos", "das", "der", "den", "van",
         "von", "against", "from", "into", "or"}
DROP_PREFIXES = {"KKL"}
# With the lexicon's common words and the demonyms, these make an alias generic ("Islamic Group",
# "Jihad Group", "Revolutionary Cells"): such aliases name many groups and are dropped.
GENERIC = set("""islamic muslim moslem christian jewish hindu sikh buddhist catholic holy revolutionary
popular people's peoples liberation freedom resistance armed democratic socialist communist red black
white green new free martyrs martyr jihad struggle war fighters cells cell action direct secret world
youth students workers national international united""".split())


def other_names(cx):
    """Folded names and aliases of every entry of our own files, people included."""
    names = set(cx.other_names)
    for f in ("people.tsv", "people_phoenix.tsv"):
        path = os.path.join(cp.KB, f)
        if os.path.exists(path):
            _, rows = cp.read_tsv(path)
            for r in rows:
                for v in [r["name"]] + cp.split_list(r["aliases"]):
                    names.add(cp.fold(v))
    return names


def case_org(words):
    out = []
    for i, w in enumerate(words):
        lw = w.lower()
        if i > 0 and lw in SMALL:
            out.append(lw)
            continue
        if re.fullmatch(r"(?:[A-Za-z]\.)+", w):
            out.append(w.upper())
            continue
        parts = w.split("-")
        cased = []
        for k, p in enumerate(parts):
            lp = p.lower()
            if k > 0 and lp in SMALL:
                cased.append(lp)
            else:
                cased.append(cp.cap_part(p))
        out.append("-".join(cased))
    return out


def names_of(phrase):
    """(multi-word names, acronyms) of one Phoenix phrase: '(ALF)' is an acronym."""
    acr = [a.strip("_ ") for a in re.findall(r"\(([^)]*)\)", phrase)]
    base = re.sub(r"\([^)]*\)", " ", phrase)
    if re.search(r"[^A-Za-z.'\-_ &\u00C0-\u024F]", base):
        return [], [a for a in acr if re.fullmatch(r"[A-Za-z]{3,6}", a)]
    words = cp.raw_words(base.replace("&", " & "))
    while words and words[0].lower() == "the":
        words = words[1:]
    full, acros = [], [a.upper() for a in acr if re.fullmatch(r"[A-Za-z]{3,6}", a)]
    if len(words) >= 2:
        cased = case_org(words)
        full.append(" ".join(cased))
        if cased[0].lower().startswith(("al-", "el-")):
            full.append(cased[0][:2].lower() + cased[0][2:] + " " + " ".join(cased[1:]) if len(cased) > 1
                        else cased[0][:2].lower() + cased[0][2:])
    elif len(words) == 1 and re.fullmatch(r"[A-Za-z]{3,6}", words[0]):
        acros.append(words[0].upper())
    return full, acros


def first_name_set(cx):
    """Lower-case first names: the lexicon's, and first words of Phoenix people's
    names (people_phoenix.tsv), less common, generic and organisation words and "abu"."""
    names = {n.lower() for n in cx.male | cx.female}
    path = os.path.join(cp.KB, "people_phoenix.tsv")
    if os.path.exists(path):
        _, rows = cp.read_tsv(path)
        count = Counter(w.split()[0].lower() for w in {r["name"] for r in rows} if " " in w)
        names |= {w for w, n in count.items() if n >= 1}
    return {w for w in names if w not in cx.common and w not in GENERIC and w not in cx.demonyms and w != "abu"}


def person_like(words, cx, first_names, titled=False):
    """A person's name rather than a group's: two to six words with no organisation, place,
    title, demonym, common or GENERIC word, opening with a first name (or Abu, or, for aliases,
    an honorific such as Sheikh), or carrying bin/ibn (Osama bin Laden)."""
    low = [w.lower() for w in words]
    if titled and low and low[0] in PERSON_OPENERS:
        low, words = low[1:], words[1:]
    if not cp.looks_like_person(words, cx):
        return False
    if any(w in GENERIC or (w in cx.common and w not in ("bin", "ibn", "al", "el", "abu")) for w in low):
        return False
    return low[0] in first_names or low[0] == "abu" or "bin" in low[1:] or "ibn" in low[1:]


PERSON_OPENERS = {"sheikh", "sheik", "shaikh", "mullah", "sayyid", "sayyed", "seyyed", "imam", "emir", "commander"}


def has_country(e, cx):
    codes = [c for _, _, c in e["periods"]] + ([e["default"]] if e["default"] else [])
    return any(c[:3] in cx.country_name for c in codes)


def org_rows(periods, default):
    """Rows (start, end, code) of an organisation: flattened like people, the last one open."""
    if not periods:
        return [("", "", default)] if default else []
    segs = cp.flatten(periods, default)
    rows = []
    for i, (s, e, code, dflt) in enumerate(segs):
        last = i == len(segs) - 1 and e == cp.SNAPSHOT
        rows.append((s.isoformat() if s else "", "" if last else e.isoformat(), code))
    return rows


def main():
    phoenix_dir = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else cp.DEFAULT_PHOENIX
    cx = cp.Context()
    taken = other_names(cx)
    stats, skipped = Counter(), defaultdict(list)
    first_names = first_name_set(cx)
    entries = []  # dict(name, aliases, periods, default, source)
    for kind, fname in (("international", "Phoenix.International.actors.txt"),
                        ("milnonstate", "Phoenix.MilNonState.actors.txt")):
        for g in phoenix.parse_groups(os.path.join(phoenix_dir, fname)):
            if not g["codes"]:
                continue
            if cp.is_person_group(g, "international", cx):
                stats["%s: people (not organisations)" % fname] += 1
                continue
            codes = [(c.strip(), s) for c, s in g["codes"]]
            if kind == "international" and not all(c.startswith("IGO") for c, _ in codes):
                stats["%s: not an IGO (NGO, company, media, other)" % fname] += 1
                continue
            codes = [(c, s) for c, s in codes if c[:3] not in DROP_PREFIXES]
            periods, default = cp.entry_periods(codes, cx, stats)
            if not periods and not default:
                stats["%s: no usable code" % fname] += 1
                skipped["no usable code"].append(g["primaries"][0])
                continue
            pwords = cp.raw_words(re.sub(r"\([^)]*\)", " ", g["primaries"][0]))
            if person_like(pwords, cx, first_names, titled=True):
                # an undated person (Graeme Wheeler, Hambali) or a group named like one: neither
                # an organisation nor, without dates, a person we can place in time
                stats["%s: named like a person, not taken" % fname] += 1
                skipped["named like a person"].append(g["primaries"][0])
                continue
            full, acros = [], []
            for ph in g["primaries"] + g["synonyms"]:
                f, a = names_of(ph)
                full += [x for x in f if x not in full]
                acros += [x for x in a if x not in acros]
            if not full:
                stats["%s: no name of two or more words" % fname] += 1
                skipped["no name of two or more words"].append(g["primaries"][0])
                continue
            entries.append({"name": full[0], "aliases": full[1:] + acros, "periods": periods, "default": default,
                            "source": fname, "line": g["line"]})
            stats["%s: organisations read" % fname] += 1

    # "X administration" aliases of people: the person's plain government code, dated
    admin = defaultdict(list)
    pstats, pskipped = Counter(), defaultdict(list)
    for p in cp.build_people(phoenix_dir, cx, pstats, pskipped):
        for office in getattr(p, "offices", []):
            words = office.split()
            if words[-1].lower() != "administration" or len(words) < 2:
                continue
            name = " ".join(words[:-1]) + " administration"
            gov = [x for x in p.periods if re.fullmatch(r"[A-Z]{3}GOV", x[2])]
            admin[name] += [x for x in gov if x not in admin[name]]
    for name in sorted(admin):
        if admin[name]:
            entries.append({"name": name, "aliases": [], "periods": sorted(admin[name]), "default": None,
                            "source": "Phoenix.Countries.actors.txt", "line": 0, "admin": True})
            stats["administrations (from people's synonyms)"] += 1
        else:
            stats["administrations without a plain government period"] += 1

    # names: not ours already, not shared between entries
    seen = {}
    kept = []
    for e in entries:
        f = cp.fold(e["name"])
        if f in taken:
            stats["skipped: name already in our files"] += 1
            skipped["name already in our files"].append(e["name"])
            continue
        if cp.all_common(e["name"], cx) and not e.get("admin"):
            stats["skipped: name of common words"] += 1
            skipped["name of common words"].append(e["name"])
            continue
        if f in seen:
            prev = seen[f]
            if prev["periods"] == e["periods"] and prev["default"] == e["default"]:
                stats["skipped: repeated entry"] += 1
                continue
            # listed twice with different codes (the dictionary's own "duplicates ... need to
            # resolve"): the entry coded with a country wins over a region / IMG / INT code,
            # else the first listed
            stats["skipped: same name listed again with another code"] += 1
            skipped["same name listed again with another code"].append(e["name"])
            if has_country(e, cx) and not has_country(prev, cx):
                kept[kept.index(prev)] = e
                seen[f] = e
            continue
        seen[f] = e
        kept.append(e)
    owners = defaultdict(set)
    for e in kept:
        for a in [e["name"]] + e["aliases"]:
            owners[cp.fold(a) if " " in a else a].add(id(e))
    rows = []
    for e in sorted(kept, key=lambda x: cp.fold(x["name"])):
        aliases = []
        for a in e["aliases"]:
            k = cp.fold(a) if " " in a else a
            if a == e["name"] or a in aliases:
                continue
            generic = all(w.lower() in cx.common or w.lower() in cx.demonyms or w.lower() in GENERIC
                          for w in a.split())
            if " " in a and person_like(a.split(), cx, first_names, titled=True):
                # leaders listed among a group's names (Hizb Allah: Sheikh Hassan Nasrallah)
                stats["aliases dropped (a person's name)"] += 1
                continue
            if cp.fold(a) in taken or len(owners[k]) > 1 or (" " in a and generic):
                stats["aliases dropped (ours already, or shared between entries)"] += 1
                continue
            aliases.append(a)
        for start, end, code in org_rows(e["periods"], e["default"]):
            country = code[:3] if code[:3] in cx.country_name else ""
            rows.append([e["name"], "|".join(aliases), code, "ORG", country, "", start, end, "phoenix"])
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write("# dateline-kb/1 organizations\n")
        f.write("# version: 2025.1\n")
        f.write("# source: Phoenix.International.actors.txt (MIT, openeventdata/petrarch2; intergovernmental organisations)\n")
        f.write("# source: Phoenix.MilNonState.actors.txt (MIT, openeventdata/petrarch2; non-state armed groups)\n")
        f.write("# source: Phoenix.Countries.actors.txt (MIT, openeventdata/petrarch2; 'X administration' synonyms of people)\n")
        f.write("# licence: MIT, Copyright (c) 2014 Open Event Data Alliance, see LICENSE.phoenix\n")
        f.write("# columns: %s\n" % ", ".join(COLS))
        f.write("# note: generated by tools/convert_orgs.py; do not edit by hand, edit the script and rerun it "
                "(the selection rule is in its docstring and in README.md)\n")
        f.write("# note: organisations that organizations.tsv and the other files lack; a name here never appears in "
                "organizations.tsv (edit that file to override one: take the row out of this file by adding its name there)\n")
        f.write("\t".join(COLS) + "\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    print("organizations_phoenix.tsv: %d organisations, %d rows" % (len(kept), len(rows)))
    for k in sorted(stats):
        print("  %-80s %6d" % (k, stats[k]))
    for k in sorted(skipped):
        print("  sample, %s: %s" % (k, "; ".join(skipped[k][:12])))


if __name__ == "__main__":
    main()
