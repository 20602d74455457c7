"""Heavy client libraries imported on first use, not when pytest collects the test module: a test process that
runs none of a module's tests never pays for pandas, DuckDB, pyarrow or frictionless."""

from __future__ import annotations

import importlib


class lazy:
    """A module, imported the first time one of its attributes is read."""

    def __init__(self, name: str):
        self._name = name
        self._module = None

    def __getattr__(self, attribute: str):
        if attribute.startswith("_"):  # pytest probes module attributes (_mock_name, __wrapped__) while collecting
            raise AttributeError(attribute)
        if self._module is None:
            self._module = importlib.import_module(self._name)
        return getattr(self._module, attribute)
