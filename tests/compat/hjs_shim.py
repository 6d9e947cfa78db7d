"""Let hypothesis-jsonschema 0.23.1 generate objects under current Hypothesis.

hypothesis-jsonschema's object strategy drives Hypothesis' private `many`
helper through a `.more()` method that recent Hypothesis releases replaced
with a context manager and iteration; every object draw then fails with
AttributeError. Until hypothesis-jsonschema catches up, `patched()` swaps in,
for that one module only, a small adapter exposing the old interface on top of
the new one. Nothing else in Hypothesis is touched.
"""

from __future__ import annotations

import contextlib
import types
from collections.abc import Iterator
from typing import Any

import hypothesis_jsonschema._from_schema as from_schema_module
from hypothesis.internal.conjecture import utils as conjecture_utils


class _LegacyMany:
    def __init__(
        self, data: Any, min_size: int, max_size: float, average_size: float
    ) -> None:
        self._many = conjecture_utils.many(
            data,
            min_size=min_size,
            max_size=max_size,
            average_size=average_size,
        )
        self._many.__enter__()
        self._steps = iter(self._many)

    def more(self) -> bool:
        if next(self._steps, StopIteration) is StopIteration:
            self._many.__exit__(None)
            return False
        return True

    def reject(self, why: str | None = None) -> None:
        self._many.reject(why)


def needed() -> bool:
    return not hasattr(conjecture_utils.many, "more")


@contextlib.contextmanager
def patched() -> Iterator[None]:
    if not needed():
        yield
        return
    proxy = types.SimpleNamespace(**vars(conjecture_utils))
    proxy.many = _LegacyMany
    module: Any = from_schema_module
    original = module.cu
    module.cu = proxy
    try:
        yield
    finally:
        module.cu = original
