"""Train the statistical NER of the entity pipeline with `spacy train` (CPU) and ship it in models/ner-<lang>.

    python scripts/train_ner.py zh [--max-steps 6000] [--policy annotations/entities/zh-train.jsonl]
    python scripts/train_ner.py ko

Training data: the train split of ../shared/eval/ner (People's Daily for zh, KLUE for ko; research-use /
CC BY-SA, see the model card), plus the policy-domain sentences given with --policy (train documents only);
development: the dev split. Labels: PERSON, ORG, LOC (policytext.entities.training). The test splits are
never read here: `policytext evaluate ner` scores on them.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

from spacy.cli.init_config import init_config
from spacy.cli.train import train

import policytext.entities.spacy_lang  # noqa: F401  (registers policytext.KoreanTokenizer.v1)
from policytext.entities.training import read_jsonl, to_docbin

ROOT = Path(__file__).resolve().parents[1]
CARD = {
    "zh": """# ner-zh — statistical NER of policytext's Chinese entity pipeline

spaCy 3.8 pipeline (tok2vec CNN + transition-based NER), CPU-trained here with `{command}`
({minutes} min). Tokens are characters; each carries the jieba word around it (policytext's jieba with the
policy dictionary) as its NORM feature. Labels: PERSON, ORG, LOC. The rule layer of `policytext.nlp("zh")`
adds GPE/LOC from gazetteers, POLICY, MONEY, PERCENT, QUANTITY and DATE.

Training data: People's Daily 1998 NER, train split of ../shared/eval/ner/zh-peoples-daily
({train_sentences} sentences with the policy-domain set, {train_spans} spans), plus the train documents of
annotations/entities/zh.jsonl; development: its dev split. Dev scores: {dev}. Test scores: README.

Licence: People's Daily and MSRA NER data are for research use only; this model inherits that
restriction. For a licence-clean pipeline use the rules and gazetteers alone: `policytext.nlp("zh",
model=False)` or `policytext entities --rules-only`.
""",
    "ko": """# ner-ko — statistical NER of policytext's Korean entity pipeline

spaCy pipeline (tok2vec CNN + transition-based NER), CPU-trained here with `{command}` ({minutes} min).
Tokenizer: `policytext.KoreanTokenizer.v1` (policytext's Kiwi morphemes, exact offsets; {unaligned_spans_dropped}
training spans that did not align with morpheme boundaries were dropped). Labels: PERSON, ORG, LOC; the rule
layer adds GPE, POLICY, MONEY, PERCENT, QUANTITY and DATE.

Training data: KLUE-NER v1.1 train split ({train_sentences} sentences with the policy-domain set,
{train_spans} spans; PS/OG/LC; DT/TI/QT left to the rules), plus the train documents of
annotations/entities/ko.jsonl; development: KLUE dev. Dev scores: {dev}. Test scores: README.

Licence: KLUE is CC BY-SA 4.0: this model is shared under the same licence, with attribution to KLUE
(Park et al., 2021).
""",
}
GOLD = {"zh": ROOT.parent / "shared/eval/ner/zh-peoples-daily", "ko": ROOT.parent / "shared/eval/ner/ko-klue"}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("lang", choices=["zh", "ko"])
    ap.add_argument("--max-steps", type=int, default=6000)
    ap.add_argument("--width", type=int, default=96, help="tok2vec width")
    ap.add_argument("--tag-norm", action="store_true", help="ko: morpheme tag in each token's NORM feature")
    ap.add_argument("--policy", type=Path, action="append", default=[],
                    help="policy-domain JSONL (annotations/entities/<lang>.jsonl); its train split is used")
    ap.add_argument("--work", type=Path, default=Path("/tmp/policytext-ner"))
    args = ap.parse_args()
    work = args.work / args.lang
    work.mkdir(parents=True, exist_ok=True)
    records = list(read_jsonl(GOLD[args.lang] / "train.jsonl"))
    for p in args.policy:  # policy-domain sentences: the train documents only (split is set by document)
        records += [r for r in read_jsonl(p) if r.get("split", "train") == "train"]
    train_db, train_stats = to_docbin(records, args.lang, args.tag_norm)
    dev_db, dev_stats = to_docbin(read_jsonl(GOLD[args.lang] / "dev.jsonl"), args.lang, args.tag_norm)
    train_db.to_disk(work / "train.spacy")
    dev_db.to_disk(work / "dev.spacy")
    print("train", train_stats, "dev", dev_stats, flush=True)

    # spaCy's own Korean tokenizer needs mecab-ko (not installable here), so the config is made for a
    # language without one and then given Korean and policytext's Kiwi-backed tokenizer
    config = init_config(lang="zh" if args.lang == "zh" else "xx", pipeline=["ner"], optimize="efficiency")
    config["components"]["tok2vec"]["model"]["encode"]["width"] = args.width
    if args.lang == "zh":
        config["nlp"]["tokenizer"] = {"@tokenizers": "policytext.ChineseTokenizer.v1"}
        config["initialize"]["tokenizer"] = {}
    if args.lang == "ko":
        config["nlp"]["lang"] = "ko"
        config["nlp"]["tokenizer"] = {"@tokenizers": "policytext.KoreanTokenizer.v1", "backend": None,
                                      "tag_norm": args.tag_norm}  # fmt: skip
        config["initialize"]["tokenizer"] = {}
    config["paths"]["train"] = str(work / "train.spacy")
    config["paths"]["dev"] = str(work / "dev.spacy")
    config["training"]["max_steps"] = args.max_steps
    config["training"]["eval_frequency"] = 500
    config["training"]["patience"] = 2500
    config["system"]["seed"] = 0
    cfg_path = work / "config.cfg"
    config.to_disk(cfg_path)
    out = work / "output"
    t0 = time.time()
    train(cfg_path, out, use_gpu=-1)
    minutes = (time.time() - t0) / 60
    target = ROOT / "models" / f"ner-{args.lang}"
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(out / "model-best", target)
    meta = json.loads((target / "meta.json").read_text(encoding="utf-8"))
    card = {
        "command": "python " + " ".join(sys.argv),
        "train_sentences": train_stats["sentences"],
        "train_spans": train_stats["kept"],
        "unaligned_spans_dropped": train_stats["unaligned"],
        "dev_scores": {k: v for k, v in (meta.get("performance") or {}).items() if k.startswith("ents")},
        "minutes": round(minutes, 1),
        "policy_data": [str(p) for p in args.policy],
    }
    (target / "training.json").write_text(json.dumps(card, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    (target / "README.md").write_text(CARD[args.lang].format(**card, dev=json.dumps(card["dev_scores"])), "utf-8")
    print(json.dumps(card, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
