"""Reference amounts of magnesium by life stage.

The table in journal/data/magnesium_dri.csv is the IOM/NASEM Dietary Reference
Intakes for magnesium (1997), the same figures as Tables 1 and 3 of the NIH
Office of Dietary Supplements fact sheet "Magnesium - Fact Sheet for Health
Professionals". Ages are in years, the minimum inclusive and the maximum
exclusive ("1-3 years" is 1 <= age < 4).

The RDA (or AI for infants) covers total intake: food, water and supplements.
The tolerable upper intake level (UL) concerns magnesium from supplements and
medicines only; magnesium in food has no upper limit.
"""

import csv
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from foods.labels import DAILY_VALUE_MG, DAILY_VALUE_SOURCE

DRI_TABLE = Path(__file__).parent / "data" / "magnesium_dri.csv"
DRI_SOURCE = "NIH Office of Dietary Supplements, Magnesium fact sheet (IOM/NASEM Dietary Reference Intakes, 1997)"

# The UL for supplemental magnesium from age 9 on, pregnancy and lactation included.
ADULT_SUPPLEMENT_UL_MG = 350


@dataclass(frozen=True)
class LifeStageReference:
    life_stage: str
    sex: str  # "both", "male" or "female"
    age_min: Decimal
    age_max: Decimal | None
    rda_mg: int | None
    ai_mg: int | None
    ul_supplement_mg: int | None
    pregnancy: str  # "", "pregnant" or "lactating"

    @property
    def intake_mg(self):
        """The RDA, or the AI where no RDA is set (infants)."""
        return self.rda_mg if self.rda_mg is not None else self.ai_mg

    @property
    def intake_kind(self):
        return "RDA" if self.rda_mg is not None else "AI"

    def covers(self, age_years, sex, pregnancy):
        return (
            self.pregnancy == pregnancy
            and self.sex in ("both", sex)
            and self.age_min <= age_years
            and (self.age_max is None or age_years < self.age_max)
        )


def _optional_int(text):
    return int(text) if text else None


def _pregnancy_of(life_stage):
    if life_stage.startswith("Pregnancy"):
        return "pregnant"
    if life_stage.startswith("Lactation"):
        return "lactating"
    return ""


def load_table(path=DRI_TABLE):
    with open(path, newline="", encoding="utf-8") as f:
        return tuple(
            LifeStageReference(
                life_stage=row["life_stage"],
                sex=row["sex"],
                age_min=Decimal(row["age_min_years"]),
                age_max=Decimal(row["age_max_years"]) if row["age_max_years"] else None,
                rda_mg=_optional_int(row["rda_mg"]),
                ai_mg=_optional_int(row["ai_mg"]),
                ul_supplement_mg=_optional_int(row["ul_supplement_mg"]),
                pregnancy=_pregnancy_of(row["life_stage"]),
            )
            for row in csv.DictReader(f)
        )


TABLE = load_table()


def age_in_years(birth_date, on):
    """Age as a decimal number of years (months count for infants)."""
    months = (on.year - birth_date.year) * 12 + on.month - birth_date.month - (on.day < birth_date.day)
    return Decimal(months) / 12


def reference_for(birth_date, sex, pregnancy="", *, on):
    """The table row for this person on this date, or None when age or sex is unknown.

    Pregnancy and lactation rows exist for ages 14-50 only; outside them the
    row for the person's age and sex applies.
    """
    if birth_date is None or not sex:
        return None
    return _row_for(age_in_years(birth_date, on), sex, pregnancy)


@lru_cache(maxsize=4096)
def _row_for(age, sex, pregnancy):
    """The table row for an age in years, a sex and a pregnancy state: the table is fixed, so each answer is kept
    (a report of three years asks about 2,200 times, for a handful of ages)."""
    for wanted in [pregnancy, ""] if pregnancy else [""]:
        for row in TABLE:
            if row.covers(age, sex, wanted):
                return row
    return None


@dataclass(frozen=True)
class Goal:
    mg: int
    label: str  # what the goal is, said to the user: "RDA for females 31-50 years"
    source: str


def goal_for(reference, doctor_goal_mg=None):
    if doctor_goal_mg:
        return Goal(doctor_goal_mg, "goal set by your doctor", "your profile")
    if reference is not None:
        return Goal(reference.intake_mg, f"{reference.intake_kind} for {reference.life_stage.lower()}", DRI_SOURCE)
    return Goal(
        DAILY_VALUE_MG, "Daily Value (add your age and sex in your profile for your own RDA)", DAILY_VALUE_SOURCE
    )
