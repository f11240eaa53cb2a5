"""Train the statistical NER of the entity pipeline with `spacy train` (CPU) and ship it in models/ner-<lang>.

    python scripts/train_ner.py zh [--max-steps N] [--policy annotations/entities/zh.jsonl] [--sources a,b]
    python scripts/train_ner.py ko --chars [...]

The commands that made the shipped models are in their cards (models/ner-*/README.md, training.json).
Training data: the corpora of data/entities/train_sources.yaml (zh: People's Daily, MSRA, CLUENER; ko: KLUE,
KMOU; research-use, CC BY-SA and non-commercial licences, see the model card), plus the policy-domain
sentences given with --policy (its train split only); development: People's Daily dev, KLUE dev.
Labels: PERSON, ORG, LOC (policytext.entities.training). The test splits are
never read here: `policytext evaluate ner` scores on them.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path
from typing import Any

from spacy.cli.init_config import init_config
from spacy.cli.train import train

import policytext.entities.spacy_lang  # noqa: F401  (registers policytext's tokenizers)
from policytext.entities.corpora import read_source, sources
from policytext.entities.training import read_jsonl, score_model, to_docbin

ROOT = Path(__file__).resolve().parents[1]
CARD = {
    "zh": """# ner-zh — statistical NER of policytext's Chinese entity pipeline

spaCy 3.8 pipeline (tok2vec CNN, width {width}, depth {depth}, + transition-based NER), CPU-trained here with
`{command}` ({minutes} min on a shared 2-core machine; {size_mb} MB on disk). Tokens are characters
(`policytext.ChineseTokenizer.v1`); each carries the jieba word around it (policytext's jieba with the
policy dictionary) as its NORM feature. Labels: PERSON, ORG, LOC. The rule layer of `policytext.nlp("zh")`
adds GPE/LOC from gazetteers, POLICY, MONEY, PERCENT, QUANTITY and DATE.

Training data ({train_sentences} sentences, {train_spans} spans; {unknown_spans} spans marked unknown), from
../shared/eval/ner and annotations/entities (sentences per source: {sources_text}):
{bullets}
Sources and label maps: src/policytext/data/entities/train_sources.yaml. Development (model choice): People's
Daily dev. Dev scores, the model alone, exact character spans: {dev}. Test scores and speed: README.

Licence: People's Daily, MSRA and CLUENER NER data (whichever are listed above) are for research use only;
this model inherits that
restriction. For a licence-clean pipeline use the rules and gazetteers alone: `policytext.nlp("zh",
model=False)` or `policytext entities --rules-only`.
""",
    "ko": """# ner-ko — statistical NER of policytext's Korean entity pipeline

spaCy pipeline (tok2vec CNN, width {width}, depth {depth}, + transition-based NER), CPU-trained here with
`{command}` ({minutes} min on a shared 2-core machine; {size_mb} MB on disk). Tokenizer: {tokenizer}
({unaligned_spans_dropped} training spans did not align with the tokens and were dropped). Labels: PERSON,
ORG, LOC; the rule layer adds GPE, POLICY, MONEY, PERCENT, QUANTITY and DATE.

Training data ({train_sentences} sentences, {train_spans} spans; {unknown_spans} spans marked unknown), from
../shared/eval/ner and annotations/entities (sentences per source: {sources_text}):
{bullets}
Sources and label maps: src/policytext/data/entities/train_sources.yaml. Development (model choice): KLUE dev.
Dev scores, the model alone, exact character spans: {dev}. Test scores and speed: README.

Licence: trained on the KMOU NER corpus, which is licensed for **non-commercial use only**: this model may not
be used commercially. KLUE is CC BY-SA 4.0 (attribution: Park et al., 2021), so the model is shared under
the same terms as well. For a licence-clean pipeline use the rules and gazetteers alone:
`policytext.nlp("ko", model=False)` or `policytext entities --rules-only`.
""",
}
BULLETS = {
    "peoples-daily": "People's Daily 1998 NER, train split (PER/ORG/LOC)",
    "msra": "MSRA NER train (SIGHAN 2006), cleaned of every People's Daily dev/test sentence (PER/ORG/LOC)",
    "cluener": "CLUENER2020 train, mapped: name → PERSON; company, government, organization → ORG; address → LOC; "
    "scene, book, game, movie spans marked unknown (neither entity nor outside); position left outside",
    "klue": "KLUE-NER v1.1 train split (PS/OG/LC; DT/TI/QT left to the rules)",
    "kmou": "KMOU NER corpus (kmounlp/NER): PER → PERSON, ORG → ORG, LOC → LOC; POH (other proper nouns) marked "
    "unknown; dates, times, durations and numbers left outside",
    "policy": "the train split of the policy-domain set (annotations/entities/<lang>.jsonl; GPE → LOC)",
}
GOLD = ROOT.parent / "shared/eval/ner"
DEV = {"zh": "zh-peoples-daily/dev.jsonl", "ko": "ko-klue/dev.jsonl"}


def build_data(
    args: argparse.Namespace, names: list[str], dev_records: list[dict[str, Any]], work: Path
) -> tuple[dict[str, int], dict[str, int]]:
    """Write train.spacy and dev.spacy in ``work``; the sentences per source and the span statistics."""
    records: list[dict[str, Any]] = []
    per_source: dict[str, int] = {}
    for name in names:
        got = list(read_source(GOLD, args.lang, name))
        per_source[name] = len(got)
        records += got
    for p in args.policy:  # policy-domain sentences: the train documents only (split is set by document)
        got = [r for r in read_jsonl(p) if r.get("split") == "train"]
        per_source[str(p)] = len(got)
        records += got
    t0 = time.time()
    train_db, train_stats = to_docbin(records, args.lang, args.tag_norm, args.chars)
    dev_db, dev_stats = to_docbin(dev_records, args.lang, args.tag_norm, args.chars)
    train_db.to_disk(work / "train.spacy")
    dev_db.to_disk(work / "dev.spacy")
    print("sources", per_source, "train", train_stats, "dev", dev_stats, f"{time.time() - t0:.0f}s", flush=True)
    return per_source, train_stats


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("lang", choices=["zh", "ko"])
    ap.add_argument("--sources", default="", help="comma-separated corpora of train_sources.yaml (default: all)")
    ap.add_argument("--max-steps", type=int, default=6000)
    ap.add_argument("--width", type=int, default=96, help="tok2vec width")
    ap.add_argument("--depth", type=int, default=4, help="tok2vec CNN depth")
    ap.add_argument("--eval-frequency", type=int, default=1000)
    ap.add_argument("--tag-norm", action="store_true", help="ko morpheme tokens: morpheme tag in each token's NORM")
    ap.add_argument("--chars", action="store_true", help="ko: character tokens, Kiwi morpheme/tag as NORM")
    ap.add_argument("--policy", type=Path, action="append", default=[],
                    help="policy-domain JSONL (annotations/entities/<lang>.jsonl); its train split is used")
    ap.add_argument("--work", type=Path, default=Path("/tmp/policytext-ner"))
    ap.add_argument("--reuse", action="store_true", help="reuse the DocBins already in --work (same data options)")
    ap.add_argument("--no-ship", action="store_true", help="train and score on dev, leave models/ alone")
    ap.add_argument("--ship-only", action="store_true",
                    help="no training: score and ship the model-best of an earlier --no-ship run in --work")
    args = ap.parse_args()
    work = args.work / args.lang
    work.mkdir(parents=True, exist_ok=True)
    names = [n for n in args.sources.split(",") if n] or list(sources(args.lang))
    dev_records = list(read_jsonl(GOLD / DEV[args.lang]))
    stats_path = work / "data.json"
    if args.reuse and stats_path.is_file():  # the DocBins of an earlier run with the same data options
        per_source, train_stats = json.loads(stats_path.read_text(encoding="utf-8"))
    else:
        per_source, train_stats = build_data(args, names, dev_records, work)
        stats_path.write_text(json.dumps([per_source, train_stats]), encoding="utf-8")

    # spaCy's own Korean tokenizer needs mecab-ko (not installable here), so the config is made for a
    # language without one and then given Korean and policytext's Kiwi-backed tokenizer
    config = init_config(lang="zh" if args.lang == "zh" else "xx", pipeline=["ner"], optimize="efficiency")
    config["components"]["tok2vec"]["model"]["encode"]["width"] = args.width
    config["components"]["tok2vec"]["model"]["encode"]["depth"] = args.depth
    if args.lang == "zh":
        config["nlp"]["tokenizer"] = {"@tokenizers": "policytext.ChineseTokenizer.v1"}
        config["initialize"]["tokenizer"] = {}
    if args.lang == "ko":
        config["nlp"]["lang"] = "ko"
        if args.chars:
            config["nlp"]["tokenizer"] = {"@tokenizers": "policytext.KoreanCharTokenizer.v1", "backend": None}
        else:
            config["nlp"]["tokenizer"] = {"@tokenizers": "policytext.KoreanTokenizer.v1", "backend": None,
                                          "tag_norm": args.tag_norm}  # fmt: skip
        config["initialize"]["tokenizer"] = {}
    config["paths"]["train"] = str(work / "train.spacy")
    config["paths"]["dev"] = str(work / "dev.spacy")
    config["training"]["max_steps"] = args.max_steps
    config["training"]["eval_frequency"] = args.eval_frequency
    config["training"]["patience"] = 0  # run the whole step budget; model-best keeps the best dev score
    config["system"]["seed"] = 0
    cfg_path = work / "config.cfg"
    if not args.ship_only:
        config.to_disk(cfg_path)
    out = work / "output"
    t0 = time.time()
    if not args.ship_only:
        train(cfg_path, out, use_gpu=-1)
    if args.ship_only:  # the training time of that run: its config written → its best model saved
        minutes = ((out / "model-best").stat().st_mtime - cfg_path.stat().st_mtime) / 60
    else:
        minutes = (time.time() - t0) / 60
    dev = score_model(out / "model-best", dev_records, args.lang)
    print("dev (raw spans, model alone)", json.dumps(dev), flush=True)
    if args.no_ship:
        return
    target = ROOT / "models" / f"ner-{args.lang}"
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(out / "model-best", target)
    size_mb = sum(f.stat().st_size for f in target.rglob("*") if f.is_file()) / 1e6
    card = {
        "command": "python " + " ".join(a for a in sys.argv if a not in ("--ship-only", "--reuse")),
        "sources": per_source,
        "licences": {n: sources(args.lang)[n]["licence"] for n in names},
        "train_sentences": train_stats["sentences"],
        "train_spans": train_stats["kept"],
        "unaligned_spans_dropped": train_stats["unaligned"],
        "unknown_spans": train_stats["missing"],
        "dev_scores": dev,
        "minutes": round(minutes, 1),
        "size_mb": round(size_mb, 1),
    }
    (target / "training.json").write_text(json.dumps(card, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    text = CARD[args.lang].format(
        **card, dev=json.dumps(dev), width=args.width, depth=args.depth,
        sources_text=", ".join(f"{k} {v}" for k, v in per_source.items()),
        bullets="\n".join(f"- {BULLETS.get(k, BULLETS['policy'])};" for k in per_source),
        tokenizer="`policytext.KoreanCharTokenizer.v1`: one token per character, the Kiwi morpheme and its tag "
        "as NORM (`정부/NNG`), so spans that cross morpheme boundaries are kept" if args.chars else
        "`policytext.KoreanTokenizer.v1`: policytext's Kiwi morphemes, exact offsets",
    )  # fmt: skip
    (target / "README.md").write_text(text, "utf-8")
    print(json.dumps(card, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
