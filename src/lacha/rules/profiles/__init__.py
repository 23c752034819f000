"""Criteria profiles: one module per plan, its parameters in the TOML file beside it.

``PROFILES`` maps id → Profile. To change one criterion: open the profile's
module (``kontum_2024.py`` …), find ``Criterion("<id>", …)`` and the function it
names; to change a threshold, window or exemption list: the ``.toml`` beside it.
"""

from lacha.errors import UsageError
from lacha.rules.model import Profile
from lacha.rules.profiles import haiphong_tdp_2026, kontum_2024, laocai_2023, national_2025

DEFAULT_PROFILE = "national-2025"
PROFILES: dict[str, Profile] = {p.id: p for p in (kontum_2024.PROFILE, laocai_2023.PROFILE,
                                                  haiphong_tdp_2026.PROFILE, national_2025.PROFILE)}


def get_profile(profile_id: str | None) -> Profile:
    profile = PROFILES.get(profile_id or DEFAULT_PROFILE)
    if profile is None:
        raise UsageError(f"Không có bộ tiêu chí '{profile_id}' — các bộ có sẵn: {', '.join(PROFILES)} "
                         "(xem: lacha profiles).")
    return profile
