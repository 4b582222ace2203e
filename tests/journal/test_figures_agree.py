"""The same figure reads the same on the day page, the week page and in the CSV: halves round up everywhere."""

import csv
import io
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from pytest_django.asserts import assertContains

from journal.models import MealEntry, Profile
from tests.journal.supplement_symptom_builders import make_note

DAY = date(2026, 11, 18)


@pytest.fixture
def day_at_a_half(user):
    """161.60 mg against the 320 mg RDA of a woman of 36 is 50.5%; dizziness 6, 6, 6, 7 has a mean of 6.25."""
    Profile.objects.create(user=user, birth_date=date(1990, 5, 1), sex="female", time_zone="UTC")
    MealEntry.objects.create(
        user=user, date=DAY, meal="lunch", food_name="Nuts, almonds", food_source="sr28", food_source_id="12061",
        grams=Decimal("59.85"), magnesium_mg=Decimal("161.60"),
    )
    for hour, dizziness in zip((8, 11, 14, 17), (6, 6, 6, 7), strict=True):
        make_note(user, recorded_at=datetime(2026, 11, 18, hour, tzinfo=UTC), dizziness=dizziness)
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
    assertContains(logged_in_client.get(f"/week/{DAY}/"), '<td class="text-end d-none d-md-table-cell">6.3</td>',
                   html=True)
    assert daily_csv_row(logged_in_client)["dizziness_mean"] == "6.3"
