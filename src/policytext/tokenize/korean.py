"""Korean tokenizers: Kiwi and MeCab-ko (pip-only, give offsets) and konlpy's JVM analysers (aligned here).

Every backend yields morpheme groups with exact offsets: morphemes that share characters in the text
(했 → 하/XSV + 었/EP) become one token over that span, with the morphemes listed on it.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from policytext.errors import BackendUnavailable, PolicytextError
from policytext.tokenize.base import RawToken
from policytext.tokenize.dictionary import korean_policy_words
from policytext.tokenize.tagsets import is_predicate_stem, to_upos

KONLPY_BACKENDS = ("okt", "komoran", "hannanum", "kkma")
_TAGSET = {
    "kiwi": "sejong",
    "okt": "okt",
    "komoran": "sejong",
    "hannanum": "hannanum",
    "kkma": "sejong",
    "mecab": "sejong",
}


def _lemma(tagset: str, morphs: Sequence[tuple[str, str]]) -> str:
    """Dictionary form of a morpheme group: its first morpheme, with 다 on predicate stems."""
    form, tag = morphs[0]
    return form + "다" if is_predicate_stem(tagset, tag) else form


class _KoreanBase:
    lang = "ko"
    name = ""

    @property
    def tagset(self) -> str:
        return _TAGSET[self.name]

    def upos(self, tag: str, word: str) -> str:
        """UPOS for the first morpheme's tag of a token."""
        return to_upos(self.tagset, tag)

    def _group(self, morphs: list[tuple[int, int, str, str]]) -> list[RawToken]:
        """Merge morphemes (start, end, form, tag) whose spans overlap into tokens."""
        out: list[RawToken] = []
        cur: list[tuple[str, str]] = []
        gs = ge = -1
        for s, e, form, tag in morphs:
            if cur and (s < ge or e <= s):
                cur.append((form, tag))
                ge = max(ge, e)
                continue
            if cur:
                out.append(RawToken(gs, ge, cur[0][1], _lemma(self.tagset, cur), tuple(cur)))
            cur, gs, ge = [(form, tag)], s, e
        if cur:
            out.append(RawToken(gs, ge, cur[0][1], _lemma(self.tagset, cur), tuple(cur)))
        return out


class KiwiTokenizer(_KoreanBase):
    """Kiwi (kiwipiepy): a C++ analyser with its model in a pip package; no JVM."""

    name = "kiwi"

    def __init__(self, user_dicts: Sequence[str | Path] = (), policy_dict: bool = True) -> None:
        self.user_dicts = tuple(Path(p) for p in user_dicts)
        self.policy_dict = policy_dict
        self._kiwi: Any = None

    def settings(self) -> dict[str, object]:
        """Backend and version."""
        import kiwipiepy

        from policytext.tokenize.dictionary import policy_terms_sha256

        return {
            "backend": "kiwi",
            "version": kiwipiepy.__version__,
            "policy_dict": self.policy_dict,
            "policy_terms_sha256": policy_terms_sha256() if self.policy_dict else None,
            "user_dicts": [str(p) for p in self.user_dicts],
        }

    def _load(self) -> Any:
        if self._kiwi is None:
            try:
                from kiwipiepy import Kiwi
            except ImportError as e:  # pragma: no cover - dependency of the package
                raise BackendUnavailable("Korean backend 'kiwi' needs kiwipiepy: pip install kiwipiepy") from e
            kiwi = Kiwi()
            if self.policy_dict:
                for word in korean_policy_words():
                    kiwi.add_user_word(word, "NNP")
            for p in self.user_dicts:
                kiwi.load_user_dictionary(str(p))
            self._kiwi = kiwi
        return self._kiwi

    def morphemes(self, text: str) -> list[tuple[str, str]]:
        """The raw backend call: (form, tag) pairs (benchmark baseline and evaluation)."""
        return [(t.form, t.tag) for t in self._load().tokenize(text)]

    def raw_tokens(self, text: str) -> list[RawToken]:
        """Kiwi's morphemes, grouped by overlapping span."""
        toks = self._load().tokenize(text)
        return self._group([(t.start, t.start + t.len, t.form, t.tag) for t in toks])


def _java_available() -> bool:
    import os

    return shutil.which("java") is not None or bool(os.environ.get("JAVA_HOME"))


class MecabTokenizer(_KoreanBase):
    """MeCab-ko with mecab-ko-dic through python-mecab-ko (dictionary in the wheel, no system install).

    Faster than Kiwi, less accurate on UD Korean KAIST (see README). A morpheme MeCab analyses as an
    inflected or pre-analysed form (했 = 하/XSV + 았/EP) is one token over its span with those morphemes;
    compound nouns (예산안) stay one morpheme. The policy word list is not added (MeCab takes only compiled
    user dictionaries).
    """

    name = "mecab"

    def __init__(self, user_dicts: Sequence[str | Path] = ()) -> None:
        if user_dicts:
            raise BackendUnavailable(
                "Korean backend 'mecab' takes no user dictionaries here (MeCab needs them compiled); use kiwi"
            )
        self._tagger: Any = None
        # (surface, feature) -> (tag, lemma, morphemes): one analysis per distinct MeCab node
        self._analyses: dict[tuple[str, str], tuple[str, str, tuple[tuple[str, str], ...]]] = {}

    def settings(self) -> dict[str, object]:
        """Backend and python-mecab-ko version (its dictionary is pinned by it)."""
        from importlib import metadata

        return {"backend": "mecab", "version": metadata.version("python-mecab-ko"), "policy_dict": False}

    def _load(self) -> Any:
        if self._tagger is None:
            try:
                import mecab
            except ImportError as e:
                raise BackendUnavailable(
                    "Korean backend 'mecab' needs python-mecab-ko: pip install python-mecab-ko"
                ) from e
            self._tagger = mecab.MeCab()
        return self._tagger

    def morphemes(self, text: str) -> list[tuple[str, str]]:
        """The raw backend call (``parse``) as (form, tag) pairs, inflected forms split into their morphemes."""
        return [m for t in self._load().parse(text) for m in _mecab_morphs(t.surface, t.feature.pos, str(t.feature))]

    def raw_tokens(self, text: str) -> list[RawToken]:
        """MeCab's morphemes at their spans, line by line; inflected forms carry their morphemes.

        Reads MeCab's lattice directly: python-mecab-ko's ``parse`` builds a Feature object per morpheme and
        finds spans in time growing with the square of the input (13x slower on a whole address than by line).
        """
        from mecab.utils import create_lattice

        tagger = self._load()._tagger  # python-mecab-ko's C++ Tagger (pinned <1.4)
        cache = self._analyses
        out: list[RawToken] = []
        base = 0
        for line in text.split("\n"):
            if line.strip():
                lattice = create_lattice(line)
                if not tagger.parse(lattice):
                    raise PolicytextError(f"MeCab could not analyse a line: {tagger.what()}")
                for (s, e), node in lattice:
                    key = (node.surface, node.feature)
                    hit = cache.get(key)
                    if hit is None:
                        if len(cache) > 200_000:
                            cache.clear()
                        morphs = _mecab_morphs(key[0], key[1][: key[1].index(",")], key[1])
                        hit = cache[key] = (morphs[0][1], _lemma("sejong", morphs), morphs)
                    out.append(RawToken(s + base, e + base, *hit))
            base += len(line) + 1
        return out


def _mecab_morphs(surface: str, pos: str, feature: str) -> tuple[tuple[str, str], ...]:
    """(form, tag) of one MeCab token: the expression's parts for inflected and pre-analysed forms.

    ``feature`` is mecab-ko-dic's CSV: pos, semantic, final consonant, reading, type, first pos, last pos,
    expression (``하/XSV/*+았/EP/*``).
    """
    if "Inflect" not in feature and "Preanalysis" not in feature:
        return ((surface, pos),)
    values = feature.split(",")
    if values[4] in ("Inflect", "Preanalysis") and values[7] != "*":
        return tuple((p[0], p[1]) for p in (part.split("/") for part in values[7].split("+")) if len(p) >= 2)
    return ((surface, pos),)


class KonlpyTokenizer(_KoreanBase):
    """One of konlpy's analysers (Okt, Komoran, Hannanum, Kkma on the JVM), aligned to the text."""

    def __init__(self, backend: str, user_dicts: Sequence[str | Path] = ()) -> None:
        if backend not in KONLPY_BACKENDS:
            raise BackendUnavailable(f"unknown Korean backend {backend!r}; choose one of {KONLPY_BACKENDS}")
        self.name = backend
        self.user_dicts = tuple(Path(p) for p in user_dicts)
        self._tagger: Any = None

    def settings(self) -> dict[str, object]:
        """Backend and konlpy version."""
        import konlpy

        return {"backend": self.name, "version": konlpy.__version__, "user_dicts": [str(p) for p in self.user_dicts]}

    def _load(self) -> Any:
        if self._tagger is not None:
            return self._tagger
        try:
            import konlpy.tag as kt
        except ImportError as e:
            raise BackendUnavailable(
                f"Korean backend {self.name!r} needs konlpy and JPype1: pip install konlpy JPype1"
            ) from e
        if not _java_available():
            raise BackendUnavailable(
                f"Korean backend {self.name!r} runs on the JVM and no Java was found: install a Java runtime "
                "(e.g. apt-get install openjdk-17-jre-headless) or set JAVA_HOME; or use --backend kiwi, "
                "which needs no Java"
            )
        cls = {"okt": kt.Okt, "komoran": kt.Komoran, "hannanum": kt.Hannanum, "kkma": kt.Kkma}[self.name]
        try:
            if self.name == "komoran" and self.user_dicts:
                self._tagger = cls(userdic=str(self.user_dicts[0]))
            else:
                self._tagger = cls()
        except Exception as e:
            raise BackendUnavailable(
                f"Korean backend {self.name!r} could not start the JVM ({type(e).__name__}: {e}); check that "
                "a Java runtime (OpenJDK 17) is installed and JAVA_HOME points to it"
            ) from e
        return self._tagger

    def morphemes(self, text: str) -> list[tuple[str, str]]:
        """The raw backend call: konlpy's ``pos`` (benchmark baseline and evaluation)."""
        tagger = self._load()
        if self.name == "okt":
            return list(tagger.pos(text, norm=False, stem=False))
        return list(tagger.pos(text))

    def raw_tokens(self, text: str) -> list[RawToken]:
        """konlpy morphemes aligned to ``text`` (see ``align_morphemes``), line by line."""
        out: list[RawToken] = []
        base = 0
        for line in text.split("\n"):
            if line.strip():
                morphs = self.morphemes(line)
                for t in self._group(align_morphemes(line, morphs)):
                    out.append(RawToken(t.start + base, t.end + base, t.tag, t.lemma, t.morphs))
            base += len(line) + 1
        return out


def _skip_ws(text: str, i: int) -> int:
    n = len(text)
    while i < n and text[i].isspace():
        i += 1
    return i


def _eojeol_end(text: str, i: int) -> int:
    n = len(text)
    while i < n and not text[i].isspace():
        i += 1
    return i


def align_morphemes(text: str, morphs: Sequence[tuple[str, str]]) -> list[tuple[int, int, str, str]]:
    """Give each (form, tag) from an analyser a span in ``text``.

    A morpheme found at the cursor (or further on in the same eojeol) gets its own span. Morphemes that
    are not substrings (하+았 for 했) are held until the next one is found and share the characters in
    between; when nothing lies in between they join the previous morpheme's span. Characters no morpheme
    accounts for become tag ``UN`` so that the tokens always cover every non-space character.
    """
    spans: list[tuple[int, int, str, str]] = []
    pending: list[tuple[str, str]] = []
    i = 0

    def flush(start: int, end: int) -> None:
        if not pending:
            return
        if end > start:
            spans.extend((start, end, f, t) for f, t in pending)
        elif spans:
            ps, pe = spans[-1][0], spans[-1][1]
            spans.extend((ps, pe, f, t) for f, t in pending)
        pending.clear()

    for form, tag in morphs:
        if not form or form.isspace():
            continue
        j = _skip_ws(text, i)
        eo = _eojeol_end(text, j)
        p = j if text.startswith(form, j) else text.find(form, j, eo)
        if p != -1 and p + len(form) > eo:
            p = -1
        if p == -1:
            k = _skip_ws(text, eo)
            if k > eo and text.startswith(form, k):
                flush(j, eo)
                p = k
                j = k
            else:
                pending.append((form, tag))
                continue
        if pending:
            flush(j, p)
        elif p > j:
            spans.append((j, p, text[j:p], "UN"))
        spans.append((p, p + len(form), form, tag))
        i = p + len(form)
    j = _skip_ws(text, i)
    if pending:
        flush(j, _eojeol_end(text, j))
        i = spans[-1][1] if spans else i
        j = _skip_ws(text, i)
    # Anything left uncovered (an analyser that dropped characters) becomes UN tokens, one per eojeol.
    while j < len(text):
        e = _eojeol_end(text, j)
        spans.append((j, e, text[j:e], "UN"))
        j = _skip_ws(text, e)
    return _fill_gaps(text, spans)


def _fill_gaps(text: str, spans: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """Add UN spans for non-space characters between aligned morphemes, so coverage is complete."""
    out: list[tuple[int, int, str, str]] = []
    pos = 0
    for s, e, f, t in sorted(spans, key=lambda x: (x[0], x[1])):
        if s > pos:
            gap_start = _skip_ws(text, pos)
            while gap_start < s:
                ge = min(_eojeol_end(text, gap_start), s)
                out.append((gap_start, ge, text[gap_start:ge], "UN"))
                gap_start = _skip_ws(text, ge)
        out.append((s, e, f, t))
        pos = max(pos, e)
    return out
