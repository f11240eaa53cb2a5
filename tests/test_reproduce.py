"""Claims checked against the real reports: every verdict is compared with counts the test makes itself
(``str.count`` / regular expressions on the raw report files), never with constants copied from the engine."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from policytext.claims.engine import Report, reproduce
from policytext.corpus import Document, load_corpus
from policytext.errors import PolicytextError
from policytext.resources import bundled_corpora

_GLUE = re.compile(r"(?<=[\u4e00-\u9fff])\n(?=[\u4e00-\u9fff])")


@pytest.fixture(scope="module")
def gwr() -> list[Document]:
    return list(load_corpus(bundled_corpora("gwr")))


def raw(year: int) -> str:
    """A report as the file holds it (BOM dropped)."""
    text: str = (bundled_corpora("gwr") / f"{year}.txt").read_text(encoding="utf-8-sig")
    return text


def joined(year: int) -> str:
    """The report with zero-width spaces removed, words broken across lines joined, full-width + folded."""
    return _GLUE.sub("", raw(year).replace("\u200b", "")).replace("＋", "+")


def report_years() -> list[int]:
    return sorted(int(p.stem) for p in bundled_corpora("gwr").glob("*.txt") if p.stem.isdigit())


def run(tmp_path: Path, gwr: list[Document], *claims: dict[str, Any]) -> Report:
    """Write the claims to a claim file and check them against the bundled reports."""
    base = {"lang": "zh", "corpus": "gwr", "quote": "test claim"}
    path = tmp_path / "claims.yaml"
    path.write_text(yaml.safe_dump({"id": "t", "claims": [{**base, **c} for c in claims]}, allow_unicode=True),
                    encoding="utf-8")  # fmt: skip
    return reproduce(str(path), corpora={"gwr": gwr})


def verdicts(rep: Report) -> dict[str, str]:
    return dict(zip(rep.table["id"], rep.table["verdict"], strict=True))


def own(rep: Report, cid: str) -> str:
    """The value under the claim's own terms (the first reading)."""
    r = rep.readings[rep.readings["id"] == cid]
    return str(r["value"].iloc[0])


def test_count_verdicts_follow_raw_counts(tmp_path: Path, gwr: list[Document]) -> None:
    n19, n14 = raw(2019).count("发展"), raw(2014).count("改革")
    rep = run(tmp_path, gwr,
              {"id": "fazhan", "kind": "count", "terms": ["发展"], "year": 2019, "published_value": 132},
              {"id": "gaige", "kind": "count", "terms": ["改革"], "year": 2014, "published_value": 77},
              {"id": "gaige-off", "kind": "count", "terms": ["改革"], "year": 2014,
               "published_value": n14 + 1})  # fmt: skip
    v = verdicts(rep)
    assert own(rep, "fazhan") == str(n19) and own(rep, "gaige") == str(n14)
    assert v["fazhan"] == ("reproduced" if n19 == 132 else "refuted")
    assert v["gaige"] == ("reproduced" if n14 == 77 else "refuted")
    assert v["gaige-off"] == "refuted"
    hits = rep.hits[rep.hits["claim_id"] == "gaige"]
    first = hits[(hits["reading"] == hits["reading"].iloc[0]) & (hits["year"] == 2014)]
    assert len(first) == n14 and all("改革" in s for s in first["sentence"])


def test_rate_and_missing_year(tmp_path: Path, gwr: list[Document]) -> None:
    text = raw(2014)
    rate = round(text.count("改革") / len(text) * 10000, 2)
    rep = run(tmp_path, gwr,
              {"id": "rate", "kind": "rate", "terms": ["改革"], "year": 2014, "published_value": rate},
              {"id": "rate-off", "kind": "rate", "terms": ["改革"], "year": 2014, "published_value": rate + 1},
              {"id": "gone", "kind": "count", "terms": ["改革"], "year": 2020, "published_value": 10})  # fmt: skip
    v = verdicts(rep)
    assert v["rate"] == "reproduced" and v["rate-off"] == "refuted"
    assert 2020 not in report_years()
    assert v["gone"].startswith("not checkable here") and "2020" in v["gone"]


def test_change_over_years(tmp_path: Path, gwr: list[Document]) -> None:
    n = {y: raw(y).count("改革") for y in (2013, 2014, 2015)}
    rising = n[2013] < n[2014] < n[2015]
    rep = run(tmp_path, gwr,
              {"id": "rise", "kind": "change", "terms": ["改革"], "years": [2013, 2014, 2015], "year": 2015,
               "direction": "up"},
              {"id": "fall", "kind": "change", "terms": ["改革"], "year": 2015, "compared_to": 2014,
               "direction": "down"},
              {"id": "diff", "kind": "change", "terms": ["改革"], "year": 2015, "compared_to": 2014,
               "direction": "up" if n[2015] > n[2014] else "down", "published_value": n[2015] - n[2014]})  # fmt: skip
    v = verdicts(rep)
    assert v["rise"] == ("reproduced" if rising else "refuted")
    assert v["fall"] == ("reproduced" if n[2015] < n[2014] else "refuted")
    assert v["diff"] == "reproduced"


def test_first_and_last_appearance(tmp_path: Path, gwr: list[Document]) -> None:
    years = [y for y in report_years() if y >= 1955]  # 1954 is in Traditional characters
    first = min(y for y in years if "具身智能" in joined(y))
    last = max(y for y in years if "计划经济" in joined(y))
    rep = run(tmp_path, gwr,
              {"id": "first", "kind": "first_appearance", "terms": ["具身智能"], "published_value": 2025},
              {"id": "last", "kind": "last_appearance", "terms": ["计划经济"], "published_value": 1993})  # fmt: skip
    v = verdicts(rep)
    assert own(rep, "first") == str(first) and own(rep, "last") == str(last)
    assert v["first"] == ("reproduced" if first == 2025 else "refuted")
    assert v["last"] == ("reproduced" if last == 1993 else "refuted")


def test_cooccurrence_counts_sentences(tmp_path: Path, gwr: list[Document]) -> None:
    sentences = re.split(r"[。！？；!?;\n]", joined(2014))
    both = sum(1 for s in sentences if "改革" in s and "开放" in s)
    rep = run(tmp_path, gwr, {"id": "co", "kind": "cooccurrence", "terms": ["改革", "开放"], "year": 2014,
                              "published_value": both})  # fmt: skip
    assert own(rep, "co") == str(both) and verdicts(rep)["co"] == "reproduced"


def test_ranking_by_words_and_by_length(tmp_path: Path, gwr: list[Document]) -> None:
    span = [y for y in report_years() if 1954 <= y <= 2019]
    longest = max(span, key=lambda y: len(raw(y)))
    rep = run(tmp_path, gwr,
              {"id": "top", "kind": "ranking", "terms": ["发展"], "year": 2019, "published_value": "发展"},
              {"id": "long", "kind": "ranking", "ranked_by": "document length (characters)", "rank": 1,
               "since": 1954, "until": 2019, "year": longest, "published_value": longest})  # fmt: skip
    v = verdicts(rep)
    assert v["long"] == "reproduced"
    top = rep.readings[rep.readings["id"] == "top"]
    text = raw(2019)
    for word, ok in zip(top["value"], top["matches"], strict=True):
        assert len(word) >= 1 and text.count(word) > 0 and ok == (word == "发展")
    expected = ("reproduced" if top["matches"].iloc[0] else
                "refuted" if not top["matches"].any() else "reproduced under reading")  # fmt: skip
    assert v["top"].startswith(expected)


def test_total_length_and_documents(tmp_path: Path, gwr: list[Document]) -> None:
    n = len(raw(2014))
    files = [p for p in bundled_corpora("gwr").glob("*.txt") if 1954 <= int(p.stem[:4]) <= 2019]
    docs = len(files)  # 1964-summary.txt is a second document of 1964
    rep = run(tmp_path, gwr,
              {"id": "len", "kind": "total", "year": 2014, "unit": "characters", "published_value": n},
              {"id": "len-off", "kind": "total", "year": 2014, "unit": "characters", "published_value": n * 1.05},
              {"id": "docs", "kind": "total", "since": 1954, "until": 2019, "unit": "reports",
               "published_value": docs})  # fmt: skip
    v = verdicts(rep)
    assert v["len"] == "reproduced" and v["len-off"] == "refuted" and v["docs"] == "reproduced"


def test_target_reuses_targets_verify(tmp_path: Path, gwr: list[Document]) -> None:
    assert "国内生产总值增长5%左右" in raw(2024)
    rep = run(tmp_path, gwr,
              {"id": "gdp", "kind": "target", "indicator": "gdp_growth", "year": 2024, "published_value": 5,
               "modifier": "around"},
              {"id": "gdp-off", "kind": "target", "indicator": "gdp_growth", "year": 2024, "published_value": 6}
              )  # fmt: skip
    v = verdicts(rep)
    assert v["gdp"] == "reproduced" and v["gdp-off"] == "refuted"


def test_kiet_context_reading_beside_the_six(gwr: list[Document]) -> None:
    rep = reproduce("kiet-2025", corpora={"gwr": gwr})
    ai = rep.readings[rep.readings["id"] == "ai-mentions-2025"]
    assert (ai["origin"] == "file").sum() == 6
    passage = ai[ai["origin"] == "passage"]
    assert len(passage) == 1
    aliases = passage["terms"].iloc[0].split("|")
    assert {"人工智能", "智能机器人"} <= set(aliases)
    pattern = re.compile("|".join(re.escape(a) for a in sorted(aliases, key=len, reverse=True)))
    expected = ", ".join(f"{y}: {len(pattern.findall(joined(y)))}" for y in (2023, 2024, 2025))
    assert passage["evidence"].iloc[0] == expected
    assert passage["value"].iloc[0] == str(len(pattern.findall(joined(2025))))
    surface = ai[ai["reading"] == "人工智能 (surface)"]
    assert surface["value"].iloc[0] == str(joined(2025).count("人工智能"))
    v = verdicts(rep)
    assert v["ai-mentions-2025"] == "refuted" if "9" not in set(ai["value"]) else "reproduced" in v["ai-mentions-2025"]


def test_malformed_claim_file_names_file_claim_and_field(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("claims:\n  - id: no-quote\n    corpus: gwr\n    kind: count\n    terms: [发展]\n    year: 2019\n"
                    "    published_value: 3\n", encoding="utf-8")  # fmt: skip
    with pytest.raises(PolicytextError, match=r"bad\.yaml: claim 'no-quote', field 'quote'"):
        reproduce(str(path), corpora={"gwr": []})
    path.write_text("claims:\n  - {id: odd, corpus: gwr, kind: guess, quote: x}\n", encoding="utf-8")
    with pytest.raises(PolicytextError, match=r"claim 'odd', field 'kind'"):
        reproduce(str(path), corpora={"gwr": []})
    path.write_text("claims:\n  - {id: y, corpus: gwr, kind: count, quote: x, terms: [a], year: 20xx, "
                    "published_value: 1}\n", encoding="utf-8")  # fmt: skip
    with pytest.raises(PolicytextError, match=r"claim 'y', field 'year'"):
        reproduce(str(path), corpora={"gwr": []})
    path.write_text("claims:\n  - {id: z, corpus: gwrr, kind: count, quote: x, terms: [a], year: 2020, "
                    "published_value: 1}\n", encoding="utf-8")  # fmt: skip
    with pytest.raises(PolicytextError, match=r"claim 'z', field 'corpus': 'gwrr' is not one of gwr"):
        reproduce(str(path), corpora={"gwr": []})
    path.write_text("claims:\n  - id: w\n    corpus: gwr\n    kind: count\n    quote: x\n    year: 2019\n"
                    "    published_value: 1\n    readings: [{label: c, rule: concept, terms: [no_such_concept]}]\n",
                    encoding="utf-8")  # fmt: skip
    with pytest.raises(PolicytextError, match=r"bad\.yaml: claim 'w': .*no_such_concept"):
        reproduce(str(path), corpora={"gwr": []})


def test_every_bundled_claim_file_validates() -> None:
    from policytext.claims.schema import bundled_claim_files, load_claim_file

    files = bundled_claim_files()
    assert {"kiet-2025", "published"} <= {f.stem for f in files}
    ids = [c.id for f in files for c in load_claim_file(f).claims]
    assert len(ids) == len(set(ids)) and len(ids) >= 20


SPEECHES = Path("../shared/corpora/ko/presidential/speeches.parquet")


@pytest.mark.skipif(not SPEECHES.is_file(), reason="needs ../shared")
def test_korean_speeches_by_president(tmp_path: Path) -> None:
    import pandas as pd

    table = pd.read_parquet(SPEECHES)
    park = table[(table["president"] == "박근혜") & table["year"].between(2013, 2017)]
    n = int(park["text"].str.count("인공지능").sum())
    first = int(table.loc[table["text"].str.contains("인공지능"), "year"].min())
    path = tmp_path / "ko.yaml"
    claims = [
        {"id": "park-ai", "lang": "ko", "corpus": "speeches", "quote": "x", "kind": "count", "terms": ["인공지능"],
         "group": {"president": "박근혜"}, "since": 2013, "until": 2017, "published_value": n},
        {"id": "ai-first", "lang": "ko", "corpus": "speeches", "quote": "x", "kind": "first_appearance",
         "terms": ["인공지능"], "published_value": first},
    ]  # fmt: skip
    path.write_text(yaml.safe_dump({"claims": claims}, allow_unicode=True), encoding="utf-8")
    rep = reproduce(str(path))
    v = verdicts(rep)
    assert own(rep, "park-ai") == str(n) and v["park-ai"] == "reproduced"
    assert own(rep, "ai-first") == str(first) and v["ai-first"] == "reproduced"


def test_cli_runs_a_claim_set_and_writes_table_readings_hits(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from policytext.cli import app

    out = tmp_path / "kiet.csv"
    res = CliRunner().invoke(app, ["reproduce", "kiet-2025", "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert "ai-mentions-2025" in res.output and "within 1%" in res.output
    import pandas as pd

    table = pd.read_csv(out)
    hits = pd.read_csv(tmp_path / "kiet-hits.csv")
    assert list(table["id"]) == ["ai-mentions-2025", "ai-rise-2025", "embodied-ai-first"]
    assert (tmp_path / "kiet-readings.csv").is_file()
    assert set(hits.loc[hits["claim_id"] == "embodied-ai-first", "surface"]) >= {"具身智能"}


def test_near_duplicates_counted_once(tmp_path: Path, gwr: list[Document]) -> None:
    from policytext.corpus import document_from_text

    copy = document_from_text(raw(2014), "gwr-2014-copy", lang="zh", meta={"year": 2014})
    rep = run(tmp_path, [*gwr, copy],
              {"id": "gaige", "kind": "count", "terms": ["改革"], "year": 2014, "published_value": 77})  # fmt: skip
    assert own(rep, "gaige") == str(raw(2014).count("改革"))
    evidence = rep.readings.loc[rep.readings["id"] == "gaige", "evidence"].iloc[0]
    assert "gwr-2014-copy" in evidence


def test_bundled_gwr_counts_match_raw_text(tmp_path: Path, gwr: list[Document]) -> None:
    """Every single-term count claim of the bundled set about one report: our count is the raw text's."""
    from policytext.claims.schema import resolve

    data = yaml.safe_load(resolve("published")[0].read_text(encoding="utf-8"))
    chosen = [c for c in data["claims"] if c["kind"] == "count" and c["corpus"] == "gwr" and len(c["terms"]) == 1
              and c.get("year") in report_years() and not c.get("group")]  # fmt: skip
    assert len(chosen) >= 5
    path = tmp_path / "gwr-counts.yaml"
    path.write_text(yaml.safe_dump({"claims": chosen}, allow_unicode=True), encoding="utf-8")
    rep = reproduce(str(path), corpora={"gwr": gwr})
    for c in chosen:
        expected = joined(c["year"]).count(c["terms"][0])
        assert own(rep, c["id"]) == str(expected), c["id"]
        assert (verdicts(rep)[c["id"]] == "reproduced") == (expected == c["published_value"]), c["id"]


def test_budget_address_picked_by_metadata_and_date(tmp_path: Path) -> None:
    import csv

    root = bundled_corpora("ko-budget")
    rows = [r for r in csv.DictReader((root / "manifest.csv").open(encoding="utf-8"))
            if r["fiscal_year"] == "2016" and r["supplementary"] == "0"]  # fmt: skip
    assert len(rows) == 1
    text = (root / rows[0]["file"]).read_text(encoding="utf-8-sig")
    n = text.count("경제")
    base = {"lang": "ko", "corpus": "budget", "quote": "x", "kind": "count", "terms": ["경제"], "year": 2015,
            "published_value": n}  # fmt: skip
    claims = [
        {**base, "id": "by-fy", "group": {"president": "박근혜", "fiscal_year": 2016, "supplementary": 0}},
        {**base, "id": "by-date", "group": {"date": rows[0]["date"].replace("-", ".")}},
        {**base, "id": "wrong-date", "group": {"date": "2015-10-27"}},
    ]
    path = tmp_path / "budget.yaml"
    path.write_text(yaml.safe_dump({"claims": claims}, allow_unicode=True), encoding="utf-8")
    rep = reproduce(str(path))
    v = verdicts(rep)
    assert own(rep, "by-fy") == own(rep, "by-date") == str(n)
    assert v["by-fy"] == v["by-date"] == "reproduced"
    assert rows[0]["date"] != "2015-10-27" and v["wrong-date"].startswith("not checkable here")


def test_a_listed_reading_equal_to_the_claims_own_keeps_the_own_reading_first(
    gwr: list[Document], tmp_path: Path
) -> None:
    n = joined(2025).count("发展")
    path = tmp_path / "own.yaml"
    path.write_text("claims:\n  - {id: own, corpus: gwr, kind: count, quote: x, terms: [发展], year: 2025, "
                    f"published_value: {n}, readings: [{{label: listed, rule: surface, terms: [发展]}}]}}\n",
                    encoding="utf-8")  # fmt: skip
    rep = reproduce(str(path), corpora={"gwr": gwr})
    assert rep.readings["origin"].iloc[0] == "claim" and "file" in set(rep.readings["origin"])
    assert verdicts(rep)["own"] == "reproduced"


def test_readings_refused_for_kinds_that_do_not_count_them(tmp_path: Path) -> None:
    from policytext.claims.schema import load_claim_file

    listed = [{"label": "x", "rule": "surface", "terms": ["发展"]}]
    base = {"corpus": "gwr", "quote": "x", "readings": listed}
    bad = {
        "target": {"indicator": "gdp_growth", "year": 2024, "published_value": 5},
        "total": {"published_value": 100, "year": 2024},
        "ranking": {"terms": ["发展"], "year": 2019, "published_value": "发展"},
    }
    path = tmp_path / "r.yaml"
    for kind, fields in bad.items():
        path.write_text(yaml.safe_dump({"claims": [{"id": "c", "kind": kind, **base, **fields}]}, allow_unicode=True),
                        encoding="utf-8")  # fmt: skip
        with pytest.raises(PolicytextError, match=rf"r\.yaml: claim 'c', field 'readings': readings: not used for "
                                                  rf"kind {kind}"):  # fmt: skip
            load_claim_file(path)
    mentions = {"id": "m", "kind": "ranking", "terms": ["发展"], "ranked_by": "count of 发展", "since": 2019,
                "until": 2020, "published_value": 2019, **base}  # fmt: skip
    path.write_text(yaml.safe_dump({"claims": [mentions]}, allow_unicode=True), encoding="utf-8")
    assert load_claim_file(path).claims[0].readings[0].label == "x"


def test_target_kind_is_the_field_figure_an_error(tmp_path: Path) -> None:
    from policytext.claims.schema import load_claim_file

    claim = {"id": "t", "corpus": "gwr", "quote": "x", "kind": "target", "indicator": "gdp_growth", "year": 2024,
             "published_value": 5}  # fmt: skip
    path = tmp_path / "f.yaml"
    path.write_text(yaml.safe_dump({"claims": [{**claim, "target_kind": "outcome"}]}), encoding="utf-8")
    assert load_claim_file(path).claims[0].figure == "outcome"
    path.write_text(yaml.safe_dump({"claims": [claim]}), encoding="utf-8")
    assert load_claim_file(path).claims[0].figure == "target"
    for extra in ({"figure": "outcome"}, {"figure": "outcome", "target_kind": "target"}):
        path.write_text(yaml.safe_dump({"claims": [{**claim, **extra}]}), encoding="utf-8")
        with pytest.raises(PolicytextError, match=r"claim 't', field 'figure': .*target_kind"):
            load_claim_file(path)
    path.write_text(yaml.safe_dump({"claims": [{**claim, "target_kind": "plan"}]}), encoding="utf-8")
    with pytest.raises(PolicytextError, match=r"field 'target_kind': 'plan' is not target or outcome"):
        load_claim_file(path)


def test_ties_give_no_match_for_length_and_mention_rankings(tmp_path: Path) -> None:
    from policytext.corpus import document_from_text

    def doc(year: int, text: str) -> Document:
        return document_from_text(text, f"d-{year}", lang="zh", meta={"year": year})

    tied = [doc(2001, "发展经济，改革开放。"), doc(2002, "改革开放，发展经济。"), doc(2003, "经济。")]
    length = {"kind": "ranking", "ranked_by": "document length (characters)", "rank": 1, "since": 2001,
              "until": 2003, "published_value": 2001}  # fmt: skip
    mention = {"kind": "ranking", "terms": ["发展"], "ranked_by": "count of 发展", "since": 2001, "until": 2003,
               "published_value": 2001}  # fmt: skip
    rep = run(tmp_path, tied, {"id": "len", **length}, {"id": "men", **mention})
    for cid in ("len", "men"):
        rows = rep.readings[rep.readings["id"] == cid]
        first = rows.iloc[0]
        assert first["evidence"].startswith("tied: d-2001, d-2002; ") and not first["matches"], first
    assert not rep.readings.loc[rep.readings["id"] == "len", "matches"].any()
    assert verdicts(rep)["len"] == "refuted"
    clear = [doc(2001, "发展经济，发展改革开放。"), *tied[1:]]
    rep = run(tmp_path, clear, {"id": "len", **length}, {"id": "men", **mention})
    for cid in ("len", "men"):
        first = rep.readings[rep.readings["id"] == cid].iloc[0]
        assert "tied" not in first["evidence"] and first["matches"], first
    assert verdicts(rep)["len"] == "reproduced"


def test_word_counts_live_on_the_run_not_the_module(gwr: list[Document]) -> None:
    import policytext.claims.ranking as ranking_module
    from policytext.claims.corpora import Corpora
    from policytext.claims.schema import Claim
    from policytext.keywords.lexicon import load_lexicon

    assert not hasattr(ranking_module, "_FREQ")
    claim = Claim(file="t.yaml", id="top", kind="ranking", lang="zh", corpus="gwr", quote="x", terms=("发展",),
                  year=2019, published_value="发展")  # fmt: skip
    run_ = Corpora({"gwr": gwr})
    docs = run_.for_claim(claim)
    assert docs is not None
    readings = ranking_module.ranking_readings(claim)
    with_cache = ranking_module.ranking(claim, docs, readings, load_lexicon(), run_.word_counts)
    assert [k[0] for k in run_.word_counts] == ["gwr-2019"]
    without = ranking_module.ranking(claim, docs, readings, load_lexicon())
    assert [o.value for o in with_cache.outcomes] == [o.value for o in without.outcomes]
