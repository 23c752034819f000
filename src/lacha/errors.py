"""Errors that reach the officer: a Vietnamese message and an exit code.

The CLI translates them to an exit status in one place (`cli.main`); nothing
else prints a traceback.
"""


class LachaError(Exception):
    """An error the officer can act on. ``message`` is Vietnamese and ends with the fix."""

    exit_code = 2

    def __init__(self, message: str, exit_code: int | None = None):
        super().__init__(message)
        self.message = message
        if exit_code is not None:
            self.exit_code = exit_code


class UsageError(LachaError):
    """Bad use of a command (missing --ward with several wards, unknown profile …)."""


class InputError(LachaError):
    """A file or value that cannot be read; nothing was written."""


class WorkbookRejected(InputError):
    """The workbook has errors: every one of them is in ``issues``; nothing was written."""

    def __init__(self, message: str, issues: list):
        super().__init__(message)
        self.issues = issues
