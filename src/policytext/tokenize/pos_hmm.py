"""jieba's POS HMM Viterbi (``jieba.posseg.viterbi``) vectorised with numpy, with the same path and score.

Python posseg spends most of a Chinese POS pass in this loop (256 states, a max over every predecessor
for every state and character). Here each character is one matrix step over the same floats added in the
same order; states are indexed in descending order, so ``argmax`` (first maximum) picks the largest state
among equal scores, as posseg's ``max((score, state))`` does. Identity is tested against posseg itself.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt

MIN_FLOAT = -3.14e100  # posseg's emission score of an unseen character


class PosViterbi:
    """posseg's Viterbi over its own model tables (``start_P``, ``trans_P``, ``emit_P``, ``char_state_tab_P``)."""

    def __init__(self, start_p: dict[Any, float], trans_p: dict[Any, dict[Any, float]],
                 emit_p: dict[Any, dict[str, float]], char_states: dict[str, Any]) -> None:  # fmt: skip
        self.states = sorted(trans_p, reverse=True)
        idx = {s: i for i, s in enumerate(self.states)}
        n = len(self.states)
        self.trans = np.full((n, n), -np.inf)
        self.follows = np.zeros((n, n), dtype=bool)  # trans_p[x] has key y (what posseg's key sets see)
        for x, row in trans_p.items():
            for y, p in row.items():
                self.trans[idx[x], idx[y]] = p
                self.follows[idx[x], idx[y]] = True
        self.has_next = self.follows.any(axis=1)
        self.start = np.array([start_p[s] for s in self.states])
        self._emit_p = emit_p
        self._char_states = char_states
        self._idx = idx
        self._emit: dict[str, npt.NDArray[np.float64]] = {}
        self._allowed: dict[str, npt.NDArray[np.bool_]] = {}
        self._all = np.ones(n, dtype=bool)

    def _emission(self, ch: str) -> npt.NDArray[np.float64]:
        e = self._emit.get(ch)
        if e is None:
            e = self._emit[ch] = np.array([self._emit_p[s].get(ch, MIN_FLOAT) for s in self.states])
        return e

    def _allowed_states(self, ch: str) -> npt.NDArray[np.bool_]:
        a = self._allowed.get(ch)
        if a is None:
            listed = self._char_states.get(ch)
            if listed is None:
                a = self._all
            else:
                a = np.zeros(len(self.states), dtype=bool)
                a[[self._idx[s] for s in listed]] = True
            self._allowed[ch] = a
        return a

    def __call__(self, obs: str) -> tuple[float, list[Any]]:
        """``(score, path)`` exactly as ``jieba.posseg.viterbi(obs, char_state_tab_P, start_P, trans_P, emit_P)``."""
        active = self._allowed_states(obs[0])
        v = np.where(active, self.start + self._emission(obs[0]), -np.inf)
        back: list[npt.NDArray[np.intp]] = []
        for ch in obs[1:]:
            prev = np.flatnonzero(active & self.has_next)
            expect = self.follows[prev].any(axis=0)
            cur: npt.NDArray[np.bool_] = self._allowed_states(ch) & expect
            if not cur.any():
                cur = np.asarray(expect if expect.any() else self._all, dtype=bool)
            cols = np.flatnonzero(cur)
            scores = v[prev][:, None] + self.trans[np.ix_(prev, cols)] + self._emission(ch)[cols][None, :]
            best = scores.argmax(axis=0)
            nv = np.full(len(self.states), -np.inf)
            nv[cols] = scores[best, np.arange(len(cols))]
            ptr = np.full(len(self.states), -1, dtype=np.intp)
            ptr[cols] = prev[best]
            back.append(ptr)
            v, active = nv, cur
        last = np.flatnonzero(active)
        state = int(last[v[last].argmax()])
        score = float(v[state])
        path = [state]
        for ptr in reversed(back):
            state = int(ptr[state])
            path.append(state)
        return score, [self.states[i] for i in reversed(path)]


@lru_cache(maxsize=1)
def pos_viterbi() -> PosViterbi:
    """The Viterbi over jieba's bundled POS HMM (loaded once per process)."""
    import jieba.posseg as ps

    return PosViterbi(ps.start_P, ps.trans_P, ps.emit_P, ps.char_state_tab_P)
