"""jieba-rs engine (``rjieba``): Python jieba's words and posseg tags, with the dictionary route cut in Rust.

jieba-rs is fed jieba's own ``dict.txt`` and the same user words with the frequencies Python jieba would give
them (``suggest_freq``), and its total frequency is kept equal to jieba's (which never subtracts a replaced
word's old frequency), so its dictionary route is jieba's. Without POS, ``rjieba.cut`` is ``jieba.lcut``.
With POS, jieba's posseg is replayed here from that route: posseg's blocks, its buffering of single
characters, its POS HMM (jieba's model, its ``viterbi`` vectorised in ``pos_hmm`` with the same path) for
unknown stretches, and its tag table.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Callable, Iterable, Iterator
from importlib import metadata, resources
from typing import Any

from policytext.errors import BackendUnavailable, PolicytextError

# jieba.posseg's character classes (re_han_internal, re_eng1): a posseg block is a run of _HAN_INTERNAL
# characters; ASCII letters and digits cut as single characters are merged into one 'eng' word.
_ASCII_HAN_INTERNAL = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+#&._")
_ASCII_HAN_DEFAULT = _ASCII_HAN_INTERNAL | {"%", "-"}
_CROSSING = ("%", "-")  # in jieba.cut's blocks (re_han_default) but not posseg's: no dictionary word may hold one
_DUMMY = "\ufdd0\ufdd1"  # two Unicode noncharacters: a word that never occurs, carrying jieba's surplus total
_DETAIL_CACHE_MAX = 50_000
# jieba-rs's HMM pass differs from jieba's on the non-Han part of an unknown stretch (it keeps "2006-2020",
# "ab.cd", "www.people.com.cn" whole where jieba's finalseg splits at the symbol) and on CJK characters outside
# jieba's U+4E00-9FD5 (which jieba-rs joins into its blocks). Text holding none of these characters is cut by
# jieba-rs alone; other text replays jieba's HMM cut on the jieba-rs route (see RJiebaEngine._cut_hmm).
_HMM_RISK = re.compile(r"[+#&._%\-\u3400-\u4dbf\u9fd6-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")
_PY_HAN_DEFAULT = re.compile(r"([\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]+)")  # jieba.re_han_default
_PY_SKIP_DEFAULT = re.compile(r"(\r\n|\s)")  # jieba.re_skip_default
_PY_HAN = re.compile(r"([\u4E00-\u9FD5]+)")  # jieba.finalseg.re_han
_PY_SKIP = re.compile(r"([a-zA-Z0-9]+(?:\.\d+)?%?)")  # jieba.finalseg.re_skip


def _in_posseg_block(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fd5" or c in _ASCII_HAN_INTERNAL


def _check_word(where: str, text: str) -> None:
    """The engine relies on no dictionary word holding '%' or '-' (jieba.cut's blocks join them, posseg's not)."""
    if any(c in text for c in _CROSSING):
        raise PolicytextError(
            f"{where}: a dictionary word with '%' or '-' is not supported by the rjieba engine; use --zh-engine jieba"
        )


def _in_cut_block(c: str) -> bool:
    """In jieba.cut's blocks (re_han_default)."""
    return "\u4e00" <= c <= "\u9fd5" or c in _ASCII_HAN_DEFAULT


def _is_eng(w: str) -> bool:
    return w.isascii() and w.isalnum()


def engine_version() -> str:
    """Installed rjieba version (part of the tokenizer settings: identity is tested per version)."""
    try:
        return metadata.version("rjieba")
    except metadata.PackageNotFoundError as e:
        raise BackendUnavailable("Chinese engine 'rjieba' needs the rjieba package: pip install rjieba") from e


class RJiebaEngine:
    """jieba's default dictionary plus user words in jieba-rs; ``cut`` and ``tag`` as jieba and its posseg."""

    def __init__(self, user_words: Iterable[tuple[str, int | None, str | None]] = ()) -> None:
        try:
            import rjieba
        except ImportError as e:
            raise BackendUnavailable("Chinese engine 'rjieba' needs the rjieba package: pip install rjieba") from e
        dict_file = resources.files("jieba") / "dict.txt"
        content = dict_file.read_text(encoding="utf-8")
        _check_word(str(dict_file), content)
        parts = content.split()
        if len(parts) % 3:
            raise PolicytextError(f"{dict_file}: expected 'word freq tag' on every line")
        words, tags = parts[0::3], parts[2::3]
        freqs = [int(f) for f in parts[1::3]]
        jieba_cls: Any = rjieba.Jieba  # its stub leaves empty() untyped
        self._rs: Any = jieba_cls.empty()
        add = self._rs.add_word
        for w, f, t in zip(words, freqs, tags, strict=True):
            add(w, f, t)
        self.freq: dict[str, int] = dict(zip(words, freqs, strict=True))  # jieba's FREQ without its prefix zeros
        self.tags: dict[str, str] = dict(zip(words, tags, strict=True))  # posseg's word_tag_tab
        self._py_total = sum(freqs)  # jieba's total: every frequency ever added
        self._rs_total = sum(self.freq.values())  # jieba-rs's: the current frequencies (plus the dummy's)
        self._dummy = 0
        self._sorted: list[str] | None = None  # dictionary words, sorted, for jieba's prefix entries
        self._user_prefixes: set[str] = set()
        self._detail: dict[str, list[tuple[str, str]]] = {}  # posseg HMM cuts of unknown stretches
        self._whole: dict[str, bool] = {}  # letters-and-digits words: taken whole by the route?
        self._hmm_only: Any = jieba_cls.empty()  # a jieba-rs without words: its cut is the HMM alone
        self._finalseg_cache: dict[str, list[str]] = {}
        self._cut_buffered: dict[str, bool] = {}  # route word -> buffered by jieba's HMM pass?
        self._pos_kind: dict[str, str] = {}  # route word -> posseg flag ("" when buffered), HMM on
        self._pos_kind_no_hmm: dict[str, str] = {}  # the same, HMM off
        for word, freq, tag in user_words:
            self.add_word(word, freq, tag)

    @property
    def rust(self) -> Any:
        """The underlying ``rjieba.Jieba`` (same dictionary and total as jieba)."""
        return self._rs

    # -- dictionary -----------------------------------------------------------------------------------------
    def _sync_total(self) -> None:
        """Give the dummy word jieba's surplus so that jieba-rs's total (and so every route) equals jieba's."""
        surplus = self._py_total - self._rs_total
        if surplus != self._dummy:
            self._rs.add_word(_DUMMY, surplus, None)
            self._dummy = surplus

    def _freq_get(self, seg: str) -> int:
        """jieba's ``FREQ.get(seg, 1)``: 0 for a prefix of a dictionary word that is no word itself."""
        f = self.freq.get(seg)
        if f is not None:
            return f
        if seg in self._user_prefixes:
            return 0
        if self._sorted is None:
            self._sorted = sorted(self.freq)
        i = bisect.bisect_left(self._sorted, seg)
        return 0 if i < len(self._sorted) and self._sorted[i].startswith(seg) else 1

    def suggest_freq(self, word: str) -> int:
        """jieba's ``suggest_freq(word, False)``, computed with the same float operations."""
        self._sync_total()
        ftotal = float(self._py_total)
        freq: float = 1
        for seg in self._rs.cut(word, False):
            freq *= self._freq_get(seg) / ftotal
        return max(int(freq * self._py_total) + 1, self._freq_get(word))

    def add_word(self, word: str, freq: int | None = None, tag: str | None = None) -> None:
        """jieba's ``Tokenizer.add_word`` (frequency suggested when None), mirrored in jieba-rs."""
        _check_word(f"user word {word!r}", word)
        f = int(freq) if freq is not None else self.suggest_freq(word)
        if f == 0:
            raise PolicytextError(
                f"user word {word!r} has frequency 0 (jieba's force-split), which the rjieba engine does not "
                "support: use --zh-engine jieba"
            )
        self._rs_total += f - self.freq.get(word, 0)
        self._py_total += f
        self.freq[word] = f
        self._rs.add_word(word, f, tag)
        if tag:
            self.tags[word] = tag
        self._user_prefixes.update(word[:i] for i in range(1, len(word)))
        self._sync_total()
        for cache in (self._whole, self._detail, self._finalseg_cache, self._cut_buffered, self._pos_kind):
            cache.clear()
        self._pos_kind_no_hmm.clear()

    # -- cutting ----------------------------------------------------------------------------------------------
    def cut(self, text: str, hmm: bool = True) -> list[str]:
        """``jieba.Tokenizer.lcut(text, HMM=hmm)``."""
        if hmm and _HMM_RISK.search(text):
            return self._cut_hmm(text)
        words: list[str] = self._rs.cut(text, hmm)
        return words

    def _cut_hmm(self, text: str) -> list[str]:
        """jieba's ``cut`` with HMM on the jieba-rs route: single characters of a block are buffered, unknown
        buffers go through ``finalseg`` (see ``_finalseg``)."""
        route: list[str] = self._rs.cut(text, False)
        marks = _lookup(route, self._cut_buffered, self._buffered_in_cut)
        out: list[str] = []
        prev = 0
        for i, j in _runs(marks, True):
            out += route[prev:i]
            out += self._finalseg("".join(route[i:j]))
            prev = j
        if not prev:
            return route
        out += route[prev:]
        return out

    def _buffered_in_cut(self, w: str) -> bool:
        """Whether jieba's HMM cut buffers this route word (a single character of a block)."""
        return _in_cut_block(w[0]) and (len(w) == 1 or (_is_eng(w) and not self._is_route_word(w)))

    def _finalseg(self, buf: str) -> list[str]:
        """What jieba's ``__cut_DAG`` yields for a buffer of single characters: ``finalseg`` on unknown ones
        (Han runs through a jieba-rs without words, whose cut is the HMM alone; jieba's ``re_skip`` between)."""
        if len(buf) == 1:
            return [buf]
        if self.freq.get(buf):
            return list(buf)
        hit = self._finalseg_cache.get(buf)
        if hit is None:
            if len(self._finalseg_cache) > _DETAIL_CACHE_MAX:
                self._finalseg_cache.clear()
            hit = self._finalseg_cache[buf] = []
            for blk in _PY_HAN.split(buf):
                if _PY_HAN.match(blk):
                    hit += self._hmm_only.cut(blk, True)
                else:
                    hit += [x for x in _PY_SKIP.split(blk) if x]
        return hit

    def tag(self, text: str, hmm: bool = True) -> tuple[list[str], list[str]]:
        """Words and flags of ``jieba.posseg.POSTokenizer.cut(text, HMM=hmm)``.

        Without HMM each route word has its flag (merged ASCII singles 'eng'); with HMM single characters
        are buffered (flag "" in the cache) and unknown buffers cut by posseg's POS HMM (``_flush``).
        """
        route: list[str] = self._rs.cut(text, False)
        if hmm:
            flags = _lookup(route, self._pos_kind, lambda w: self._kind(w, True))
        else:
            flags = _lookup(route, self._pos_kind_no_hmm, lambda w: self._kind(w, False))
        words: list[str] = []
        out: list[str] = []
        prev = 0
        for i, j in _runs(flags, ""):
            words += route[prev:i]
            out += flags[prev:i]
            for bw, bf in self._flush("".join(route[i:j])):
                words.append(bw)
                out.append(bf)
            prev = j
        if not prev:
            return route, flags
        words += route[prev:]
        out += flags[prev:]
        return words, out

    def _kind(self, w: str, hmm: bool) -> str:
        """posseg's flag of a route word, or "" for a single character its HMM pass buffers."""
        if not _in_posseg_block(w[0]):
            return "x"
        single = len(w) == 1 or (_is_eng(w) and not self._is_route_word(w))
        if hmm:
            return "" if single else self.tags.get(w, "x")
        if single and _is_eng(w):
            return "eng"  # posseg's __cut_DAG_NO_HMM joins single letters and digits as one 'eng' word
        return self.tags.get(w, "x")

    def _flush(self, buf: str) -> list[tuple[str, str]]:
        """What posseg's ``__cut_DAG`` yields for a buffer of single characters."""
        if len(buf) == 1:
            return [(buf, self.tags.get(buf, "x"))]
        if not self.freq.get(buf):
            hit = self._detail.get(buf)
            if hit is None:
                if len(self._detail) > _DETAIL_CACHE_MAX:
                    self._detail.clear()
                hit = self._detail[buf] = list(_cut_detail(buf))
            return hit
        return [(c, self.tags.get(c, "x")) for c in buf]

    def _is_route_word(self, w: str) -> bool:
        """Whether jieba's route takes ``w`` (letters and digits) whole rather than as single characters.

        The route's best path through a stretch it cut whole is the best path over that stretch alone, so
        jieba's ``calc`` is replayed over ``w`` by itself.
        """
        whole = self._whole.get(w)
        if whole is None:
            whole = self._whole[w] = self.freq.get(w, 0) > 0 and self._route(w)[0][1] == len(w) - 1
        return whole

    def _route(self, w: str) -> dict[int, tuple[float, int]]:
        """jieba's ``get_DAG`` and ``calc`` over ``w``."""
        n = len(w)
        logtotal = math.log(self._py_total)
        route: dict[int, tuple[float, int]] = {n: (0.0, 0)}
        for idx in range(n - 1, -1, -1):
            dag = [j - 1 for j in range(idx + 1, n + 1) if self.freq.get(w[idx:j], 0) > 0] or [idx]
            route[idx] = max(
                (math.log(self.freq.get(w[idx : x + 1]) or 1) - logtotal + route[x + 1][0], x) for x in dag
            )
        return route


def _lookup(words: list[str], cache: dict[str, Any], compute: Callable[[str], Any]) -> list[Any]:
    """``[cache[w] for w in words]`` at C speed, filling the cache for words not seen before."""
    values = list(map(cache.get, words))
    if None in values:
        for w in set(words).difference(cache):
            cache[w] = compute(w)
        values = list(map(cache.__getitem__, words))
    return values


def _runs(marks: list[Any], mark: object) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each run of ``mark`` in ``marks``, found by ``list.index`` (C speed)."""
    n = len(marks)
    j = 0
    while True:
        try:
            i = marks.index(mark, j)
        except ValueError:
            return
        j = i + 1
        while j < n and marks[j] == mark:
            j += 1
        yield i, j


def _cut_detail(buf: str) -> Iterator[tuple[str, str]]:
    """posseg's ``__cut_detail``: Han runs through the POS HMM, digits 'm', letters 'eng', the rest 'x'."""
    import jieba.posseg as ps

    for blk in ps.re_han_detail.split(buf):
        if ps.re_han_detail.match(blk):
            yield from _hmm_words(blk, ps)
        else:
            for x in ps.re_skip_detail.split(blk):
                if x:
                    yield x, ("m" if ps.re_num.match(x) else "eng" if ps.re_eng.match(x) else "x")


def _hmm_words(sentence: str, ps: Any) -> Iterator[tuple[str, str]]:
    """posseg's ``__cut``: words and tags from the Viterbi path of jieba's POS HMM (numpy, same path)."""
    from policytext.tokenize.pos_hmm import pos_viterbi

    _, pos_list = pos_viterbi()(sentence)
    begin = nexti = 0
    for i, char in enumerate(sentence):
        bmes, tag = pos_list[i]
        if bmes == "B":
            begin = i
        elif bmes == "E":
            yield sentence[begin : i + 1], tag
            nexti = i + 1
        elif bmes == "S":
            yield char, tag
            nexti = i + 1
    if nexti < len(sentence):
        yield sentence[nexti:], pos_list[nexti][1]
