"""How much the stand-in pass (layer 4 of name enforcement) may spend, per model.

The stand-in pass costs a second translation of every sentence with a missing name: up to
2× the run on a model that drops names. It pays off only on a model that renders the
stand-ins, so it starts with a probe (the few shortest such sentences) and goes on only if
enough of them came back repaired. The outcome is kept in the memory per model, so a later
run skips the probe (and, for a model that never renders stand-ins, the whole pass).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bilingual.translation.pipeline import Engine, Memory

PROBE_SENTENCES = 4  # at most; never more than a quarter of the sentences that need stand-ins
MIN_SUCCESS = 0.25  # share of stand-in sentences repaired below which the pass is not worth it
STATS_SOURCE = "stand-ins"  # the memory entry (in the model's "|stats" key space) for the tally


@dataclass
class StandInStats:
    """How often this model's stand-in translations were accepted (from the memory)."""

    tried: int = 0
    accepted: int = 0

    @property
    def verdict(self) -> bool | None:
        """True: worth it; False: not; None: too few tries to tell."""
        if self.tried < PROBE_SENTENCES:
            return None
        return self.accepted >= MIN_SUCCESS * self.tried

    @classmethod
    def load(cls, memory: Memory | None, engine: Engine) -> StandInStats:
        if memory is None:
            return cls()
        entry = memory.get_entries(f"{engine.identity}|stats", [STATS_SOURCE]).get(STATS_SOURCE)
        try:
            tried, accepted = (int(x) for x in entry[0].split("/")) if entry else (0, 0)
        except ValueError:
            return cls()
        return cls(tried, accepted)

    def save(self, memory: Memory | None, engine: Engine) -> None:
        if memory is not None:
            memory.put(f"{engine.identity}|stats", STATS_SOURCE, f"{self.tried}/{self.accepted}")
