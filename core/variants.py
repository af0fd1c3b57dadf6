"""A/B testing: validating variant weights, assigning each contact a stable variant, and
the two-proportion test that says whether variants really differ."""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping

from core.errors import Invalid

__all__ = [
    "MAX_VARIANTS",
    "MAX_WEIGHT",
    "SIGNIFICANCE_LEVEL",
    "assign_variant",
    "normalise_weights",
    "two_proportion_test",
]

MAX_VARIANTS = 10
MAX_WEIGHT = 1_000_000
MAX_NAME_CHARS = 16
SIGNIFICANCE_LEVEL = 0.05


def normalise_weights(weights: object) -> dict[str, int]:
    """Validate A/B settings; returns them ordered by variant name. `None` or `{}` means
    no A/B test and gives `{}`. Raises Invalid with a plain sentence otherwise."""
    if weights is None:
        return {}
    if not isinstance(weights, Mapping):
        raise Invalid('A/B variants must be given as names with weights, e.g. {"A": 50}.')
    if not weights:
        return {}
    result: dict[str, int] = {}
    for raw_name, weight in weights.items():
        if not isinstance(raw_name, str):
            raise Invalid("Each A/B variant name must be text.")
        name = raw_name.strip()
        if not 1 <= len(name) <= MAX_NAME_CHARS:
            raise Invalid(f"A/B variant names must be 1 to {MAX_NAME_CHARS} characters long.")
        if not name.isprintable():
            raise Invalid(f'A/B variant name "{name}" contains characters that cannot be shown.')
        if name in result:
            raise Invalid(f'A/B variant "{name}" is given twice.')
        # bool is an int in Python, but `true` is not a weight anyone means.
        if isinstance(weight, bool) or not isinstance(weight, int):
            raise Invalid(f'The weight of A/B variant "{name}" must be a whole number.')
        if not 1 <= weight <= MAX_WEIGHT:
            raise Invalid(f'The weight of A/B variant "{name}" must be between 1 and {MAX_WEIGHT}.')
        result[name] = weight
    if len(result) < 2:
        raise Invalid("An A/B test needs at least two variants.")
    if len(result) > MAX_VARIANTS:
        raise Invalid(f"An A/B test can have at most {MAX_VARIANTS} variants.")
    # Sorted, so re-saving the same weights in another key order assigns nobody anew.
    return dict(sorted(result.items()))


def assign_variant(campaign_id: int, contact_id: int, weights: Mapping[str, int]) -> str | None:
    """The contact's variant in this campaign, or None without A/B. Pure function of the
    ids and weights, so it is reproducible across restarts and workers."""
    usable = sorted((name, weight) for name, weight in weights.items() if weight > 0)
    total = sum(weight for _, weight in usable)
    if total <= 0:
        return None
    digest = hashlib.sha256(f"{campaign_id}:{contact_id}".encode()).digest()
    # 64 bits modulo a total of at most ~10^7: the bias is below 10^-12.
    bucket = int.from_bytes(digest[:8], "big") % total
    for name, weight in usable:
        if bucket < weight:
            return name
        bucket -= weight
    return usable[-1][0]  # unreachable: buckets cover [0, total)


def _check_counts(successes: int, trials: int, label: str) -> None:
    for value in (successes, trials):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise Invalid(f"Variant {label}: counts must be whole numbers of zero or more.")
    if successes > trials:
        raise Invalid(f"Variant {label}: more successes ({successes}) than trials ({trials}).")


def two_proportion_test(
    successes_a: int, trials_a: int, successes_b: int, trials_b: int
) -> dict[str, float | bool]:
    """Two-sided pooled z-test of rate A against rate B. Returns rate_a, rate_b,
    difference (b - a), z, p_value and significant (p < 0.05). Without data in either
    group, or when both rates are 0 % or both 100 %, there is nothing to test: z = 0, p = 1."""
    _check_counts(successes_a, trials_a, "A")
    _check_counts(successes_b, trials_b, "B")
    rate_a = successes_a / trials_a if trials_a else 0.0
    rate_b = successes_b / trials_b if trials_b else 0.0
    z = 0.0
    p_value = 1.0
    if trials_a and trials_b:
        pooled = (successes_a + successes_b) / (trials_a + trials_b)
        variance = pooled * (1 - pooled) * (1 / trials_a + 1 / trials_b)
        if variance > 0:
            z = (rate_b - rate_a) / math.sqrt(variance)
            p_value = math.erfc(abs(z) / math.sqrt(2))
    return {
        "rate_a": rate_a,
        "rate_b": rate_b,
        "difference": rate_b - rate_a,
        "z": z,
        "p_value": p_value,
        "significant": p_value < SIGNIFICANCE_LEVEL,
    }
