"""Every row of the NIH table, checked against the NIH ODS magnesium fact sheet (Tables 1 and 3) written out here."""

from datetime import UTC, date, datetime

import pytest
import time_machine

from journal import reference
from journal.ledger import day_of
from journal.models import Profile
from tests.builders import log_dose

ON = date(2026, 3, 15)


def born_years_ago(years, months=0, on=ON):
    """The birth date of someone exactly `years` and `months` old on `on` (their birthday)."""
    total = on.year * 12 + on.month - 1 - years * 12 - months
    return date(total // 12, total % 12 + 1, on.day)


# (age years, age months, sex, pregnancy, life stage, RDA or AI mg, kind, UL mg): NIH ODS Tables 1 and 3.
NIH_FIGURES = [
    (0, 3, "female", "", "Infants 0-6 months", 30, "AI", None),
    (0, 9, "male", "", "Infants 7-12 months", 75, "AI", None),
    (2, 0, "female", "", "Children 1-3 years", 80, "RDA", 65),
    (6, 0, "male", "", "Children 4-8 years", 130, "RDA", 110),
    (11, 0, "male", "", "Males 9-13 years", 240, "RDA", 350),
    (16, 0, "male", "", "Males 14-18 years", 410, "RDA", 350),
    (25, 0, "male", "", "Males 19-30 years", 400, "RDA", 350),
    (40, 0, "male", "", "Males 31-50 years", 420, "RDA", 350),
    (60, 0, "male", "", "Males 51-70 years", 420, "RDA", 350),
    (80, 0, "male", "", "Males >70 years", 420, "RDA", 350),
    (11, 0, "female", "", "Females 9-13 years", 240, "RDA", 350),
    (16, 0, "female", "", "Females 14-18 years", 360, "RDA", 350),
    (25, 0, "female", "", "Females 19-30 years", 310, "RDA", 350),
    (35, 0, "female", "", "Females 31-50 years", 320, "RDA", 350),
    (60, 0, "female", "", "Females 51-70 years", 320, "RDA", 350),
    (75, 0, "female", "", "Females >70 years", 320, "RDA", 350),
    (17, 0, "female", "pregnant", "Pregnancy 14-18 years", 400, "RDA", 350),
    (25, 0, "female", "pregnant", "Pregnancy 19-30 years", 350, "RDA", 350),
    (35, 0, "female", "pregnant", "Pregnancy 31-50 years", 360, "RDA", 350),
    (17, 0, "female", "lactating", "Lactation 14-18 years", 360, "RDA", 350),
    (25, 0, "female", "lactating", "Lactation 19-30 years", 310, "RDA", 350),
    (35, 0, "female", "lactating", "Lactation 31-50 years", 320, "RDA", 350),
]


@pytest.mark.parametrize(("years", "months", "sex", "pregnancy", "life_stage", "intake", "kind", "ul"), NIH_FIGURES)
def test_each_life_stage_gets_the_nih_figures(years, months, sex, pregnancy, life_stage, intake, kind, ul):
    row = reference.reference_for(born_years_ago(years, months), sex, pregnancy, on=ON)
    assert (row.life_stage, row.intake_mg, row.intake_kind, row.ul_supplement_mg) == (life_stage, intake, kind, ul)


def test_the_figures_above_cover_every_row_of_the_table():
    assert {figures[4] for figures in NIH_FIGURES} == {row.life_stage for row in reference.TABLE}


@pytest.mark.parametrize(
    ("years", "sex", "pregnancy", "rda_the_day_before", "rda_on_the_birthday"),
    [
        (1, "female", "", 75, 80),  # infant AI to child RDA
        (4, "male", "", 80, 130),
        (9, "female", "", 130, 240),
        (14, "male", "", 240, 410),
        (19, "female", "", 360, 310),
        (19, "male", "", 410, 400),
        (31, "female", "", 310, 320),
        (31, "male", "", 400, 420),
        (51, "female", "", 320, 320),
        (71, "male", "", 420, 420),
        (19, "female", "pregnant", 400, 350),
        (31, "female", "pregnant", 350, 360),
        (19, "female", "lactating", 360, 310),
        (31, "female", "lactating", 310, 320),
    ],
)
def test_the_new_row_applies_from_the_birthday(years, sex, pregnancy, rda_the_day_before, rda_on_the_birthday):
    birth_date = born_years_ago(years)
    the_day_before = date.fromordinal(ON.toordinal() - 1)
    assert reference.reference_for(birth_date, sex, pregnancy, on=the_day_before).intake_mg == rda_the_day_before
    assert reference.reference_for(birth_date, sex, pregnancy, on=ON).intake_mg == rda_on_the_birthday


def test_the_day_someone_turns_51_and_71_changes_the_life_stage():
    assert reference.reference_for(born_years_ago(51), "female", on=ON).life_stage == "Females 51-70 years"
    assert reference.reference_for(born_years_ago(71), "male", on=ON).life_stage == "Males >70 years"


def test_infant_turns_to_the_older_ai_at_six_months():
    assert reference.reference_for(born_years_ago(0, 6), "male", on=ON).ai_mg == 75
    the_day_before = date(2026, 3, 14)
    assert reference.reference_for(born_years_ago(0, 6), "male", on=the_day_before).ai_mg == 30


@pytest.mark.parametrize(("years", "expected"), [(13, "Females 9-13 years"), (55, "Females 51-70 years")])
def test_pregnancy_outside_the_tabled_ages_uses_the_row_for_age_and_sex(years, expected):
    assert reference.reference_for(born_years_ago(years), "female", "pregnant", on=ON).life_stage == expected


@pytest.mark.parametrize(("birth_date", "sex"), [(None, "female"), (date(1990, 1, 1), ""), (date(2027, 1, 1), "male")])
def test_no_row_without_age_and_sex(birth_date, sex):
    assert reference.reference_for(birth_date, sex, on=ON) is None


def test_a_doctors_goal_replaces_the_rda():
    row = reference.reference_for(born_years_ago(35), "female", on=ON)
    assert reference.goal_for(row, 500) == reference.Goal(500, "goal set by your doctor", "your profile")
    assert reference.goal_for(row).mg == 320
    assert reference.goal_for(row).label == "RDA for females 31-50 years"


def test_without_age_and_sex_the_goal_is_the_daily_value():
    assert reference.goal_for(None).mg == 420


@pytest.mark.django_db
def test_profile_upper_limit_follows_age(user):
    profile = Profile.objects.create(user=user, birth_date=born_years_ago(2), sex="male")
    assert profile.supplement_upper_limit_mg(on=ON) == 65
    profile.birth_date = born_years_ago(0, 3)
    assert profile.supplement_upper_limit_mg(on=ON) is None
    profile.birth_date = None
    assert profile.supplement_upper_limit_mg(on=ON) == 350  # the adult limit while age is unknown


@pytest.mark.django_db
def test_a_dose_at_2330_in_new_york_counts_for_that_local_day(user):
    profile = Profile.objects.create(user=user, time_zone="America/New_York")
    taken_at = datetime(2026, 3, 15, 3, 30, tzinfo=UTC)  # 23:30 on the 14th in New York (EDT, UTC-4)
    assert profile.local_date(taken_at) == date(2026, 3, 14)
    log_dose(user, elemental_mg="100", taken_at=taken_at)
    assert day_of(profile, date(2026, 3, 14)).supplement_mg == 100
    assert day_of(profile, date(2026, 3, 15)).supplement_mg == 0


@pytest.mark.django_db
def test_today_is_the_users_local_day(user):
    profile = Profile.objects.create(user=user, time_zone="America/New_York")
    with time_machine.travel(datetime(2026, 3, 15, 3, 30, tzinfo=UTC), tick=False):
        assert profile.today() == date(2026, 3, 14)
