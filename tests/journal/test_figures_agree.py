"""The same figure reads the same on the day page, the week page and in the CSV: halves round up everywhere."""

import csv
import io
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from pytest_django.asserts import assertContains

from journal.models import Profile
from tests.builders import log_food, make_food, write_note

DAY = date(2026, 11, 18)


@pytest.fixture
def day_at_a_half(user, frozen_now):
    """161.60 mg against the 320 mg RDA of a woman of 36 is 50.5%; dizziness 6, 6, 6, 7 has a mean of 6.25."""
    Profile.objects.create(user=user, birth_date=date(1990, 5, 1), sex="female", time_zone="UTC")
    log_food(user, make_food("Nuts, almonds", source_id="12061", magnesium_mg=270), "59.85", DAY, meal="lunch")
    for hour, dizziness in zip((8, 11, 14, 17), (6, 6, 6, 7), strict=True):
        write_note(user, recorded_at=datetime(2026, 11, 18, hour, tzinfo=UTC), dizziness=dizziness)
    return user


def daily_csv_row(client):
    response = client.get("/export/", {"start": DAY, "end": DAY, "kind": "daily"})
    return next(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_percent_of_goal_rounds_half_up_on_every_page_and_in_the_csv(logged_in_client, day_at_a_half):
    assertContains(logged_in_client.get(f"/day/{DAY}/"), ">51%</div>")
    assertContains(logged_in_client.get(f"/week/{DAY}/"), '<td class="text-end">51%</td>', html=True)
    assert daily_csv_row(logged_in_client)["percent_of_goal"] == "51"


def test_a_symptom_mean_rounds_half_up_on_every_page_and_in_the_csv(logged_in_client, day_at_a_half):
    assertContains(logged_in_client.get(f"/day/{DAY}/"), '<td class="text-end tabular">6.3</td>', html=True)
    assertContains(logged_in_client.get(f"/week/{DAY}/"), '<td class="text-end">6.3</td>',
                   html=True)
    assert daily_csv_row(logged_in_client)["dizziness_mean"] == "6.3"


def test_a_day_whose_foods_have_no_magnesium_figure_has_no_total_anywhere(
    logged_in_client, woman_of_40, today, spinach
):
    tea = make_food("Tea, herbal, chamomile, brewed", portions=[("1 cup", 237)], magnesium_mg=None, sodium_mg=1)
    log_food(woman_of_40, tea, 1, today, portion="1 cup")
    log_food(woman_of_40, spinach, 1, today - timedelta(days=1), portion="1 cup")  # 23.70 mg

    week = logged_in_client.get(f"/week/{today.isoformat()}/").context["week"]
    tea_day = next(day for day in week.days if day.day == today)
    assert (tea_day.magnesium.total, tea_day.percent_of_goal) == (None, None)

    rows = list(csv.DictReader(io.StringIO(b"".join(logged_in_client.get("/export/", {
        "start": today.isoformat(), "end": today.isoformat(), "kind": "daily"}).streaming_content).decode())))
    assert (rows[0]["magnesium_total_mg"], rows[0]["percent_of_goal"]) == ("", "")

    period = logged_in_client.get("/insights/?days=28").context["insights"].period
    assert period.mean_total_mg == Decimal("24")  # spinach alone: the tea day is unknown, not 0 mg
