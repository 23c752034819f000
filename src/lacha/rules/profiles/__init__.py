"""Criteria profiles: one module per plan. ``PROFILES`` maps id → Profile."""

from lacha.errors import UsageError
from lacha.rules.model import Profile
from lacha.rules.profiles import kontum_2024

DEFAULT_PROFILE = "kontum-2024"
PROFILES: dict[str, Profile] = {p.id: p for p in (kontum_2024.PROFILE,)}


def get_profile(profile_id: str | None) -> Profile:
    profile = PROFILES.get(profile_id or DEFAULT_PROFILE)
    if profile is None:
        raise UsageError(f"Không có bộ tiêu chí '{profile_id}' — các bộ có sẵn: {', '.join(PROFILES)} "
                         "(xem: lacha profiles).")
    return profile
