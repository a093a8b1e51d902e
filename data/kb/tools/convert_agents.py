#!/usr/bin/env python3
"""Convert Phoenix.agents.txt (PETRARCH generic agents) into data/kb/agents.tsv.

    python3 data/kb/tools/convert_agents.py [PATH/TO/Phoenix.agents.txt] [OUT.tsv]

Defaults: ../../../../shared/kb/cameo/Phoenix.agents.txt relative to the repository (i.e.
/work/shared/kb/cameo/Phoenix.agents.txt in the project's layout) and data/kb/agents.tsv.
Deterministic: same input, byte-identical output.  Standard library only.

Conversion rules (faithful to the dictionary, see the file's own header):
- `_` and spaces separate words; patterns are lower-cased; a trailing `_` (word stop) is dropped.
- `!PERSON!` expands to man / woman / person (MEN and WOMEN become the plural column);
  `!MINIST!` expands to minister / ministry.  `!MINIST!` inside a word (AD!MINIST!RATION) was a
  search-and-replace accident in the source and is restored to MINIST.
- the stems MINIST, AUTHORIT, COMPAN, INDUSTR at the end of a word expand to full words
  (minister/ministry, authority, company, industry).
- `{PLURAL}` gives an irregular plural (plural column); `{}` means the noun takes no plural (`-`).
- `[~ROLE]` appends ROLE to the country code (attach=suffix); `[IGO~]` prefixes it (attach=prefix).
- commented-out entries and entries without a code are skipped; exact duplicates are dropped.
- type is derived from the head noun: ORG (institutions, forces, media), PERSON-role (people),
  NORP (religious/ethnic groups and collectives), PRODUCT (weapons, vehicles, ships).
Then the dateline additions (DATELINE_EXTRA below) are appended with src=dateline.
"""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_IN = os.path.normpath(os.path.join(HERE, "..", "..", "..", "..", "shared", "kb", "cameo", "Phoenix.agents.txt"))
DEFAULT_OUT = os.path.normpath(os.path.join(HERE, "..", "agents.tsv"))

PERSON_FORMS = [("man", "men"), ("woman", "women"), ("person", "")]
STEMS = {"minist": ["minister", "ministry"], "authorit": ["authority"], "compan": ["company"],
         "industr": ["industry"]}
PREPS = {"of", "for", "in", "to", "at", "on", "with", "along", "de"}
HEAD_FIRST = {"minister", "ministers", "ministry", "ministries"}

ORG_HEADS = set("""ministry ministries department dept office agency bureau commission committee council court
courts tribunal authority authorities administration government regime cabinet parliament assembly assemblies
senate congress house chamber legislature judiciary police force forces army armies navy military militia
guard party parties group organization organisation association union federation company companies corporation
corp firm bank industry business enterprise media press newspaper magazine station television tv radio website
site school university college hospital prison jail embassy consulate coalition alliance movement front wing
faction junta unit battalion regiment brigade squad patrol patrols corps service services system board body
bodies institution facility base barracks palace presidency chancellery chancery kingdom polity politburo
praesidium presidium secretariate sector procuratorate judicature judicatory consistory diocese archdiocese
monastery monastary church conservatory kindergarten kindergarden preschool schoolhouse infirmary sanatorium
sanatarium sanitarium clinic gazette publication tabloid blog outlet agency cartel syndicate gang mafia maffia
gangdom gangland mob band squad garrison detachment echelon command infantry artillery marines paratroops
rangers reserve gendarmerie gendarmery gendermarie nationale intelligence apparatus community leadership
insurgency insurgence rebellion uprising revolt resistance opposition governance semi-official state-owned
airline airway village neighborhood neighbourhood town settlement society organisation telecom conglomerate
exchange loan house-hold clique machine presence operations operation activity information check position
post district cities ngo ngos quality duma mukhabarat muhabarat mukabarat daily meeting branch bureaucracy
assemblage camp org news rule supreme federale especiales advisory aerospace agrobusiness automaker carmaker
steelmaker maker manafacture""".split())
PERSON_EXACT = {"coup maker", "cabinetmaker"}
PRODUCT_HEADS = set("""aircraft airliner jet jetliner jumbojet plane planes helicopter helicopters gunship
missile drone drones uav vehicle tank tanker supertanker ship vessel freighter containership carrier destroyer
frigate corvette cruiser battleship battlewagon warship warplane bomber bombers jetfighter boat craft humvee
hmmwv apache chinook dragonfly hornet raptor falcon typhoon osprey orion poseidon predator reaper kfir mig
phalanx""".split())
PRODUCT_EXACT = {"f-16", "b-52", "f-7mg", "f/a-18", "mi-24vm/hind", "mig-21pfm", "mirage-2000", "su-24",
                 "su-30mk", "rf 4c", "f 16", "sukhoi pak fa", "f-16 jet", "f 16 jet", "super hornet",
                 "fighting falcon", "cargo ship", "merchant ship", "oil tanker", "tomcat fighter",
                 "stealth fighter", "nighthawk stealth fighter", "joint strike fighter", "harrier jet",
                 "fighter jet", "fighter aircraft", "fighter plane", "fighter bomber", "fighter bombers",
                 "jet fighter", "combat aircraft", "combat jet", "combat planes", "combat trainer",
                 "combat helicopter", "attack helicopter", "attack helicopters", "attack craft",
                 "f/a-18 fighter", "f/a-18 fighter jet", "f/a-22 fighter", "eurofighter typhoon",
                 "heavy machine gun", "artillery system", "torpedo boat", "tactical vehicle",
                 "passenger jet", "commercial jet", "passenger airliner", "spy plane", "spy ship",
                 "military aircraft", "military transport plane", "pilotless plane", "submersible warship"}
NORP_HEADS = set("""christian christians buddhist hindu jew jewish hebrew hasid hasidim muslim muslims moslem
islamic islamist islamists sunni anglican maronite unitarian people population electorate community
minority races townspeople rabble poor citizens families men women children persons""".split())


def norm_words(s):
    s = s.replace("_", " ")
    return " ".join(s.split()).lower()


def expand_subst(phrase):
    """phrase in source notation -> list of (text, plural_from_subst)"""
    # !MINIST! glued inside a word on both sides is a replace accident: restore it
    phrase = re.sub(r"(?<=[A-Z])!MINIST!(?=[A-Z])", "MINIST", phrase)
    outs = [(phrase, "")]
    if "!PERSON!" in phrase:
        outs = []
        for sg, pl in PERSON_FORMS:
            outs.append((phrase.replace("!PERSON!", sg.upper()),
                         phrase.replace("!PERSON!", pl.upper()) if pl else ""))
    res = []
    for text, pl in outs:
        if "!MINIST!" in text:
            for w in ("MINISTER", "MINISTRY"):
                res.append((text.replace("!MINIST!", w), pl.replace("!MINIST!", w) if pl else ""))
        else:
            res.append((text, pl))
    return res


def expand_stems(words):
    last = words.split(" ")
    outs = [[]]
    for w in last:
        alts = STEMS.get(w, [w])
        outs = [o + [a] for o in outs for a in alts]
    return [" ".join(o) for o in outs]


def head_noun(pattern):
    ws = pattern.split(" ")
    if len(ws) > 1 and ws[0] in HEAD_FIRST and ws[1] in PREPS:
        return ws[0]
    if ws[-1] in HEAD_FIRST:
        return ws[-1]
    for i, w in enumerate(ws):
        if w in PREPS and i > 0:
            return ws[i - 1]
    return ws[-1]


def classify(pattern, code):
    if pattern in PRODUCT_EXACT:
        return "PRODUCT"
    if pattern in PERSON_EXACT:
        return "PERSON-role"
    h = head_noun(pattern)
    if h in PRODUCT_HEADS:
        return "PRODUCT"
    if h in NORP_HEADS:
        return "NORP"
    if h in ORG_HEADS or h.endswith(("ministry", "ministries", "department")):
        return "ORG"
    return "PERSON-role"


ENTRY_RE = re.compile(r"^(?P<phrase>[^\[{]*?)\s*(?:\{(?P<plural>[^}]*)\})?\s*\[(?P<code>[^\]}]*)[\]}]")


def convert(path):
    rows, skipped = [], []
    with open(path, "rb") as f:
        text = f.read().decode("utf-8", errors="replace")
    # one entry in the source carries a mis-encoded Spanish word; restore it
    text = text.replace("P\u00c3\u0160BLICAS", "P\u00daBLICAS")
    for n, raw in enumerate(text.splitlines(), 1):
        body = raw.split("#", 1)[0].strip()
        if not body:
            continue
        if body.startswith("!") and "=" in body and "[" not in body:
            continue  # substitution set definitions (handled by expand_subst)
        m = ENTRY_RE.match(body)
        if not m:
            skipped.append((n, body))
            continue
        phrase, plural, code = m.group("phrase"), m.group("plural"), m.group("code").strip()
        if code.startswith("~"):
            role, attach = code[1:], "suffix"
        elif code.endswith("~"):
            role, attach = code[:-1], "prefix"
        else:
            skipped.append((n, body))
            continue
        for text_, subst_pl in expand_subst(phrase.strip()):
            words = norm_words(text_)
            for pat in expand_stems(words):
                if plural is None:
                    pl = norm_words(subst_pl) if subst_pl else ""
                elif plural.strip() == "":
                    pl = "-"
                else:
                    pl = norm_words(plural)
                rows.append([pat, role, classify(pat, role), pl, attach, "phoenix"])
    return rows, skipped


# Modern roles and common news nouns missing from the 2014 dictionary (src=dateline).
DATELINE_EXTRA = """\
official	GOV	PERSON-role
senior official	GOV	PERSON-role
government source	GOV	PERSON-role
press secretary	GOV	PERSON-role
presidential spokesman	GOV	PERSON-role
presidential spokeswoman	GOV	PERSON-role
presidential spokesperson	GOV	PERSON-role
foreign ministry spokesman	GOV	PERSON-role
foreign ministry spokeswoman	GOV	PERSON-role
foreign ministry spokesperson	GOV	PERSON-role
defence ministry spokesman	GOVMIL	PERSON-role
defense ministry spokesman	GOVMIL	PERSON-role
army spokesman	MIL	PERSON-role
police spokesman	COP	PERSON-role
police spokeswoman	COP	PERSON-role
presidential office	GOV	ORG
presidential administration	GOV	ORG
presidency	GOV	ORG
vice president	GOV	PERSON-role
vice-president	GOV	PERSON-role
deputy foreign minister	GOV	PERSON-role
defence minister	GOVMIL	PERSON-role
defense minister	GOVMIL	PERSON-role
ministry of defence	GOVMIL	ORG
ministry of defense	GOVMIL	ORG
foreign minister	GOV	PERSON-role
foreign ministry	GOV	ORG
interior minister	GOV	PERSON-role
interior ministry	GOV	ORG
emir	GOV	PERSON-role
sultan	GOV	PERSON-role
coalition government	GOV	ORG
ex-president	ELI	PERSON-role
former minister	ELI	PERSON-role
former official	ELI	PERSON-role
commander-in-chief	MIL	PERSON-role
chief of the general staff	MIL	PERSON-role
general staff	MIL	ORG
air defence	MIL	ORG
air defense	MIL	ORG
air defences	MIL	ORG
air defenses	MIL	ORG
special operations forces	MIL	ORG
occupation forces	MIL	ORG
troops	MIL	ORG
drone	MIL	PRODUCT
ballistic missile	MIL	PRODUCT
intelligence agency	SPY	ORG
security service	SPY	ORG
border police	COP	ORG
attacker	UAF	PERSON-role
hacker	CRM	PERSON-role
people smuggler	CRM	PERSON-role
hostage	CVL	PERSON-role
aid worker	NGO	PERSON-role
humanitarian worker	NGO	PERSON-role
aid agency	NGO	ORG
humanitarian organization	NGO	ORG
humanitarian organisation	NGO	ORG
rights group	HRI	ORG
lower house	LEG	ORG
oil company	BUS	ORG
energy company	BUS	ORG
state broadcaster	GOVMED	ORG
broadcaster	MED	ORG
news agency	MED	ORG
peacekeeper	IGO	PERSON-role	prefix
peacekeeping force	IGO	ORG	prefix
counterpart	GOV	PERSON-role
opposition	OPP	ORG
opposition figure	OPP	PERSON-role
opposition politician	OPP	PERSON-role
party	PTY	ORG
"""


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_IN
    out = sys.argv[2] if len(sys.argv) > 2 else DEFAULT_OUT
    rows, skipped = convert(src)
    have = {(r[0], r[1]) for r in rows}
    for line in DATELINE_EXTRA.splitlines():
        f = line.split("\t")
        pat, code, typ = f[0], f[1], f[2]
        attach = f[3] if len(f) > 3 else "suffix"
        if (pat, code) in have:
            continue
        rows.append([pat, code, typ, "", attach, "dateline"])
        have.add((pat, code))
    seen, final = set(), []
    for r in rows:
        key = (r[0], r[1], r[4])
        if key in seen:
            continue
        seen.add(key)
        final.append(r)
    cols = ["pattern", "code", "type", "plural", "attach", "src"]
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write("# dateline-kb/1 agents\n")
        f.write("# version: 2025.1\n")
        f.write("# source: Phoenix.agents.txt (MIT, openeventdata/petrarch2)\n")
        f.write("# source: dateline maintainers, from public record (official government sites, Wikidata), checked as of 2025-06\n")
        f.write("# licence: rows with src=phoenix: MIT, Copyright (c) 2014 Open Event Data Alliance, see LICENSE.phoenix; "
                "dateline-authored rows: MIT OR Apache-2.0 (as the dateline project)\n")
        f.write("# columns: %s\n" % ", ".join(cols))
        f.write("# note: generated by tools/convert_agents.py from Phoenix.agents.txt (rows src=phoenix, in source order) "
                "plus the DATELINE_EXTRA list in that script (src=dateline); do not edit by hand, edit the script and rerun\n")
        f.write("# note: code is a role appended to the actor's country code (attach=suffix: police -> RUSCOP) "
                "or put before it (attach=prefix: peacekeepers -> IGO + country)\n")
        f.write("# note: plural: empty = regular English plural, '-' = no plural form, otherwise the irregular plural; "
                "type is derived from the head noun (ORG, PERSON-role, NORP, PRODUCT)\n")
        f.write("\t".join(cols) + "\n")
        for r in final:
            f.write("\t".join(r) + "\n")
    print("agents: %d rows (%d phoenix, %d dateline), %d source lines skipped" % (
        len(final), sum(r[5] == "phoenix" for r in final), sum(r[5] == "dateline" for r in final), len(skipped)))
    for n, body in skipped:
        print("  skipped line %d: %s" % (n, body), file=sys.stderr)


if __name__ == "__main__":
    main()
