"""Reciprocal-rank fusion of several rankings into one."""
from __future__ import annotations

# 60 is the constant from the original RRF paper (Cormack et al., 2009): it damps the
# advantage of a first place so that agreement between rankers outweighs one high rank.
RRF_K = 60


def reciprocal_rank_fusion(rankings: list[list[int]], k: int = RRF_K,
                           weights: list[float] | None = None) -> list[tuple[int, float]]:
    """Fuse ranked lists of item positions; returns (position, fused score), best first."""
    weights = weights or [1.0] * len(rankings)
    scores: dict[int, float] = {}
    for ranking, weight in zip(rankings, weights):
        for rank, item in enumerate(ranking):
            # rank is 0-based, the formula's rank is 1-based
            scores[item] = scores.get(item, 0.0) + weight / (k + rank + 1)
    return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
