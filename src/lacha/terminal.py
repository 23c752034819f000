"""What lacha prints to a terminal never carries a control character from the data (issue 17, item 4).

Import refuses cells holding control characters (importing/workbook.py); this is the second line of defence,
for text that reached the database some other way (an older version, a restored file, a sheet name). Rich writes
its own colours and cursor moves as styles and control segments, apart from the text; ``SafeConsole`` replaces
every C0 control (but tab and line feed), DEL and C1 control in the *text* it writes by U+FFFD, so ESC sequences
(``\\x1b[2J`` clears the screen, OSC 8 draws a fake link) and BEL never reach the terminal.
"""

import re
from collections.abc import Iterable

from rich.console import Console
from rich.segment import Segment

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def sanitise(text: str) -> str:
    """``text`` with every control character but tab and line feed shown as U+FFFD."""
    return _CONTROL.sub("\N{REPLACEMENT CHARACTER}", text) if _CONTROL.search(text) else text


class SafeConsole(Console):
    """A Rich console whose written text is ``sanitise``d; styles and Rich's own control codes are kept."""

    def _render_buffer(self, buffer: Iterable[Segment]) -> str:
        return super()._render_buffer(
            segment if segment.control or not _CONTROL.search(segment.text)
            else Segment(sanitise(segment.text), segment.style, segment.control)
            for segment in buffer)
