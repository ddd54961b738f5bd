"""A plain-text progress bar for the command line."""

from __future__ import annotations

import sys
from typing import TextIO


class ProgressBar:
    """A plain-text progress bar on a terminal: ``[####    ]  45% products``."""

    def __init__(self, out: TextIO | None = None, width: int = 30) -> None:
        self.out = out or sys.stderr
        self.width = width
        self._last: tuple[int, str] | None = None
        self._label_width = 10

    def __call__(self, done: int, total: int, label: str) -> None:
        percent = 100 if total <= 0 else min(100, done * 100 // total)
        if (percent, label) == self._last:
            return
        self._last = (percent, label)
        filled = self.width * percent // 100
        bar = "#" * filled + " " * (self.width - filled)
        self._label_width = max(self._label_width, len(label))
        self.out.write(f"\r[{bar}] {percent:3d}% {label:<{self._label_width}}")
        self.out.flush()

    def finish(self) -> None:
        """End the bar's line."""
        self.out.write("\n")
        self.out.flush()
