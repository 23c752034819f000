"""Criteria as code. Where to look:

- one plan's criteria: ``profiles/<plan>.py`` — one function per criterion, the plan's words quoted
  above each check, and ``Criterion("<id>", …)`` at the bottom; its thresholds, windows, exemption
  lists and roadmap: ``profiles/<plan>.toml`` beside it (each with its source and ``verified`` flag);
- the reusable checks those functions call: ``checks.py``; the ones a province's profile file may
  compose: ``catalog.py``; the profile file itself: ``profile_file.py`` (docs/profile-file.md);
- one hamlet of a ward (hamlet-level profiles): ``scope.py``; a roadmap scaled to a ward: ``roadmap.py``;
- trọng điểm classification (QĐ 28/2025): ``classification.py`` and ``classification.toml``;
- the vocabulary (Status, Outcome, Parameter, Criterion, Profile): ``model.py``.
"""
