//! Free-text search over every name and alias of the knowledge base.
use crate::{Hit, Kb};

/// Folds text for matching: lower case, Latin diacritics removed (`Élysée` → `elysee`,
/// `Łódź` → `lodz`, `ß` → `ss`), curly apostrophes made straight, runs of white space made one
/// space.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.trim().chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        for l in c.to_lowercase() {
            match fold_char(l) {
                Fold::Keep => out.push(l),
                Fold::Drop => {}
                Fold::One(x) => out.push(x),
                Fold::Two(x, y) => {
                    out.push(x);
                    out.push(y);
                }
            }
        }
    }
    out
}

enum Fold {
    Keep,
    Drop,
    One(char),
    Two(char, char),
}

fn fold_char(c: char) -> Fold {
    use Fold::*;
    let u = c as u32;
    // combining diacritical marks
    if (0x300..=0x36f).contains(&u) {
        return Drop;
    }
    // Vietnamese letters with two marks (Latin Extended Additional, lower case)
    if (0x1ea0..=0x1ef9).contains(&u) {
        return One(match u {
            0x1ea0..=0x1eb7 => 'a',
            0x1eb8..=0x1ec7 => 'e',
            0x1ec8..=0x1ecb => 'i',
            0x1ecc..=0x1ee3 => 'o',
            0x1ee4..=0x1ef1 => 'u',
            _ => 'y',
        });
    }
    One(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'ǎ' | 'ạ' => 'a',
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => 'c',
        'ď' | 'đ' | 'ð' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => 'e',
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => 'g',
        'ĥ' | 'ħ' => 'h',
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' | 'ǐ' => 'i',
        'ĵ' => 'j',
        'ķ' => 'k',
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => 'l',
        'ñ' | 'ń' | 'ņ' | 'ň' | 'ŉ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' | 'ơ' | 'ǒ' => 'o',
        'ŕ' | 'ŗ' | 'ř' => 'r',
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => 's',
        'ţ' | 'ť' | 'ŧ' | 'ț' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' | 'ư' | 'ǔ' => 'u',
        'ŵ' => 'w',
        'ý' | 'ÿ' | 'ŷ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        '\u{2018}' | '\u{2019}' | '\u{02bc}' | '\u{02bb}' => '\'',
        '\u{2010}' | '\u{2011}' | '\u{2013}' => '-',
        'ß' => return Two('s', 's'),
        'æ' => return Two('a', 'e'),
        'œ' => return Two('o', 'e'),
        'þ' => return Two('t', 'h'),
        _ => return Keep,
    })
}

/// How well `hay` (folded) matches `q` (folded): 0 exact, 1 prefix, 2 prefix of a later word,
/// 3 anywhere inside; `None` when it does not contain `q`.
fn tier(hay: &str, q: &str) -> Option<u8> {
    if hay == q {
        return Some(0);
    }
    if hay.starts_with(q) {
        return Some(1);
    }
    let mut found = false;
    for (i, _) in hay.match_indices(q) {
        found = true;
        let before = hay[..i].chars().next_back();
        if before.is_some_and(|c| !c.is_alphanumeric()) {
            return Some(2);
        }
    }
    found.then_some(3)
}

/// A hit with its sort keys; `kind` orders kinds in a tie: country, place, region, org,
/// person, agent.
struct Ranked {
    tier: u8,
    alias: bool,
    kind: usize,
    hit: Hit,
}

/// The best match of one entry among its names (`names[0]` is the canonical name) and codes
/// (matched only exactly).
fn best<'a>(
    q: &str,
    names: impl IntoIterator<Item = &'a str>,
    codes: &[&'a str],
) -> Option<(u8, bool, &'a str)> {
    let mut best: Option<(u8, bool, &'a str)> = None;
    for (i, n) in names.into_iter().enumerate() {
        if let Some(t) = tier(&fold(n), q) {
            if best.is_none_or(|(bt, ba, _)| (t, i > 0) < (bt, ba)) {
                best = Some((t, i > 0, n));
            }
            if t == 0 && i == 0 {
                break;
            }
        }
    }
    if best.is_none() {
        for c in codes {
            if c.eq_ignore_ascii_case(q) {
                return Some((0, true, c));
            }
        }
    }
    best
}

pub(crate) fn search(kb: &Kb, query: &str, limit: usize) -> Vec<Hit> {
    let q = fold(query);
    if q.is_empty() || limit == 0 {
        return Vec::new();
    }
    let country_name = |code: &Option<String>| -> Option<String> {
        code.as_deref()
            .map(|c| kb.country(c).map_or(c.to_string(), |x| x.name.clone()))
    };
    let mut out: Vec<Ranked> = Vec::new();
    let mut push = |tier: u8, alias: bool, kind: usize, matched: &str, hit: Hit| {
        out.push(Ranked {
            tier,
            alias,
            kind,
            hit: Hit {
                matched: matched.to_string(),
                ..hit
            },
        })
    };

    for c in &kb.countries {
        let names = std::iter::once(c.name.as_str())
            .chain(c.aliases.iter().map(String::as_str))
            .chain(c.demonyms.iter().map(String::as_str));
        if let Some((t, a, m)) = best(&q, names, &[&c.code, &c.iso2]) {
            let detail = match &c.capital {
                Some(cap) => format!("country, capital {cap}"),
                None => "country".to_string(),
            };
            push(
                t,
                a,
                0,
                m,
                Hit {
                    kind: "country",
                    name: c.name.clone(),
                    code: Some(c.code.clone()),
                    wikidata: c.wikidata.clone(),
                    detail,
                    matched: String::new(),
                },
            );
        }
        for (seat, code) in &c.seats {
            if let Some(t) = tier(&fold(seat), &q) {
                push(
                    t,
                    false,
                    0,
                    seat,
                    Hit {
                        kind: "country",
                        name: seat.clone(),
                        code: Some(code.clone()),
                        wikidata: None,
                        detail: format!("seat of power, {}", c.name),
                        matched: String::new(),
                    },
                );
            }
        }
    }
    for p in &kb.places {
        let names = std::iter::once(p.name.as_str()).chain(p.aliases.iter().map(String::as_str));
        if let Some((t, a, m)) = best(&q, names, &[]) {
            let detail = match country_name(&p.country) {
                Some(c) => format!("{}, {c}", p.kind.label()),
                None => p.kind.label().to_string(),
            };
            push(
                t,
                a,
                1,
                m,
                Hit {
                    kind: "place",
                    name: p.name.clone(),
                    code: p.country.clone(),
                    wikidata: p.wikidata.clone(),
                    detail,
                    matched: String::new(),
                },
            );
        }
    }
    for r in &kb.regions {
        let names = std::iter::once(r.name.as_str())
            .chain(r.aliases.iter().map(String::as_str))
            .chain(r.demonyms.iter().map(String::as_str));
        if let Some((t, a, m)) = best(&q, names, &[&r.code]) {
            push(
                t,
                a,
                2,
                m,
                Hit {
                    kind: "region",
                    name: r.name.clone(),
                    code: Some(r.code.clone()),
                    wikidata: None,
                    detail: format!("region, {}", r.kind.label()),
                    matched: String::new(),
                },
            );
        }
    }
    for o in &kb.orgs {
        let names = std::iter::once(o.name.as_str()).chain(o.aliases.iter().map(String::as_str));
        let now = Kb::code_on(&o.codes, None);
        let codes: Vec<&str> = now.map(|c| c.code.as_str()).into_iter().collect();
        if let Some((t, a, m)) = best(&q, names, &codes) {
            let detail = match country_name(&o.country) {
                Some(c) => format!("{}, {c}", o.kind.label()),
                None => o.kind.label().to_string(),
            };
            push(
                t,
                a,
                3,
                m,
                Hit {
                    kind: "org",
                    name: o.name.clone(),
                    code: now.map(|c| c.code.clone()),
                    wikidata: o.wikidata.clone(),
                    detail,
                    matched: String::new(),
                },
            );
        }
    }
    for p in &kb.people {
        let names = std::iter::once(p.name.as_str()).chain(p.aliases.iter().map(String::as_str));
        let now = Kb::code_on(&p.roles, None);
        let codes: Vec<&str> = now.map(|c| c.code.as_str()).into_iter().collect();
        if let Some((t, a, m)) = best(&q, names, &codes) {
            push(
                t,
                a,
                4,
                m,
                Hit {
                    kind: "person",
                    name: p.name.clone(),
                    code: now.map(|c| c.code.clone()),
                    wikidata: p.wikidata.clone(),
                    detail: now.and_then(|c| c.role.clone()).unwrap_or_default(),
                    matched: String::new(),
                },
            );
        }
    }
    for a in &kb.agents {
        let names = std::iter::once(a.pattern.as_str()).chain(a.plural.as_deref());
        if let Some((t, al, m)) = best(&q, names, &[]) {
            let attach = if a.prefix { "prefix" } else { "suffix" };
            let detail = if a.kind.is_empty() {
                format!("agent, {attach}")
            } else {
                format!("{}, {attach}", a.kind)
            };
            push(
                t,
                al,
                5,
                m,
                Hit {
                    kind: "agent",
                    name: a.pattern.clone(),
                    code: Some(a.code.clone()),
                    wikidata: None,
                    detail,
                    matched: String::new(),
                },
            );
        }
    }
    out.sort_by(|x, y| {
        (x.tier, x.alias, x.kind, x.hit.name.chars().count())
            .cmp(&(y.tier, y.alias, y.kind, y.hit.name.chars().count()))
            .then_with(|| x.hit.name.cmp(&y.hit.name))
    });
    out.truncate(limit);
    out.into_iter().map(|r| r.hit).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding() {
        assert_eq!(fold("  Élysée  Palace "), "elysee palace");
        assert_eq!(fold("Łódź"), "lodz");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("Nguyễn Phú Trọng"), "nguyen phu trong");
        assert_eq!(fold("O\u{2019}Brien"), "o'brien");
        assert_eq!(fold("Cafe\u{301}"), "cafe");
        assert_eq!(fold("Zelenskyy"), "zelenskyy");
    }

    #[test]
    fn tiers() {
        assert_eq!(tier("kyiv", "kyiv"), Some(0));
        assert_eq!(tier("vladimir putin", "vlad"), Some(1));
        assert_eq!(tier("vladimir putin", "putin"), Some(2));
        assert_eq!(tier("rasputin", "putin"), Some(3));
        assert_eq!(tier("rasputin", "lenin"), None);
    }
}
