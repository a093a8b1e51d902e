//! The entity lexicon (`data/lexicon/entities.txt`): person titles with role codes, organisation
//! head words, capitalised words that are never names by themselves, name particles, first names
//! with gender, pronouns.
use std::collections::{HashMap, HashSet};

/// Gender, where a name, title or knowledge-base row tells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    /// he/him/his.
    Male,
    /// she/her.
    Female,
}

/// A person title ("foreign minister") with its CAMEO role code and gender, if any.
#[derive(Debug, Clone)]
pub struct Title {
    /// Role code appended to a country ("GOV"), or `None`.
    pub code: Option<String>,
    /// Gender the title implies.
    pub gender: Option<Gender>,
}

/// The parsed lexicon.
#[derive(Debug, Default)]
pub struct Lexicon {
    /// Lower-case title phrases (words joined by one space).
    pub titles: HashMap<String, Title>,
    /// Longest title in words.
    pub max_title_words: usize,
    /// Lower-case organisation head words.
    pub org_heads: HashSet<String>,
    /// Lower-case heads of bodies whose full name opens with a place ("Kenya National Commission
    /// on Human Rights", "Syrian Observatory for Human Rights"): the place is part of the name.
    pub named_body_heads: HashSet<String>,
    /// Lower-case head words of natural places ("Sea", "River"): LOC.
    pub loc_heads: HashSet<String>,
    /// Lower-case head words of governed places ("Province", "Oblast"): GPE.
    pub gpe_heads: HashSet<String>,
    /// Capitalised words that are not names on their own.
    pub not_names: HashSet<String>,
    /// Lower-case particles that may sit inside a name ("of", "bin", "van").
    pub particles: HashSet<String>,
    /// First names with gender.
    pub first_names: HashMap<String, Gender>,
    /// Lower-case pronouns with gender.
    pub pronouns: HashMap<String, Gender>,
    /// Country codes whose people are written family name first in English news ("Xi
    /// Jinping" is "Xi" on second mention).
    pub family_name_first: HashSet<String>,
    /// Lower-case names of peoples, faiths and political camps ("uyghur", "sikh"): NORP.
    pub groups: HashSet<String>,
}

/// The default lexicon shipped with dateline.
pub const DEFAULT: &str = include_str!("../../../data/lexicon/entities.txt");

impl Lexicon {
    /// Parses the lexicon format: `[section]` headers, one entry a line, `#` comments.
    pub fn parse(text: &str) -> Lexicon {
        let mut lex = Lexicon::default();
        let mut section = "";
        for line in text.lines() {
            let line = line.trim_end();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if line.starts_with('[') && line.ends_with(']') {
                section = &line[1..line.len() - 1];
                continue;
            }
            let mut cols = line.split('\t');
            let first = cols.next().unwrap_or("").trim();
            match section {
                "named_body_heads" => drop(lex.named_body_heads.insert(first.to_lowercase())),
                "person_titles" => {
                    let code = cols
                        .next()
                        .map(str::trim)
                        .filter(|c| !c.is_empty() && *c != "-")
                        .map(str::to_string);
                    let gender = match cols.next().map(str::trim) {
                        Some("m") => Some(Gender::Male),
                        Some("f") => Some(Gender::Female),
                        _ => None,
                    };
                    let key = first.to_lowercase();
                    lex.max_title_words = lex.max_title_words.max(key.split(' ').count());
                    lex.titles.insert(key, Title { code, gender });
                }
                "org_heads" => {
                    lex.org_heads.insert(first.to_lowercase());
                }
                "loc_heads" => {
                    lex.loc_heads.insert(first.to_lowercase());
                }
                "gpe_heads" => {
                    lex.gpe_heads.insert(first.to_lowercase());
                }
                "not_names" => {
                    lex.not_names.insert(first.to_string());
                }
                "family_name_first" => drop(lex.family_name_first.insert(first.to_string())),
                "groups" => drop(lex.groups.insert(first.to_lowercase())),
                "name_particles" => {
                    lex.particles.insert(first.to_lowercase());
                }
                "male_names" => {
                    lex.first_names.insert(first.to_string(), Gender::Male);
                }
                "female_names" => {
                    lex.first_names.insert(first.to_string(), Gender::Female);
                }
                "pronouns_m" => {
                    lex.pronouns.insert(first.to_lowercase(), Gender::Male);
                }
                "pronouns_f" => {
                    lex.pronouns.insert(first.to_lowercase(), Gender::Female);
                }
                _ => {}
            }
        }
        lex
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_lexicon_has_every_section() {
        let lex = Lexicon::parse(DEFAULT);
        assert_eq!(lex.titles["foreign minister"].code.as_deref(), Some("GOV"));
        assert_eq!(lex.titles["spokeswoman"].gender, Some(Gender::Female));
        assert!(lex.max_title_words >= 3);
        assert!(lex.org_heads.contains("ministry"));
        assert!(lex.loc_heads.contains("sea"));
        assert!(lex.gpe_heads.contains("oblast"));
        assert!(lex.not_names.contains("Wednesday"));
        assert!(lex.particles.contains("of"));
        assert_eq!(lex.first_names.get("Olena"), Some(&Gender::Female));
        assert_eq!(lex.pronouns.get("his"), Some(&Gender::Male));
    }
}
