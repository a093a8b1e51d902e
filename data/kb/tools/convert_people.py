#!/usr/bin/env python3
"""Convert the people of the Phoenix actor dictionaries into dateline people rows.

    python3 data/kb/tools/convert_people.py [PHOENIX_DIR]

PHOENIX_DIR defaults to ../shared/kb/cameo next to the repository (the project's layout). Reads
Phoenix.Countries.actors.txt (CountryInfo leaders and ministers, ~1945-2015) and
Phoenix.International.actors.txt (heads of IGOs), plus the dateline files it must not contradict
(countries, regions, cities, organizations, people, and data/lexicon/entities.txt), and writes:

- data/kb/people_phoenix.tsv: every usable Phoenix person who is not in people.tsv (src=phoenix);
- the generated tail of data/kb/people.tsv (below GENERATED_MARK): the roles of people already in
  people.tsv that end before their first dateline row, under the same name and Wikidata id.

Standard library only; deterministic (same inputs, byte-identical outputs); re-runnable (the tail
of people.tsv is cut off and written again).  Prints counts and samples of what was skipped.

The rules (also in data/kb/README.md):

Who is a person.  An entry of Phoenix.Countries whose comment says `CountryInfo` (the generated
leader lists) or an entry of Phoenix.International whose comment says `IGOrulers` is a person.
Other entries (hand-added by the Phoenix editors) are people when their name looks like one: no
organisation, place or title word (data/lexicon/entities.txt plus ORG_WORDS below), no digits or
punctuation beyond `.'-`, and at least one code with a role (`CHNGOV`, not a bare country); in
Phoenix.International they must also carry a dated code.  Countries, places, offices
("PRESIDENT_OF_THE_UNITED_STATES_") and institutions are not people and are skipped (counted).
Entries are grouped as PETRARCH groups them (a code-less primary phrase shares the codes of the
next entry: tools/phoenix.py parse_groups).

Dates.  Read as PETRARCH reads them (tools/phoenix.py parse_spec): YYMMDD with 00-30 = 20YY and
31-99 = 19YY, or YYYYMMDD; `<D` = until D, `>D` = from D, `D1-D2` = D1 to D2, all inclusive;
an unreadable date or an interval ending before it starts is skipped, as PETRARCH skips it.
An open-ended `>D` ends at SNAPSHOT (2015-02-17), the latest date written anywhere in the
dictionary (Ashton Carter's appointment as US Secretary of Defense): the editors demonstrably
looked at the file then, and nothing is known after it.  An empty end in our format would claim
"still held in 2025", which Phoenix cannot know.  The undated code is Phoenix's default: it
holds whenever no dated code does, up to SNAPSHOT.

Rows.  Overlapping Phoenix periods are flattened into non-overlapping rows, resolved the way
Kb::code_on resolves overlapping rows (on each day the period that started last wins; a dated
code always beats the default), and adjacent rows with the same code are joined.  So on any date
up to SNAPSHOT the rows give the code that code_on would give from Phoenix's own periods, and with
no date code_on picks the row that ends last, which is the code in force at SNAPSHOT (the most
recent role; the default only when no dated role lasted until then).  After SNAPSHOT no row holds.

Codes.  A code must be 3-letter chunks starting with a country or region of countries.tsv /
regions.tsv or an actor type (IGO, NGO, ...); codes of states that no longer exist (DDR, SUN,
YUG, ...), `---` and bare role codes (`ELI`) are dropped; a person left with no code is skipped.

Names.  `ABDELAZIZ_BOUTEFLIKA_` -> "Abdelaziz Bouteflika": words capitalised (McX, O'X,
roman numerals kept), particles lower-cased inside a name (bin, ibn, de, van, von, ...), Arabic
al-/el- written "al-X" with aliases "Al-X" and "X" ("Bashar al-Assad", "Bashar Assad").  Leading
titles and nationality words ("US PRESIDENT", "SECRETARY-GENERAL", "SIR") are stripped when two or
more words remain, since the resolver skips titles before a name; when only one word would remain
the title is kept ("President Bush"), because a lone surname shared by several people cannot be
resolved by the surname alone.  The canonical name is the CountryInfo/IGOrulers phrase (else the
first primary phrase); the other phrases are aliases.  Skipped: one-word names (except mononyms:
a one-word name of at least five letters that is no first name, lexicon word or other person's
surname, of someone who held a plain government code such as IDNGOV: Suharto, Akihito), names
whose words are all common words (lexicon titles, heads, particles, not_names), names of a
country, place, region or organisation in our files, names of two Phoenix people of different
countries (both skipped), names with an organisation head word of the lexicon not opening with a
first name (ISLAMIC_REVOLUTIONARY_COUNCIL is filed as a CountryInfo leader), and aliases that are
another person's name or shared across countries.

People already in people.tsv (same folded name or alias, and a country in common) get only the
Phoenix rows that end before their first dateline row; a row running into it is cut to end on
that day (the handover day, where the dateline row wins).  A person whose dateline rows have an
empty start (held since long before 2015) gets nothing.  Their rows go to the tail of people.tsv.

Role text: the country (or IGO) and the role chunks in words ("Algeria: government"); gender
from the first name when data/lexicon/entities.txt lists it, else empty (unknown).
"""
import datetime
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import phoenix  # noqa: E402

KB = os.path.dirname(HERE)
REPO = os.path.dirname(os.path.dirname(KB))
DEFAULT_PHOENIX = os.path.normpath(os.path.join(REPO, "..", "shared", "kb", "cameo"))
LEXICON = os.path.join(REPO, "data", "lexicon", "entities.txt")
OUT_PEOPLE = os.path.join(KB, "people_phoenix.tsv")
PEOPLE = os.path.join(KB, "people.tsv")

SNAPSHOT = datetime.date(2015, 2, 17)
GENERATED_MARK = ("# ---- generated by tools/convert_people.py: roles before 2015 of the people above, from "
                  "Phoenix.Countries.actors.txt (src=phoenix); do not edit below this line, rerun the script ----")
PEOPLE_COLS = ["name", "aliases", "wikidata", "code", "role", "start", "end", "gender", "src"]
TYPE_PREFIXES = {"IGO", "NGO", "MNC", "IMG", "INT", "UIS", "NGM"}

# Words that make a phrase an organisation, office or place rather than a person (besides the
# lexicon's org/loc/gpe heads and titles): Arabic and other group words, offices, generic nouns.
ORG_WORDS = set("""
jabhat jaish jaysh jund sarayat ahrar ghuraba harakat hizb kataib liwa liwaa ansar tanzim tanzeem
muhajirin muhajireen mujahideen brigades brigade battalion battalions forces regime riot declaration
tank think assembly council congress palace downing westminster street kremlin headquarters
commission rifles guard guards sabha knesset majlis bundesrat reichstag volkskammer politburo soviet
cabinet parliament supreme community network coalition initiative fund trust programme program
initiative institute project mission office bureau authority administration observatory
lab laboratory task force centre center ocean sea valley city province international national
united republic kingdom state states people peoples nation nations""".split())
# Honorifics stripped like titles (the lexicon has most; these are spelled as Phoenix spells them).
EXTRA_TITLES = {"sir", "dame", "lord", "lady", "baron", "baroness", "sheik", "sheikh", "shaikh",
                "former", "ex-president", "acting", "then", "the", "u.s.", "us", "u.n.", "un",
                "un_secy_gen", "secy", "sec.", "gen", "general", "gov.", "governor", "mr", "mr.",
                "mrs", "mrs.", "dr", "dr.", "prof.", "colonel", "lieutenant", "major", "admiral"}
# Titles that are part of how a person is named when no other name is known (Lord Carrington).
HONORIFICS = {"lord", "sir", "dame", "baroness", "lady", "sheikh", "king", "queen", "prince", "emir",
              "pope"}
# Particles written in lower case inside a name.
LOWER_PARTICLES = {"bin", "ibn", "bint", "de", "da", "das", "dos", "do", "du", "van", "von", "der",
                   "den", "del", "della", "di", "y", "e"}
ARABIC_ARTICLES = {"al", "el"}
ROMAN = {"II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII", "XIII", "XIV", "XV", "XVI"}
# Two names of Phoenix.Countries carry a SUB control character where an accented letter was lost.
NAME_FIXES = {"LIAMINE_Z\x1aROUAL_": "LIAMINE_ZEROUAL_", "JAN_STRASK\x1aY": "JAN_STRASKY"}
ROLE_WORDS = {
    "GOV": "government", "ELI": "elite", "MIL": "military", "LEG": "legislature", "JUD": "judiciary",
    "OPP": "opposition", "REB": "rebels", "SPY": "intelligence", "COP": "police", "BUS": "business",
    "MED": "media", "EDU": "education", "HLH": "health", "AGR": "agriculture", "ENV": "environment",
    "DEV": "development", "LAB": "labour", "HRI": "human rights", "REF": "refugees", "CVL": "civilians",
    "PTY": "party", "UAF": "armed forces", "CRM": "criminals", "REL": "religion", "MUS": "Muslim",
    "CHR": "Christian", "JEW": "Jewish", "SET": "settlers", "RAD": "radicals", "MOD": "moderates",
}


# ---------------------------------------------------------------------------------------- input

def read_tsv(path):
    """(header columns, rows as dicts with '_line') of a dateline-kb file."""
    cols, rows = None, []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if cols is None:
                cols = cells
                continue
            row = dict(zip(cols, cells))
            row["_line"] = n
            rows.append(row)
    return cols, rows


def split_list(v):
    return [x for x in (v or "").split("|") if x]


def read_lexicon(path):
    sections, cur = {}, None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            if line.startswith("[") and line.endswith("]"):
                cur = sections.setdefault(line[1:-1], [])
                continue
            if cur is not None:
                cur.append(line.split("\t")[0].strip())
    return sections


def fold(s):
    """Folded form for comparing names: no diacritics, lower case, '-' and '.' as spaces."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = s.replace("-", " ").replace(".", " ").replace("\u2019", "'")
    return " ".join(s.split())


class Context:
    """What the dateline files and the lexicon say, for checking names and codes."""

    def __init__(self):
        _, self.countries = read_tsv(os.path.join(KB, "countries.tsv"))
        _, self.regions = read_tsv(os.path.join(KB, "regions.tsv"))
        _, self.cities = read_tsv(os.path.join(KB, "cities.tsv"))
        _, self.orgs = read_tsv(os.path.join(KB, "organizations.tsv"))
        self.country_name = {r["code"]: r["name"] for r in self.countries}
        self.prefixes = set(self.country_name) | {r["code"] for r in self.regions} | TYPE_PREFIXES
        self.region_name = {r["code"]: r["name"] for r in self.regions}
        self.org_by_code = {}
        for r in self.orgs:
            if r["code"] and r["code"] not in self.org_by_code:
                self.org_by_code[r["code"]] = r["name"]
        # names that mean something other than a person
        self.other_names = set()
        for r in self.countries:
            for v in [r["name"], r["capital"]] + split_list(r["aliases"]) + split_list(r["demonyms"]) + \
                    split_list(r["capital_aliases"]) + [s.split("=")[0] for s in split_list(r["seats"])]:
                if v:
                    self.other_names.add(fold(v))
        for rows in (self.regions, self.cities, self.orgs):
            for r in rows:
                for v in [r["name"]] + split_list(r.get("aliases")) + split_list(r.get("demonyms")):
                    if v:
                        self.other_names.add(fold(v))
        self.demonyms = set()
        for r in self.countries:
            for v in [r["name"]] + split_list(r["aliases"]) + split_list(r["demonyms"]):
                self.demonyms.add(v.lower())
        lex = read_lexicon(LEXICON)
        self.titles = {t.lower() for t in lex.get("person_titles", [])}
        self.title_words = {w for t in self.titles for w in t.split()}
        self.max_title = max(len(t.split()) for t in self.titles)
        self.male = set(lex.get("male_names", []))
        self.female = set(lex.get("female_names", []))
        self.org_heads = {w.lower() for w in lex.get("org_heads", [])}
        heads = set()
        for sec in ("org_heads", "loc_heads", "gpe_heads"):
            heads |= {w.lower() for w in lex.get(sec, [])}
        self.heads = heads | ORG_WORDS
        self.common = (heads | self.title_words | {w.lower() for w in lex.get("not_names", [])}
                       | {w.lower() for w in lex.get("name_particles", [])} | ORG_WORDS)

    def code_ok(self, code):
        return bool(re.fullmatch(r"(?:[A-Z]{3})+", code)) and code[:3] in self.prefixes

    def where(self, code):
        """The country, region or IGO a code belongs to, in words."""
        for k in range(len(code), 2, -3):
            if code[:k] in self.org_by_code and code[:3] in TYPE_PREFIXES:
                return self.org_by_code[code[:k]], code[k:]
        p = code[:3]
        name = self.country_name.get(p) or self.region_name.get(p) or p
        return name, code[3:]

    def role_text(self, code, default=False):
        where, rest = self.where(code)
        words = [ROLE_WORDS.get(rest[i:i + 3], rest[i:i + 3]) for i in range(0, len(rest), 3)]
        text = where + (": " + ", ".join(words) if words else "")
        return text + (" (Phoenix default code)" if default else "")


# ---------------------------------------------------------------------------------------- names

def cap_part(p, lower_rest=False):
    if p.upper() in ROMAN and p.isupper():
        return p.upper()
    if re.fullmatch(r"(?:[A-Za-z]\.)+", p):
        return p.upper()  # initials: A.F.M.
    low = p.lower()
    if lower_rest:
        return low
    out = low[:1].upper() + low[1:]
    # O'Connell, D'Alema, N'Diaye
    out = re.sub(r"^([A-Za-z])'([a-z])", lambda m: m.group(1).upper() + "'" + m.group(2).upper(), out)
    if out.startswith("Mc") and len(out) > 2:
        out = "Mc" + out[2].upper() + out[3:]
    return out


def case_words(words, country):
    """Proper-case a list of upper-case words; returns (canonical, variants) as word lists."""
    korean = country in ("KOR", "PRK")
    base = []
    for i, w in enumerate(words):
        lw = w.lower()
        if i > 0 and lw in LOWER_PARTICLES:
            base.append(lw)
            continue
        parts = w.split("-")
        out = []
        for k, p in enumerate(parts):
            if k == 0 and i > 0 and len(parts) > 1 and p.lower() in ARABIC_ARTICLES:
                out.append(p.lower())
            else:
                out.append(cap_part(p, lower_rest=korean and k > 0))
        base.append("-".join(out))
    # standalone Arabic article inside the name: "Haidar al Abadi" -> "Haidar al-Abadi"
    joined = []
    i = 0
    while i < len(base):
        w = base[i]
        if i > 0 and i + 1 < len(base) and w.lower() in ARABIC_ARTICLES:
            joined.append(w.lower() + "-" + base[i + 1])
            i += 2
            continue
        joined.append(w)
        i += 1
    canon, cap_art = [], []
    for i, w in enumerate(joined):
        m = re.match(r"^(al|el)-(.+)$", w)
        canon.append(w)
        cap_art.append(m.group(1).capitalize() + "-" + m.group(2) if i > 0 and m else w)
    # without the article of the surname only ("Bashar Assad"; "Abd al-Aziz" keeps its own)
    m = re.match(r"^(al|el)-(.+)$", joined[-1]) if len(joined) > 1 else None
    no_art = joined[:-1] + [m.group(2)] if m else joined
    variants = []
    for v in (cap_art, no_art):
        if v != canon and len(v) >= 2 and v not in variants:
            variants.append(v)
    return canon, variants


def raw_words(phrase):
    s = phrase.replace("_", " ").strip()
    s = " ".join(s.split())
    return s.split(" ") if s else []


def strip_titles(words, cx, keep_one=True):
    """Leading titles and nationality words removed while two or more words remain.

    Returns (title words removed, rest)."""
    removed = []
    while len(words) > 1:
        low = [w.lower() for w in words]
        n = 0
        for k in range(min(cx.max_title, len(words) - 1), 0, -1):
            if " ".join(low[:k]) in cx.titles or (k == 1 and (low[0] in EXTRA_TITLES or low[0] in cx.demonyms)):
                n = k
                break
        if n == 0 or len(words) - n < (2 if keep_one else 1):
            break
        removed.extend(words[:n])
        words = words[n:]
    return removed, words


def bad_chars(phrase):
    return bool(re.search(r"[^A-Za-z.'\-_ \u00C0-\u024F]", phrase)) or phrase.upper().startswith("A.K.A")


# ---------------------------------------------------------------------------------------- dates

def flatten(periods, default):
    """Non-overlapping [start or None, end, code, is_default] rows from dated periods and a default.

    periods: [(start or None, end, code)] in dictionary order.  On each day the period that
    started last holds (ties: the first listed), as Kb::code_on picks among overlapping rows; the
    default holds where no period does, up to SNAPSHOT.  Neighbours with the same code are joined."""
    one = datetime.timedelta(days=1)

    def code_at(day):
        best = None
        for idx, (s, e, c) in enumerate(periods):
            if (s is None or s <= day) and day <= e:
                key = (s or datetime.date.min, -idx)
                if best is None or key > best[0]:
                    best = (key, c)
        if best is not None:
            return best[1], False
        return (default, True) if default else (None, False)

    points = {s for s, _, _ in periods if s is not None} | {e + one for _, e, _ in periods}
    bounds = [None] + sorted(x for x in points if x <= SNAPSHOT)
    out = []
    for i, s in enumerate(bounds):
        e = bounds[i + 1] - one if i + 1 < len(bounds) else SNAPSHOT
        if s is not None and s > e:
            continue
        code, dflt = code_at(s if s is not None else e)
        if code is None:
            continue
        if out and out[-1][2] == code and s is not None and out[-1][1] + one == s:
            out[-1][1] = e
            out[-1][3] = out[-1][3] and dflt
        else:
            out.append([s, e, code, dflt])
    return out


def entry_periods(codes, cx, stats):
    """(dated periods, default code) of one Phoenix entry's codes, unusable codes dropped."""
    periods, default = [], None
    for code, spec in codes:
        code = code.strip()
        if not cx.code_ok(code):
            stats["codes dropped (no usable country, region or actor type)"] += 1
            continue
        p = phoenix.parse_spec(spec)
        if p is None:
            stats["codes dropped (unreadable date, as PETRARCH)"] += 1
            continue
        if p[0] == "default":
            default = code
        elif p[0] == "before":
            periods.append((None, min(p[1], SNAPSHOT), code))
        elif p[0] == "after":
            if p[1] <= SNAPSHOT:
                periods.append((p[1], SNAPSHOT, code))
        else:
            if p[1] <= SNAPSHOT:
                periods.append((p[1], min(p[2], SNAPSHOT), code))
    seen, uniq = set(), []
    for x in periods:
        if x not in seen:
            seen.add(x)
            uniq.append(x)
    return uniq, default


# ---------------------------------------------------------------------------------------- people

class Person:
    def __init__(self, canon, aliases, periods, default, source, line, title_aliases):
        self.canon = canon
        self.aliases = aliases          # list of names (strings), title stripped
        self.title_aliases = title_aliases  # "President Bush" forms
        self.periods = periods
        self.default = default
        self.source = source
        self.line = line
        self.countries = {c[:3] for _, _, c in periods} | ({default[:3]} if default else set())


def looks_like_person(words, cx, most=6, own=()):
    if not 2 <= len(words) <= most:
        return False
    low = [w.lower().strip(".") for w in words]
    if any(w not in own and (w in cx.heads or w in cx.title_words or w in cx.demonyms) for w in low):
        return False
    return True


def is_person_group(g, kind, cx):
    notes = g["notes"].lower()
    if kind == "countries" and "countryinfo" in notes:
        return True
    if kind == "international" and "igorulers" in notes:
        return True
    name = g["primaries"][-1] if kind == "countries" else g["primaries"][0]
    if bad_chars(name):
        return False
    _, words = strip_titles(raw_words(name), cx)
    if not looks_like_person(words, cx):
        return False
    codes = [c for c, _ in g["codes"]]
    if not any(len(c) > 3 for c in codes):
        return False
    if kind == "international":
        return any(s.strip() for _, s in g["codes"])
    return True


def canonical_phrase(g, kind):
    if kind == "countries":
        return g["primaries"][0]
    return g["primaries"][0]


def build_people(phoenix_dir, cx, stats, skipped):
    people = []
    for kind, fname in (("countries", "Phoenix.Countries.actors.txt"),
                        ("international", "Phoenix.International.actors.txt")):
        for g in phoenix.parse_groups(os.path.join(phoenix_dir, fname)):
            if not g["codes"]:
                continue
            if not is_person_group(g, kind, cx):
                stats["entries that are not people (countries, places, offices, institutions)"] += 1
                continue
            stats["person entries read (%s)" % fname] += 1
            periods, default = entry_periods(g["codes"], cx, stats)
            if not periods and not default:
                stats["people skipped: no usable code"] += 1
                skipped["no usable code"].append(g["primaries"][0])
                continue
            country = (periods[0][2] if periods else default)[:3]
            phrases = [NAME_FIXES.get(x, x) for x in g["primaries"] + g["synonyms"]]
            names, title_forms = [], []
            for ph in phrases:
                if bad_chars(ph):
                    stats["names dropped: punctuation or digits"] += 1
                    continue
                words = raw_words(ph)
                if not words:
                    continue
                removed, rest = strip_titles(words, cx, keep_one=False)
                if len(rest) == 2 and rest[0].lower() in ARABIC_ARTICLES:
                    rest = [rest[0] + "-" + rest[1]]  # AL_ABADI is one surname, al-Abadi
                if len(rest) == 1:
                    # "US PRESIDENT BUSH": the nationality goes, the title stays with the lone
                    # surname; a lone word without a title is a mononym candidate
                    low = [w.lower() for w in removed]
                    for k in range(len(removed)):
                        if " ".join(low[k:]) in cx.titles:
                            canon_w, _ = case_words(removed[k:] + rest, country)
                            title_forms.append(" ".join(canon_w))
                            break
                    names.append(("mono", rest))
                    continue
                names.append(("full", rest))
            # the first full name is the canonical one (CountryInfo lists people, whatever their
            # names contain: Julie Bishop); the others must look like a person's name
            full, offices = [], []
            for k, w in names:
                if k != "full":
                    continue
                if not full:
                    if len(w) <= 10:
                        full.append(w)
                    else:
                        stats["names dropped: longer than ten words"] += 1
                    continue
                own = {x.lower() for x in full[0]}
                if looks_like_person(w, cx, 8, own):
                    full.append(w)
                elif any(x.lower() == "administration" for x in w):
                    offices.append(" ".join(case_words(w, country)[0]))
                else:
                    stats["names dropped: office, organisation or title words"] += 1
            mono = [w for k, w in names if k == "mono"]
            honorific = [t for t in title_forms if t.split()[0].lower() in HONORIFICS]
            if full:
                cwords = full[0]
            elif honorific:
                cwords = honorific[0].split()  # Lord Carrington
                title_forms = [t for t in title_forms if t != honorific[0]]
            elif mono:
                cwords = mono[0]
            else:
                stats["people skipped: no usable name"] += 1
                skipped["no usable name"].append(g["primaries"][0])
                continue
            canon_w, variants = case_words(cwords, country)
            canon = " ".join(canon_w)
            aliases = []
            for v in variants:
                aliases.append(" ".join(v))
            for w in full[1:]:
                c, vs = case_words(w, country)
                for x in [c] + vs:
                    s = " ".join(x)
                    if s != canon and s not in aliases:
                        aliases.append(s)
            person = Person(canon, aliases, periods, default, fname, g["line"],
                            [t for t in dict.fromkeys(title_forms) if t != canon])
            person.offices = offices
            people.append(person)
    return people


def mononym_ok(p, cx, surnames):
    w = p.canon
    if " " in w or len(w) < 5 or not w.isalpha():
        return False
    if w in cx.male or w in cx.female or w.lower() in cx.common or fold(w) in cx.other_names:
        return False
    if fold(w) in surnames:
        return False
    # a head of state or government (a plain GOV period) whose entry also has elite periods, as the
    # CountryInfo leader lists have; ministers listed by one garbled word ("Mauoconnell") do not
    gov = any(re.fullmatch(r"[A-Z]{3}GOV", c) for _, _, c in p.periods)
    eli = any(c.endswith("ELI") for _, _, c in p.periods) or bool(p.default and p.default.endswith("ELI"))
    return gov and eli


def absorb(p, q):
    """Adds q's names and periods to p."""
    for a in [q.canon] + q.aliases:
        if a not in p.aliases and a != p.canon:
            p.aliases.append(a)
    for a in q.title_aliases:
        if a not in p.title_aliases:
            p.title_aliases.append(a)
    for a in getattr(q, "offices", []):
        if a not in p.offices:
            p.offices.append(a)
    for x in q.periods:
        if x not in p.periods:
            p.periods.append(x)
    p.default = p.default or q.default
    p.countries |= q.countries


def merge_people(people, stats, skipped):
    """One person per name.

    Entries with the same (folded) name and a country in common are one person (Phoenix lists
    some twice); the same name in different countries is two people we cannot tell apart: both
    are skipped.  An entry whose name is another entry's alias, in the same country, with periods
    all among the other's (Kofi Atta Annan, listed apart from Kofi Annan), is that entry; otherwise
    the alias is dropped later (George Bush, the father, is not George W. Bush)."""
    from collections import defaultdict
    by_name = defaultdict(list)
    for p in people:
        by_name[fold(p.canon)].append(p)
    out = []
    for p in people:
        group = by_name[fold(p.canon)]
        if group[0] is not p:
            continue
        if any(not (q.countries & group[0].countries) for q in group[1:]):
            stats["people skipped: same name, different countries"] += len(group)
            countries = set()
            for q in group:
                countries |= q.countries
            skipped["same name, different countries"].append("%s (%s)" % (p.canon, ", ".join(sorted(countries))))
            continue
        for q in group[1:]:
            stats["Phoenix entries merged into one person (same name, or name and periods)"] += 1
            absorb(p, q)
        out.append(p)
    by_alias = defaultdict(list)
    for p in out:
        for a in p.aliases:
            by_alias[fold(a)].append(p)
    gone = set()
    for p in out:
        owners = [q for q in by_alias.get(fold(p.canon), []) if q is not p and id(q) not in gone]
        if len(owners) != 1:
            continue
        q = owners[0]
        if q.countries & p.countries and (set(p.periods) <= set(q.periods) or not p.periods):
            stats["Phoenix entries merged into one person (same name, or name and periods)"] += 1
            absorb(q, p)
            gone.add(id(p))
    return [p for p in out if id(p) not in gone]


def all_common(name, cx):
    return all(w.lower().strip(".") in cx.common for w in name.split())


def main():
    phoenix_dir = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_PHOENIX
    cx = Context()
    from collections import Counter, defaultdict
    stats, skipped = Counter(), defaultdict(list)
    people = build_people(phoenix_dir, cx, stats, skipped)

    # dateline people (without the generated tail)
    with open(PEOPLE, encoding="utf-8") as f:
        text = f.read()
    head = text.split("\n" + GENERATED_MARK + "\n")[0].rstrip("\n") + "\n"
    tmp = head
    cols = None
    curated = {}
    for line in tmp.split("\n"):
        if not line or line.startswith("#"):
            continue
        cells = line.split("\t")
        if cols is None:
            cols = cells
            continue
        r = dict(zip(cols, cells))
        p = curated.setdefault(r["name"], {"rows": [], "names": {fold(r["name"])}})
        p["rows"].append(r)
        p["names"] |= {fold(a) for a in split_list(r["aliases"])}
    curated_by_fold = defaultdict(set)
    for name, p in curated.items():
        for n in p["names"]:
            curated_by_fold[n].add(name)
        p["countries"] = {r["code"][:3] for r in p["rows"]}

    # 1. people already in people.tsv
    new_people, existing = [], defaultdict(list)
    for p in people:
        keys = {fold(p.canon)} | {fold(a) for a in p.aliases}
        # the same full name is the same person (roles move between countries and IGOs:
        # Guterres PRT -> IGOUNO); an alias alone must also share a country
        hits = set(curated_by_fold.get(fold(p.canon), set()))
        if not hits:
            for k in keys:
                hits |= {h for h in curated_by_fold.get(k, set()) if curated[h]["countries"] & p.countries}
        if len(hits) == 1:
            existing[hits.pop()].append(p)
        elif hits:
            stats["people skipped: match several dateline people"] += 1
            skipped["match several dateline people"].append(p.canon)
        else:
            new_people.append(p)

    # 2. names: one-word, common words, other entries' names; merge same-name same-country people
    all_full = [p for p in new_people if " " in p.canon]
    surnames = {fold(p.canon.split()[-1]) for p in all_full}
    for name in curated:
        surnames.add(fold(name.split()[-1]))
    kept = []
    for p in new_people:
        if " " not in p.canon and not mononym_ok(p, cx, surnames):
            stats["people skipped: one-word name"] += 1
            skipped["one-word name"].append(p.canon)
            continue
        if any(w.lower() in cx.org_heads for w in p.canon.split()) and p.canon.split()[0] not in cx.male | cx.female:
            # an institution in a person's place (ISLAMIC_REVOLUTIONARY_COUNCIL is a CountryInfo
            # entry); Michael Church is a person
            stats["people skipped: an organisation's name"] += 1
            skipped["an organisation's name"].append(p.canon)
            continue
        if all_common(p.canon, cx):
            stats["people skipped: name of common words"] += 1
            skipped["name of common words"].append(p.canon)
            continue
        if fold(p.canon) in cx.other_names:
            stats["people skipped: name of a country, place, region or organisation"] += 1
            skipped["name of a country, place, region or organisation"].append(p.canon)
            continue
        kept.append(p)
    merged = merge_people(kept, stats, skipped)

    # 3. aliases: drop common-word ones, other entries' names, and ones shared across countries
    canon_fold = {fold(p.canon) for p in merged}
    alias_owners = defaultdict(set)
    for p in merged:
        for a in p.aliases + p.title_aliases:
            alias_owners[fold(a)] |= {min(p.countries)}
    for p in merged:
        good = []
        for a in p.aliases:
            fa = fold(a)
            own = fa == fold(p.canon)  # the canonical name spelt another way (Al-Assad)
            if a == p.canon or a in good:
                continue
            if all_common(a, cx) or fa in cx.other_names or fa in curated_by_fold \
                    or (fa in canon_fold and not own) or len(alias_owners[fa]) > 1:
                stats["aliases dropped (common words, another entry's name, shared across countries)"] += 1
                continue
            good.append(a)
        p.aliases = good
        tgood = []
        for a in p.title_aliases:
            fa = fold(a)
            if fa in cx.other_names or fa in curated_by_fold or fa in canon_fold or len(alias_owners[fa]) > 1:
                stats["aliases dropped (common words, another entry's name, shared across countries)"] += 1
                continue
            tgood.append(a)
        p.title_aliases = tgood

    # 4. rows
    rows = []
    n_people = 0
    for p in sorted(merged, key=lambda q: (q.source != "Phoenix.Countries.actors.txt", fold(q.canon), q.line)):
        segs = flatten(p.periods, p.default)
        if not segs:
            stats["people skipped: no row before the snapshot"] += 1
            continue
        n_people += 1
        first = p.canon.split()[0]
        gender = "m" if first in cx.male else "f" if first in cx.female else ""
        aliases = "|".join(p.aliases + p.title_aliases)
        for s, e, code, dflt in segs:
            rows.append([p.canon, aliases, "", code, cx.role_text(code, dflt),
                         s.isoformat() if s else "", e.isoformat(), gender, "phoenix"])
    # 5. people already in people.tsv: rows before their first dateline row
    tail = []
    n_existing = 0
    for name in curated:
        if name not in existing:
            continue
        crow = curated[name]["rows"]
        starts = [r["start"] for r in crow]
        if any(s == "" for s in starts):
            stats["dateline people matched but already covered (a row with an empty start)"] += 1
            continue
        first = datetime.date.fromisoformat(min(starts))
        periods, default = [], None
        for q in existing[name]:
            periods += [x for x in q.periods if x not in periods]
            default = default or q.default
        added = 0
        for s, e, code, dflt in flatten(periods, default):
            if s is not None and s >= first:
                continue
            e = min(e, first)
            tail.append([name, "", crow[0]["wikidata"], code, cx.role_text(code, dflt),
                         s.isoformat() if s else "", e.isoformat(), crow[0]["gender"], "phoenix"])
            added += 1
        if added:
            n_existing += 1

    write_people(rows)
    with open(PEOPLE, "w", encoding="utf-8", newline="\n") as f:
        f.write(head)
        if tail:
            f.write("\n" + GENERATED_MARK + "\n")
            for r in tail:
                f.write("\t".join(r) + "\n")

    print("people_phoenix.tsv: %d people, %d rows" % (n_people, len(rows)))
    print("people.tsv tail: %d rows for %d dateline people" % (len(tail), n_existing))
    for k in sorted(stats):
        print("  %-80s %6d" % (k, stats[k]))
    for k in sorted(skipped):
        print("  sample, %s: %s" % (k, "; ".join(skipped[k][:12])))


def write_people(rows):
    with open(OUT_PEOPLE, "w", encoding="utf-8", newline="\n") as f:
        f.write("# dateline-kb/1 people\n")
        f.write("# version: 2025.1\n")
        f.write("# source: Phoenix.Countries.actors.txt (MIT, openeventdata/petrarch2; CountryInfo.140130 and hand-added entries)\n")
        f.write("# source: Phoenix.International.actors.txt (MIT, openeventdata/petrarch2; IGO leaders)\n")
        f.write("# licence: MIT, Copyright (c) 2014 Open Event Data Alliance, see LICENSE.phoenix\n")
        f.write("# columns: %s\n" % ", ".join(PEOPLE_COLS))
        f.write("# note: generated by tools/convert_people.py; do not edit by hand, edit the script and rerun it "
                "(the rules are in its docstring and in README.md)\n")
        f.write("# note: people not in people.tsv; rows are non-overlapping periods up to 2015-02-17 (the latest date in "
                "the dictionary); nothing is claimed after it, so the end is never empty\n")
        f.write("# note: a row whose role says 'Phoenix default code' comes from the entry's undated code, which holds "
                "where no dated code does; empty gender = unknown\n")
        f.write("\t".join(PEOPLE_COLS) + "\n")
        for r in rows:
            f.write("\t".join(r) + "\n")


if __name__ == "__main__":
    main()
