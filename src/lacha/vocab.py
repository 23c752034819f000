"""Closed vocabularies of the rosters (roster-format.md), as stored in the database.

Each value is stored in its canonical Vietnamese spelling; the importer maps
the aliases officers write (folded, Tolerance 9) to it, and the rules compare
against these members, never against string literals.
"""

from enum import Enum


class PersonStatus(str, Enum):
    """Tình trạng of a person on a roster."""

    PRESENT = "Có mặt"
    ABSENT = "Vắng mặt"
    IN_FACILITY = "Đang cai nghiện tại cơ sở"
    IN_PRISON = "Đang chấp hành án"
    MOVED_AWAY = "Chuyển đi"
    DEAD = "Chết"

    @property
    def on_territory(self) -> bool:
        """*Trên địa bàn*: not moved away and not dead (criteria.md)."""
        return self not in (PersonStatus.MOVED_AWAY, PersonStatus.DEAD)


class RehabForm(str, Enum):
    """Hình thức cai nghiện."""

    HOME = "Tự nguyện tại gia đình"
    COMMUNITY = "Tự nguyện tại cộng đồng"
    FACILITY_VOLUNTARY = "Tự nguyện tại cơ sở"
    COMPULSORY = "Bắt buộc"
    METHADONE = "Methadone"


class WardType(str, Enum):
    COMMUNE = "Xã"
    WARD = "Phường"
    TOWNSHIP = "Thị trấn"
    SPECIAL_ZONE = "Đặc khu"


class HotspotType(str, Enum):
    COMPLEX_HUB = "Tụ điểm phức tạp"
    COMPLEX_POINT = "Điểm phức tạp"
    RETAIL = "Điểm bán lẻ"
    USE_VENUE = "Điểm tổ chức, chứa chấp sử dụng"


class HotspotStatus(str, Enum):
    ACTIVE = "Đang hoạt động"
    SUSPECTED = "Nghi vấn"  # Điều 2 khoản 1 QĐ 28/2025: a suspected place counts as a point (qd28-2025.md)
    CLEARED = "Đã triệt xóa"


class SuspectType(str, Enum):
    PERSON = "Đối tượng"
    GROUP = "Ổ nhóm"
    NETWORK = "Đường dây"
    RETAILER = "Đối tượng bán lẻ"


class SuspectStatus(str, Enum):
    WATCHED = "Đang theo dõi"
    HANDLED = "Đã xử lý"
    CLEARED = "Đã loại khỏi diện nghi vấn"


class ModelStatus(str, Enum):
    EFFECTIVE = "Đang duy trì hiệu quả"
    INEFFECTIVE = "Hoạt động chưa hiệu quả"
    STOPPED = "Ngừng hoạt động"


class HandlingStatus(str, Enum):
    """Tình trạng xử lý of a violation."""

    IN_PROGRESS = "Đang xử lý"
    DONE = "Đã xử lý"
    AT_LARGE = "Đang lẩn trốn"


class Gender(str, Enum):
    MALE = "Nam"
    FEMALE = "Nữ"


# Spellings officers use for a member, beyond its own value (compared folded).
ALIASES: dict[Enum, tuple[str, ...]] = {
    PersonStatus.ABSENT: ("Đi khỏi địa phương", "Vắng", "Đi khỏi nơi cư trú"),
    PersonStatus.IN_FACILITY: ("Cai nghiện tại cơ sở", "Đang cai nghiện", "Đang ở cơ sở cai nghiện"),
    PersonStatus.IN_PRISON: ("Chấp hành án", "Đang thi hành án", "Đang chấp hành án phạt tù", "Đang ở tù"),
    PersonStatus.MOVED_AWAY: ("Đã chuyển đi", "Chuyển khẩu"),
    PersonStatus.DEAD: ("Đã chết", "Đã mất", "Chết"),
    RehabForm.HOME: ("Cai nghiện tại gia đình", "Tại gia đình", "Gia đình"),
    RehabForm.COMMUNITY: ("Cai nghiện tại cộng đồng", "Tại cộng đồng", "Cộng đồng"),
    RehabForm.FACILITY_VOLUNTARY: ("Cai nghiện tự nguyện tại cơ sở",),
    RehabForm.COMPULSORY: ("Cai nghiện bắt buộc", "Bắt buộc tại cơ sở"),
    RehabForm.METHADONE: ("Điều trị thay thế", "Điều trị Methadone", "Điều trị nghiện bằng Methadone"),
    HotspotType.USE_VENUE: ("Điểm tổ chức sử dụng", "Điểm chứa chấp sử dụng", "Điểm tổ chức, chứa chấp"),
    HotspotStatus.CLEARED: ("Triệt xóa", "Đã triệt phá", "Đã xóa"),
    HotspotStatus.ACTIVE: ("Còn hoạt động", "Hoạt động"),
    SuspectStatus.CLEARED: ("Đã loại",),
    ModelStatus.EFFECTIVE: ("Duy trì hiệu quả", "Hoạt động hiệu quả", "Hiệu quả"),
    ModelStatus.STOPPED: ("Ngừng", "Dừng hoạt động"),
    Gender.FEMALE: ("Nu",),
}
