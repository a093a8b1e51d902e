//! Matches one verb of a lower-case clause against the verb dictionary and prints its blocks
//! and the match (code, pattern words, hints): a debugging aid for `data/events/verbs-extra.txt`.
//!
//! ```text
//! cargo run -q -p dateline-events --example verbq -- 2 the taliban retaliated for the attack
//! ```
//!
//! The first argument is the position of the verb among the words that follow.
use dateline_events::verbs::VerbDict;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(at), true) = (
        args.first().and_then(|a| a.parse::<usize>().ok()),
        args.len() > 1,
    ) else {
        eprintln!("usage: verbq VERB_POSITION WORD…");
        std::process::exit(2);
    };
    let words: Vec<&str> = args[1..].iter().map(String::as_str).collect();
    let dict = VerbDict::embedded();
    let Some(verb) = words.get(at).and_then(|w| dict.lookup(w)) else {
        eprintln!("no dictionary verb at position {at}");
        std::process::exit(1);
    };
    println!("blocks: {:?}", dict.blocks(verb).collect::<Vec<_>>());
    println!("{:?}", dict.match_at(verb, &words, at));
}
