"""Large, realistic canonical roster workbooks for the benchmarks (deterministic, invented data).

    python benchmarks/make_workbook.py                    # both cases into benchmarks/data/
    python benchmarks/make_workbook.py --case large --households 20000 --people 2000

Two cases:
- ``large``: one large ward, ``data/large-ward.xlsx`` — 100,000 households in
  250 tổ dân phố, 10,000 people across the four person rosters (3,000 người
  nghiện, 3,000 người sử dụng, 2,500 sau cai, 1,500 vi phạm), 300 điểm/tụ điểm,
  400 đối tượng, 250 mô hình, 120 findings of drug plants.
- ``province``: 150 communes, one workbook each (``data/province/NNN-slug.xlsx``),
  as a province police office collects them: 6–16 thôn each, 600–1,400
  households each (about 150,000 in all), about 70 people each (about 10,500).

Every workbook is written by ``lacha.workbook_writer.write_workbook``, the code
path of ``lacha template`` / export, so it is exactly what an officer's
canonical file looks like. Names, CCCD numbers, addresses and documents are
invented (a fixed random seed: the same files every time).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
SEED = 2025
D = dt.date

FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
          "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trịnh", "Lương", "Mai", "Tạ", "Cao", "A", "Y")
MIDDLE = {"Nam": ("Văn", "Hữu", "Đức", "Quang", "Minh", "Công", "Thanh", "Ngọc", "Xuân", "Đình", "Bá"),
          "Nữ": ("Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Kim", "Mỹ", "Hồng", "Bích")}
GIVEN = {"Nam": ("Hùng", "Dũng", "Tuấn", "Nam", "Long", "Phúc", "Thắng", "Bình", "Cường", "Hải", "Khánh",
                 "Sơn", "Toàn", "Trung", "Việt", "Hiếu", "Lâm", "Quý", "Tài", "Vinh", "Đạt", "Khoa"),
         "Nữ": ("Lan", "Hương", "Mai", "Hoa", "Hạnh", "Thảo", "Trang", "Nhung", "Yến", "Linh", "Phương",
                "Hà", "Loan", "Oanh", "Tâm", "Nga", "Duyên", "Vân")}
STREETS = ("Trần Hưng Đạo", "Lê Lợi", "Bà Triệu", "Phan Chu Trinh", "Hai Bà Trưng", "Ngô Quyền",
           "Lý Thường Kiệt", "Nguyễn Huệ", "Trần Phú", "Hùng Vương", "Ure", "Đào Duy Từ", "Bắc Kạn")
PLACE_A = ("Tân", "Hòa", "Đăk", "Ngọc", "Kon", "Sa", "Ya", "Đắk", "Plei", "Bờ", "Vinh", "Quảng", "Phú", "Thạnh",
           "Diên")
PLACE_B = ("Lập", "Bình", "Hà", "Tô", "Rve", "Mơ Rông", "Long", "Hưng", "Xuân", "Thắng", "Sơn", "Ngọk", "Hải",
           "Trung")
ACTS = ("Sử dụng trái phép chất ma túy", "Tàng trữ trái phép chất ma túy", "Mua bán trái phép chất ma túy",
        "Tổ chức sử dụng trái phép chất ma túy", "Vận chuyển trái phép chất ma túy")
MODEL_TYPES = ("Tổ dân phố không ma túy", "Gia đình không có người nghiện", "Câu lạc bộ thanh niên",
               "Tổ tự quản an ninh trật tự", "Camera an ninh")
PERSON_STATUS = (("Có mặt", 85), ("Vắng mặt", 5), ("Đang cai nghiện tại cơ sở", 4), ("Đang chấp hành án", 3),
                 ("Chuyển đi", 2), ("Chết", 1))
REHAB_FORMS = ("Tự nguyện tại gia đình", "Tự nguyện tại cộng đồng", "Tự nguyện tại cơ sở", "Bắt buộc", "Methadone")


class Faker:
    """Invented people: names may repeat (as in life), CCCD numbers never do."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.ids: set[str] = set()

    def gender(self) -> str:
        return "Nam" if self.rng.random() < 0.85 else "Nữ"  # the rosters are mostly men

    def name(self, gender: str) -> str:
        r = self.rng
        return f"{r.choice(FAMILY)} {r.choice(MIDDLE[gender])} {r.choice(GIVEN[gender])}"

    def birth(self) -> dt.date | int:
        year = self.rng.randint(1965, 2006)
        if self.rng.random() < 0.15:
            return year  # only the year is known
        return D(year, 1, 1) + dt.timedelta(days=self.rng.randrange(365))

    def cccd(self, birth: dt.date | int, gender: str, province: str = "062") -> str:
        year = birth if isinstance(birth, int) else birth.year
        century = (0 if year < 2000 else 2) + (1 if gender == "Nữ" else 0)
        while True:
            number = f"{province}{century}{year % 100:02d}{self.rng.randrange(10 ** 6):06d}"
            if number not in self.ids:
                self.ids.add(number)
                return number

    def day(self, start: dt.date, end: dt.date) -> dt.date:
        return start + dt.timedelta(days=self.rng.randrange((end - start).days + 1))

    def weighted(self, pairs) -> str:
        values, weights = zip(*pairs)
        return self.rng.choices(values, weights)[0]


def _split(total: int, parts: int, rng: random.Random) -> list[int]:
    """``total`` split into ``parts`` positive counts that vary by about ±20%."""
    weights = [rng.uniform(0.8, 1.2) for _ in range(parts)]
    scale = total / sum(weights)
    counts = [max(1, int(w * scale)) for w in weights]
    counts[-1] += total - sum(counts)
    return counts


def ward_rows(name: str, slug: str, *, households: int, people: int, hamlets: int, hotspots: int,
              suspects: int, models: int, plants: int, seed: int, kind: str = "Phường",
              hamlet_word: str = "Tổ dân phố") -> tuple[dict, dict[str, list[dict]]]:
    """One ward's DiaBan values and roster rows, ready for ``write_workbook``."""
    rng = random.Random(seed)
    fake = Faker(rng)
    hamlet_households = _split(households, hamlets, rng)
    hamlet_rows = []
    for number, count in enumerate(hamlet_households, 1):
        hamlet_rows.append({
            "key": f"T{number:03d}", "name": f"{hamlet_word} {number}", "households_declared": count,
            "population": int(count * rng.uniform(3.6, 4.4)),
            "mailbox": rng.random() > 0.01, "hotline_board": rng.random() > 0.02,
        })
    codes = [h["key"] for h in hamlet_rows]

    household_rows = []
    for hamlet, count in zip(hamlet_rows, hamlet_households):
        for _ in range(count):
            signed = rng.random() > 0.004
            household_rows.append({
                "key": f"HGD-{len(household_rows) + 1:06d}", "head": fake.name(fake.gender()),
                "hamlet_code": hamlet["key"],
                "address": f"{rng.randint(1, 480)} {rng.choice(STREETS)}, {hamlet['name']}",
                "signed": signed, "signed_on": fake.day(D(2024, 1, 2), D(2024, 11, 29)) if signed else None,
                "note": None if signed else "Chưa ký, đang vận động",
            })

    def person(**extra) -> dict:
        gender = fake.gender()
        birth = fake.birth()
        managed = rng.random() > 0.02
        return {"key": fake.cccd(birth, gender), "name": fake.name(gender), "birth": birth, "gender": gender,
                "hamlet_code": rng.choice(codes), "status": fake.weighted(PERSON_STATUS),
                "has_management_file": managed,
                "management_file_on": fake.day(D(2019, 1, 1), D(2024, 11, 30)) if managed else None,
                "note": None, **extra}

    shares = {"addicts": 0.30, "users": 0.30, "post_rehab": 0.25, "violations": 0.15}
    counts = {kind_: int(people * share) for kind_, share in shares.items()}
    counts["violations"] += people - sum(counts.values())
    addicts = [person(rehab_form=rng.choice(REHAB_FORMS + (None,)), has_rehab_file=rng.random() > 0.05,
                      psychosis=rng.random() < 0.03) for _ in range(counts["addicts"])]
    users = []
    for _ in range(counts["users"]):
        decided = fake.day(D(2022, 1, 1), D(2024, 11, 30))
        users.append(person(decision_number=f"{rng.randint(1, 999)}/QĐ-UBND", decision_on=decided,
                            managed_until=decided + dt.timedelta(days=365)))
    post_rehab = []
    for _ in range(counts["post_rehab"]):
        done = fake.day(D(2021, 1, 1), D(2024, 10, 31))
        post_rehab.append(person(rehab_completed_on=done, has_post_rehab_file=rng.random() > 0.03,
                                 managed_until=done + dt.timedelta(days=730)))
    violations = [person(act=rng.choice(ACTS), found_on=fake.day(D(2020, 1, 1), D(2024, 12, 10)),
                         arrested=rng.random() < 0.3, wanted=rng.random() < 0.02,
                         handling_status=rng.choice(("Đang xử lý", "Đã xử lý", "Đã xử lý", "Đang lẩn trốn")))
                  for _ in range(counts["violations"])]

    hotspot_rows = []
    for number in range(1, hotspots + 1):
        found = fake.day(D(2018, 1, 1), D(2024, 6, 30))
        cleared = rng.random() < 0.8
        hotspot_rows.append({
            "key": f"DTD-{number:04d}", "name": f"Quán {rng.choice(('nước', 'karaoke', 'cà phê', 'bi-a'))} số {number}",
            "type": rng.choice(("Tụ điểm phức tạp", "Điểm phức tạp", "Điểm bán lẻ", "Điểm tổ chức, chứa chấp sử dụng")),
            "hamlet_code": rng.choice(codes), "found_on": found,
            "status": "Đã triệt xóa" if cleared else "Đang hoạt động",
            "cleared_on": fake.day(found, D(2024, 11, 30)) if cleared else None, "note": None,
        })
    suspect_rows = []
    for number in range(1, suspects + 1):
        kind_ = rng.choice(("Đối tượng", "Đối tượng", "Ổ nhóm", "Đường dây", "Đối tượng bán lẻ"))
        label = fake.name(fake.gender()) if kind_.startswith("Đối tượng") else f"{kind_} {rng.choice(PLACE_A)} {number}"
        suspect_rows.append({
            "key": f"DT-{number:04d}", "name": label, "type": kind_, "hamlet_code": rng.choice(codes),
            "status": rng.choice(("Đang theo dõi", "Đã xử lý", "Đã loại khỏi diện nghi vấn")),
            "updated_on": fake.day(D(2023, 1, 1), D(2024, 12, 1)), "note": None,
        })
    model_rows = []
    for number in range(1, models + 1):
        founded = fake.day(D(2019, 1, 1), D(2024, 9, 30))
        model_rows.append({
            "name": f"{rng.choice(MODEL_TYPES)} số {number}", "type": rng.choice(MODEL_TYPES), "founded_on": founded,
            "status": rng.choice(("Đang duy trì hiệu quả",) * 8 + ("Hoạt động chưa hiệu quả", "Ngừng hoạt động")),
            "evaluated_on": fake.day(founded, D(2024, 11, 30)), "note": None,
        })
    plant_rows = []
    for number in range(1, plants + 1):
        plant_rows.append({
            "hamlet_code": rng.choice(codes), "found_on": fake.day(D(2019, 1, 1), D(2024, 11, 30)),
            "plant_count": number * 7 + rng.randint(1, 6), "area_m2": round(rng.uniform(1, 200), 1),
            "destroyed": rng.random() > 0.05, "note": None,
        })

    population = sum(h["population"] for h in hamlet_rows)
    ward = {
        "slug": slug, "name": name, "kind": kind, "province": "Tỉnh Kon Tum",
        "parent": "Ủy ban nhân dân tỉnh Kon Tum", "population": population, "households_declared": households,
        "on_route": rng.random() < 0.3, "profile": "kontum-2024", "signer": fake.name("Nam"),
        "signer_title": "Chủ tịch", "doc_number": f"{rng.randint(10, 400)}/TTr-UBND",
        "recipients": "Ủy ban nhân dân tỉnh Kon Tum; Công an tỉnh Kon Tum",
    }
    rows = {"hamlets": hamlet_rows, "households": household_rows, "addicts": addicts, "users": users,
            "post_rehab": post_rehab, "violations": violations, "hotspots": hotspot_rows,
            "suspects": suspect_rows, "models": model_rows, "plants": plant_rows}
    return ward, {kind_: fit(kind_, kind_rows) for kind_, kind_rows in rows.items()}


def fit(kind: str, rows: list[dict]) -> list[dict]:
    """Rows keyed by the roster's declared fields: the person id goes to the field of the column
    headed "Số định danh" (``key`` or ``person_id``); fields the roster does not declare are dropped."""
    from lacha.importing.kinds import BY_KIND

    columns = BY_KIND[kind].columns
    known = {c.field for c in columns}
    id_field = next((c.field for c in columns if c.header == "Số định danh"), "key")
    rename = {"key": id_field} if "key" not in known or id_field != "key" else {}
    return [{rename.get(k, k): v for k, v in row.items() if rename.get(k, k) in known} for row in rows]


LARGE = dict(name="Phường Bến Thành Mới", slug="ben-thanh-moi", households=100_000, people=10_000, hamlets=250,
             hotspots=300, suspects=400, models=250, plants=120)
PROVINCE_COMMUNES = 150


def large_ward(households: int = LARGE["households"], people: int = LARGE["people"]):
    params = {**LARGE, "households": households, "people": people,
              "hamlets": max(1, round(LARGE["hamlets"] * households / LARGE["households"]))}
    return ward_rows(seed=SEED, **params)


def commune_names(count: int, rng: random.Random) -> list[str]:
    pairs = [(a, b) for a in PLACE_A for b in PLACE_B]
    rng.shuffle(pairs)
    if count > len(pairs):
        raise ValueError(f"at most {len(pairs)} communes")
    return [f"{a} {b}" for a, b in pairs[:count]]


def province(communes: int = PROVINCE_COMMUNES):
    """Yields (file stem, ward, rows) for each commune of the province."""
    from lacha.importing.apply import slug_from_name

    rng = random.Random(SEED + 1)
    places, slugs = [], set()
    for place in commune_names(len(PLACE_A) * len(PLACE_B), rng):  # "Đăk Hà" and "Đắk Hà" share a slug
        if slug_from_name(place) not in slugs:
            slugs.add(slug_from_name(place))
            places.append(place)
    if len(places) < communes:
        raise ValueError(f"at most {len(places)} communes")
    for number, place in enumerate(places[:communes], 1):
        kind = "Phường" if number % 6 == 0 else "Xã"
        name = f"{kind} {place}"
        slug = slug_from_name(name)
        size = dict(households=rng.randint(600, 1400), people=rng.randint(40, 100), hamlets=rng.randint(6, 16),
                    hotspots=rng.randint(0, 4), suspects=rng.randint(0, 6), models=rng.randint(2, 8),
                    plants=rng.randint(0, 3))
        ward, rows = ward_rows(name, slug, seed=SEED * 1000 + number, kind=kind,
                               hamlet_word="Tổ dân phố" if kind == "Phường" else "Thôn", **size)
        yield f"{number:03d}-{slug}", ward, rows


def _fresh(path: Path, params: dict) -> bool:
    """True when ``path`` was made with the same parameters (``path``.json beside it)."""
    stamp = path.with_name(path.name + ".json")
    return path.exists() and stamp.exists() and json.loads(stamp.read_text()) == params


def _stamp(path: Path, params: dict) -> None:
    path.with_name(path.name + ".json").write_text(json.dumps(params))


def build_large(out: Path = DATA, households: int = LARGE["households"], people: int = LARGE["people"],
                log=print) -> Path:
    from lacha.workbook_writer import write_workbook

    path = out / "large-ward.xlsx"
    params = {"households": households, "people": people, "seed": SEED, "version": 1}
    if _fresh(path, params):
        return path
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    ward, rows = large_ward(households, people)
    write_workbook(path, ward, rows)
    _stamp(path, params)
    log(f"wrote {path} ({sum(len(r) for r in rows.values()):,} rows, "
        f"{path.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - started:.0f} s")
    return path


def build_province(out: Path = DATA, communes: int = PROVINCE_COMMUNES, log=print) -> list[Path]:
    from lacha.workbook_writer import write_workbook

    folder = out / "province"
    params = {"communes": communes, "seed": SEED, "version": 2}
    stamp = folder / "manifest.json"
    if stamp.exists() and json.loads(stamp.read_text()).get("params") == params:
        return [folder / name for name in json.loads(stamp.read_text())["files"]]
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.xlsx"):
        old.unlink()
    started = time.perf_counter()
    files, total = [], 0
    for stem, ward, rows in province(communes):
        path = folder / f"{stem}.xlsx"
        write_workbook(path, ward, rows)
        files.append(path.name)
        total += sum(len(r) for r in rows.values())
    stamp.write_text(json.dumps({"params": params, "files": files}))
    log(f"wrote {len(files)} commune workbooks in {folder} ({total:,} rows) in {time.perf_counter() - started:.0f} s")
    return [folder / name for name in files]


def province_files(out: Path = DATA) -> list[Path]:
    """The commune workbooks ``build_province`` made, in order."""
    folder = out / "province"
    return [folder / name for name in json.loads((folder / "manifest.json").read_text())["files"]]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--case", choices=("large", "province", "all"), default="all")
    parser.add_argument("--out", type=Path, default=DATA)
    parser.add_argument("--households", type=int, default=LARGE["households"])
    parser.add_argument("--people", type=int, default=LARGE["people"])
    parser.add_argument("--communes", type=int, default=PROVINCE_COMMUNES)
    args = parser.parse_args(argv)
    if args.case in ("large", "all"):
        print(build_large(args.out, args.households, args.people))
    if args.case in ("province", "all"):
        print(f"{len(build_province(args.out, args.communes))} communes in {args.out / 'province'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
