"""Adherence for the doctor, worked out by hand: each week, days taken, days recorded with none taken and days not
recorded, counted from the start date; a day not recorded is never a day missed."""

from datetime import date, datetime

import pytest
from pytest_django.asserts import assertContains

from journal.adherence import adherence
from journal.models import DayMark, Medicine, Profile
from tests.builders import log_dose, log_medicine_dose, make_medicine, make_product

FIRST, LAST = date(2026, 11, 2), date(2026, 11, 15)  # Monday 2 to Sunday 15 November 2026


def nov(day):
    return date(2026, 11, day)


@pytest.fixture
def diary(user, frozen_now):
    glycinate = make_product(user)  # "Acme Magnesium glycinate"
    log_dose(user, date(2026, 10, 28), product=glycinate)  # its first dose, before the period
    for day in (2, 3, 3, 5, 7, 10):  # two doses on the 3rd: one day taken
        log_dose(user, nov(day), product=glycinate)
    citrate = make_product(user, name="Magnesium citrate", brand="", form="citrate")
    log_dose(user, nov(12), product=citrate)  # its first dose ever: counted from the 12th
    make_product(user, name="Never taken")  # no dose: not listed
    given_up = make_product(user, name="Given up", form="oxide")
    log_dose(user, date(2025, 3, 1), product=given_up)  # no dose in the period: not listed either
    for day in (4, 6, 7, 11, 14):  # "No supplements today"; the 7th also has a dose, which wins
        DayMark.objects.create(user=user, date=nov(day), no_supplements=True)

    doxycycline = make_medicine(user, "Doxycycline", kind="tetracycline", dose="100 mg",
                                started_on=nov(6), stopped_on=nov(10))
    zone = Profile.for_user(user).zone
    for day, hour in ((6, 8), (7, 8), (7, 15), (9, 8)):
        log_medicine_dose(user, doxycycline, taken_at=datetime(2026, 11, day, hour, tzinfo=zone))
    make_medicine(user, "Furosemide", kind="loop_diuretic", dose="20 mg")  # from 1 January, never logged
    for day in (8, 9):  # "No medicines today"; the 9th also has a dose of doxycycline, which wins for it
        DayMark.objects.update_or_create(user=user, date=nov(day), defaults={"no_medicines": True})
    make_medicine(user, "Old", kind="other", stopped_on=date(2026, 11, 1))  # stopped before the period
    make_medicine(user, "New", kind="other", started_on=nov(16))  # started after it
    return user


def figures(item):
    return [(week.first, week.counted, week.taken, week.none_taken, week.not_recorded) for week in item.weeks]


def test_each_week_counts_taken_none_taken_and_not_recorded_from_the_start(diary, django_assert_num_queries):
    medicines = list(Medicine.objects.taken_between(diary, FIRST, LAST))
    with django_assert_num_queries(4):
        items = adherence(diary.pk, FIRST, LAST, medicines)
    assert [(item.name, item.kind, item.since) for item in items] == [
        ("Magnesium citrate", "Supplement", nov(12)),  # by product name, as the supplements page lists them
        ("Acme Magnesium glycinate", "Supplement", date(2026, 10, 28)),
        ("Doxycycline 100 mg", "Tetracycline antibiotic (such as doxycycline, demeclocycline)", nov(6)),
        ("Furosemide 20 mg", "Loop diuretic (such as furosemide, bumetanide)", date(2026, 1, 1)),
    ]
    citrate, glycinate, doxycycline, furosemide = items
    # Week 1: taken 2, 3, 5, 7; marked none 4, 6 (the 7th's mark loses to its dose); the 8th not recorded.
    # Week 2: taken the 10th; marked none 11, 14; 9, 12, 13, 15 not recorded.
    assert figures(glycinate) == [(nov(2), 7, 4, 2, 1), (nov(9), 7, 1, 2, 4)]
    # From the 12th: taken 12, marked none 14, 13 and 15 not recorded.
    assert figures(citrate) == [(nov(12), 4, 1, 1, 2)]
    # From the 6th to the 10th: taken 6 and 7 (twice), marked none the 8th; taken the 9th (its mark loses to the
    # dose), the 10th not recorded.
    assert figures(doxycycline) == [(nov(6), 3, 2, 1, 0), (nov(9), 2, 1, 0, 1)]
    # Never logged: marked none the 8th and the 9th, every other day not recorded.
    assert figures(furosemide) == [(nov(2), 7, 0, 1, 6), (nov(9), 7, 0, 1, 6)]


def test_the_report_carries_the_adherence_table_and_the_medicines(diary, client):
    client.force_login(diary)
    response = client.get("/report/", {"start": FIRST.isoformat(), "end": LAST.isoformat()})
    assertContains(response, '<td class="text-nowrap">6 Nov 2026</td><td class="text-end">2</td>'
                             '<td class="text-end">1</td><td class="text-end">0</td><td class="text-end">3</td>',
                   html=True)
    assertContains(response, "Doxycycline 100 mg: tetracycline antibiotic (such as doxycycline, demeclocycline), "
                             "from 6 Nov 2026 to 10 Nov 2026.")
    assertContains(response, "Furosemide: Taken for a long time, loop diuretics can increase the loss of magnesium "
                             "in urine and lower the body&#39;s magnesium.")
    # Doxycycline at 08:00 on the 6th, 7th and 9th and 15:00 on the 7th; magnesium at noon: on the 7th noon is 3 h
    # before the 15:00 dose (inside 6 h) and 4 h after the 08:00 one (clear); on the 6th and 9th 4 h after (clear).
    assertContains(response, "Magnesium doses logged too close to a medicine that needs spacing from it:\n      1.")
    assertContains(response, "(Acme Magnesium glycinate, 71 mg, Sat 7 Nov 12:00) was taken 3 h before Doxycycline "
                             "(Sat 7 Nov 15:00)")
    assertContains(response, "Days of each week (Monday to Sunday)")
