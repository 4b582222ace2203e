"""A portion reads the same on the food page and, once logged, on the day page: one rounding rule, one precision."""

from datetime import UTC, date, datetime

import time_machine
from pytest_django.asserts import assertContains

from journal.models import Profile


def test_a_cup_of_pumpkin_seeds_reads_764_mg_on_the_food_page_and_the_day_page(logged_in_client, user, pumpkin_seeds):
    Profile.objects.create(user=user, birth_date=date(1986, 1, 1), sex="female", time_zone="UTC")
    cup = pumpkin_seeds.portions.get(description="1 cup")
    with time_machine.travel(datetime(2026, 3, 18, 12, tzinfo=UTC), tick=False):
        # SR28 12014: 592 mg/100 g x 129 g = 763.68 mg, shown as 764 mg (it read 763.7 and 763.68 before).
        assertContains(logged_in_client.get(f"/foods/{pumpkin_seeds.pk}/"), "764 mg")
        logged_in_client.post("/meals/add/", {
            "food": pumpkin_seeds.pk, "portion": cup.pk, "amount": "1", "date": "2026-03-18", "meal": "lunch",
        })
        day_page = logged_in_client.get("/day/2026-03-18/")
    assertContains(day_page, '<div class="text-end tabular text-nowrap">764 mg</div>', html=True)
    assertContains(day_page, "<strong>764 mg</strong> of 320 mg", html=True)
