//! The stable diagnostic codes of the knowledge-base reader (`K…`). Tests assert these codes,
//! never the wording of messages.

/// Error: the first line is not `# dateline-kb/1 <kind>` (missing, or another format version).
pub const BAD_HEADER: &str = "K001";
/// Error: the first line names a kind that does not exist.
pub const UNKNOWN_KIND: &str = "K002";
/// Error: a required column is missing from the column row, or there is no column row.
pub const MISSING_COLUMN: &str = "K003";
/// Error: the same column name appears twice in the column row.
pub const DUPLICATE_COLUMN: &str = "K004";
/// Error: a row has a different number of cells than the column row.
pub const CELL_COUNT: &str = "K005";
/// Error: a required cell is empty.
pub const EMPTY_CELL: &str = "K006";
/// Error: a code is not CAMEO-shaped (3–15 uppercase letters or digits, a multiple of 3), or a
/// country / region code is not 3 uppercase letters.
pub const BAD_CODE: &str = "K007";
/// Error: a date is not a valid `YYYY-MM-DD` date.
pub const BAD_DATE: &str = "K008";
/// Error: a start date lies after the end date.
pub const DATE_ORDER: &str = "K009";
/// Error: a `type` cell is not one of the entity types allowed for the kind.
pub const BAD_TYPE: &str = "K010";
/// Error: a Wikidata id is not `Q` followed by digits.
pub const BAD_WIKIDATA: &str = "K011";
/// Error: a gender cell is neither `m` nor `f`.
pub const BAD_GENDER: &str = "K012";
/// Error: an `attach` cell is neither `suffix` nor `prefix`.
pub const BAD_ATTACH: &str = "K013";
/// Error: a seat is not `name=CODE`.
pub const BAD_SEAT: &str = "K014";
/// Error: a `country` cell names no known country.
pub const UNKNOWN_COUNTRY: &str = "K015";
/// Error: a code does not start with a known country, region or actor-type code.
pub const UNKNOWN_PREFIX: &str = "K016";
/// Error: a row repeats an earlier one (same key: country or region code, place name and
/// country; or an identical row).
pub const DUPLICATE_ROW: &str = "K017";
/// Error: a `|`-separated cell has an empty element.
pub const EMPTY_ELEMENT: &str = "K018";
/// Error: an ISO 3166-1 alpha-2 code is not 2 uppercase letters.
pub const BAD_ISO2: &str = "K019";
/// Warning: a column is not used by the reader and is ignored.
pub const UNKNOWN_COLUMN: &str = "K020";
/// Warning: the file has no `# source:` line (provenance).
pub const NO_SOURCE: &str = "K021";
/// Warning: the file name does not start with a name of its kind (`people…tsv`).
pub const FILE_NAME: &str = "K022";
/// Warning: one name carries different Wikidata ids in one file.
pub const NAME_WIKIDATA: &str = "K023";
/// Error: a file could not be read, or is not UTF-8.
pub const IO: &str = "K024";
/// Warning: a folder holds no `.tsv` files.
pub const NO_FILES: &str = "K025";
/// Warning: an agent pattern is not lower case (patterns are matched lower-cased).
pub const PATTERN_CASE: &str = "K026";
