"""One day reads the same on the day page, the week page, insights, the doctor report and both CSV files.

Each case builds one day, Wednesday 11 March 2026, for Alice (born 1 January 1986, so 40: the RDA for women 31-50
is 320 mg), with the clock frozen a week later. Figures worked out by hand, SR28 per 100 g:
- pumpkin seeds (12014), 592 mg: 1 oz of 28.35 g gives 167.832, kept as 167.83 mg, shown as 168 mg;
- spinach (11457), 79 mg: 1 cup of 30 g gives 23.70 mg, shown as 24 mg;
- chamomile tea has no magnesium figure.
"""

import csv
import io
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest
import time_machine

from journal.ledger import LOWER_BOUND, NO_FIGURE, NO_FOOD, NOTHING_LOGGED
from journal.models import DayMark, Profile
from tests.builders import log_dose, log_food, make_food, pumpkin_seeds, spinach, write_note

DAY = date(2026, 3, 11)
NOW = datetime(2026, 3, 18, 12, tzinfo=UTC)


@dataclass(frozen=True)
class Expected:
    headline: str  # the day page's magnesium line, tags stripped
    week_cells: str  # food, supplements, total, % of goal, dizziness, fatigue, anxiety on the week page
    csv: dict  # columns of the daily CSV
    left_out_because: str | None  # None when the day counts in averages
    entry_rows: int  # rows of the entries CSV


CASES = {
    "some foods without a figure": Expected(
        "at least 168 mg of 320 mg",
        "≥ 168 mg – ≥ 168 mg ≥53% – – –",
        {"magnesium_food_mg": "168", "magnesium_supplements_mg": "", "magnesium_total_mg": "168",
         "magnesium_total_is": "lower bound", "foods_logged": "2", "foods_with_magnesium": "1", "goal_mg": "320",
         "percent_of_goal": "53", "counted_in_averages": "no"},
        LOWER_BOUND, 2,
    ),
    "no food with a figure": Expected(
        "No data: the food logged has no magnesium figure.",
        "no data – no data – – – –",
        {"magnesium_food_mg": "", "magnesium_total_mg": "", "magnesium_total_is": "", "foods_logged": "1",
         "foods_with_magnesium": "0", "percent_of_goal": "", "counted_in_averages": "no"},
        NO_FIGURE, 1,
    ),
    "only supplements": Expected(
        "No food logged on this day.",
        "– 200 mg – – – – –",
        {"magnesium_food_mg": "", "magnesium_supplements_mg": "200", "magnesium_total_mg": "",
         "supplements": "taken", "supplement_doses": "1", "counted_in_averages": "no"},
        NO_FOOD, 1,
    ),
    "only symptoms": Expected(
        "No food logged on this day.",
        "– – – – 4.0 5.0 2.0",
        {"magnesium_food_mg": "", "magnesium_supplements_mg": "", "magnesium_total_mg": "", "percent_of_goal": "",
         "dizziness_mean": "4.0", "symptom_notes": "1", "counted_in_averages": "no"},
        NO_FOOD, 1,
    ),
    "marked complete": Expected(
        # 167.83 + 23.70 = 191.53 mg, shown as 192 mg; 191.53 / 320 = 59.9%, shown as 60%.
        "192 mg of 320 mg",
        "192 mg – 192 mg 60% – – –",
        {"magnesium_food_mg": "192", "magnesium_total_mg": "192", "magnesium_total_is": "exact",
         "percent_of_goal": "60", "food_log": "complete", "supplements": "not recorded", "counted_in_averages": "yes"},
        None, 2,
    ),
    "no supplements today": Expected(
        # 168 / 320 = 52.5%, half up to 53%.
        "168 mg of 320 mg",
        "168 mg 0 mg 168 mg 53% – – –",
        {"magnesium_food_mg": "168", "magnesium_supplements_mg": "0", "magnesium_total_mg": "168",
         "percent_of_goal": "53", "food_log": "logged", "supplements": "none today", "counted_in_averages": "yes"},
        None, 1,
    ),
    "nothing logged": Expected(
        "No food logged on this day.",
        "nothing logged",
        {"magnesium_food_mg": "", "magnesium_supplements_mg": "", "magnesium_total_mg": "", "goal_mg": "320",
         "food_log": "nothing logged", "supplements": "not recorded", "counted_in_averages": "no",
         "notes": "nothing logged"},
        NOTHING_LOGGED, 0,
    ),
    "a goal changed in between": Expected(
        # The doctor's goal was 400 mg from 1 March, 600 mg from 18 March: 168 / 400 = 42%.
        "168 mg of 400 mg",
        "168 mg – 168 mg 42% – – –",
        {"magnesium_total_mg": "168", "goal_mg": "400", "percent_of_goal": "42", "counted_in_averages": "yes"},
        None, 1,
    ),
}


def build(case, user):
    seeds, greens = pumpkin_seeds(), spinach()
    tea = make_food("Tea, herbal, chamomile, brewed", portions=[("1 cup", 237)], sodium_mg=1)
    if case == "some foods without a figure":
        log_food(user, seeds, 1, DAY, meal="lunch", portion="1 oz")
        log_food(user, tea, 1, DAY, meal="lunch", portion="1 cup")
    elif case == "no food with a figure":
        log_food(user, tea, 1, DAY, portion="1 cup")
    elif case == "only supplements":
        log_dose(user, DAY, elemental_mg=200, units=2)
    elif case == "only symptoms":
        write_note(user, DAY, dizziness=4, fatigue=5, anxiety=2)
    elif case == "marked complete":
        log_food(user, seeds, 1, DAY, portion="1 oz")
        log_food(user, greens, 1, DAY, meal="dinner", portion="1 cup")
        DayMark.objects.create(user=user, date=DAY, food_complete=True)
    elif case == "no supplements today":
        log_food(user, seeds, 1, DAY, portion="1 oz")
        DayMark.objects.create(user=user, date=DAY, no_supplements=True)
    elif case == "a goal changed in between":
        log_food(user, seeds, 1, DAY, portion="1 oz")
        profile = Profile.objects.get(user=user)
        for changed_on, goal in ((datetime(2026, 3, 1, 12, tzinfo=UTC), 400), (NOW, 600)):
            with time_machine.travel(changed_on, tick=False):
                profile.doctor_goal_mg = goal
                profile.save()
                profile.set_doctor_goal(goal)


def text(html):
    """What a reader sees: tags gone, spaces collapsed."""
    words = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&ge;", "≥").replace("&nbsp;", " ")
    return re.sub(r" ([.,;:)])", r"\1", words).strip()


def table_row(html, table_id, label):
    table = html[html.index(f'id="{table_id}"'):]
    row = next(row for row in table.split("<tr>") if label in row)
    return text(row[:row.index("</tr>")])


def csv_rows(client, kind):
    response = client.get("/export/", {"start": DAY, "end": DAY, "kind": kind})
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


@pytest.fixture
def alice(user):
    Profile.objects.create(user=user, birth_date=date(1986, 1, 1), sex="female", time_zone="UTC")
    return user


@pytest.mark.parametrize("case", CASES)
def test_every_page_and_file_reads_the_day_alike(case, logged_in_client, alice):
    expected = CASES[case]
    build(case, alice)
    client = logged_in_client
    with time_machine.travel(NOW, tick=False):
        day_page = text(client.get(f"/day/{DAY}/").content.decode())
        week_page = client.get(f"/week/{DAY}/").content.decode()
        insights = client.get("/insights/", {"days": 28}).content.decode()
        report = text(client.get("/report/", {"start": DAY, "end": DAY}).content.decode())
        daily, entries = csv_rows(client, "daily"), csv_rows(client, "entries")

    assert expected.headline in day_page
    assert table_row(week_page, "week-table", "Wed 11 Mar") == f"Wed 11 Mar {expected.week_cells}"
    assert {column: daily[0][column] for column in expected.csv} == expected.csv
    assert len(entries) == expected.entry_rows
    if expected.left_out_because is None:
        assert "This day counts in your weekly averages" in day_page
        assert "over the 1 day that counts" in text(week_page)
        assert "over the 1 day that counts" in report
        # Counts, and no symptom score nor heart-rate rise to average that day.
        assert table_row(insights, "insights-table", "Wed 11 Mar").endswith(" yes – – – – –")
        magnesium = expected.csv["magnesium_total_mg"]
        assert f"Magnesium: {magnesium} mg a day on average" in report
        assert f"Magnesium: {magnesium} mg a day on average" in text(week_page)
        assert f"Average magnesium a day {magnesium} mg" in text(insights)
    else:
        reason = expected.left_out_because
        assert f"Not in your averages yet: {reason}." in day_page
        assert f"1 day ({reason})" in report
        assert "No day counts for an average yet" in report
        if reason == NOTHING_LOGGED:  # like the other six days of the week and 27 of the four weeks
            assert "7 days (nothing logged)" in text(week_page)
            assert "28 days (nothing logged)" in text(insights)
        else:
            assert f"6 days (nothing logged); 1 day ({reason})" in text(week_page)
            assert f"27 days (nothing logged); 1 day ({reason})" in text(insights)
        assert daily[0]["notes"].startswith(reason)
