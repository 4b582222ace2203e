"""Stand tests beside the rest of the diary: the history of rises, the day page, the ledger, the report, the CSVs."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from journal.ledger import day_of
from journal.models import Profile
from tests.builders import run_stand_test, write_note

pytestmark = pytest.mark.usefixtures("frozen_now")
DAY = date(2026, 11, 20)


@pytest.fixture
def two_tests(user):
    """20 Nov: lying 70 and 75 (mean 72.5), highest standing 103: a rise of 30.5 bpm, with 120/80, 118/78 lying
    and 99/70 at minute 2 (drops of 119 - 99 = 20 and 79 - 70 = 9 mmHg).
    22 Nov, on treatment: lying 64 and 66 (mean 65), highest standing 84: a rise of 19 bpm."""
    Profile.objects.create(user=user, time_zone="UTC")
    first = run_stand_test(
        user, DAY, supine=[(70, 120, 80), (75, 118, 78)], standing=[95, (98, 99, 70), 103],
        stopped_early="unwell", symptoms=["dizzy"],
    )
    second = run_stand_test(
        user, date(2026, 11, 22), supine=[64, 66], standing=[80, 84, 82, 81, 80, 79, 80, 81, 82, 83],
        tag="on_treatment",
    )
    return first, second


def test_the_history_joins_tests_and_symptom_notes(logged_in_client, user, two_tests, django_assert_num_queries):
    write_note(user, date(2026, 11, 21), heart_rate_lying=62, heart_rate_standing=101)  # 101 - 62 = 39
    write_note(user, date(2026, 11, 21), heart_rate_lying=62)  # no rise without both
    for n in range(5):
        run_stand_test(user, date(2026, 10, 1 + n), standing=[90], stopped_early="unwell")
    # Session, user, profile; the tests, their readings; the notes with both heart rates.
    with django_assert_num_queries(6):
        response = logged_in_client.get(reverse("journal:stand_list"))
    text = response.content.decode()
    newest, note, oldest = (text.index(marker) for marker in ("22 Nov 2026", "21 Nov 2026", "20 Nov 2026"))
    assert newest < note < oldest
    assertContains(response, "<strong>≥ 30: 30.5 bpm</strong>")  # 103 - 72.5
    assertContains(response, "<strong>≥ 30: 39.0 bpm</strong>")  # the note: 101 - 62
    assertContains(response, '<td class="text-end">19.0 bpm</td>')  # 84 - 65
    assertContains(response, "Stand test, on treatment")
    assertContains(response, reverse("journal:stand_detail", args=[two_tests[0].pk]))


def test_the_history_hides_other_peoples_tests(logged_in_client, other_user):
    run_stand_test(other_user, DAY, standing=[150], stopped_early="unwell")
    response = logged_in_client.get(reverse("journal:stand_list"))
    assertContains(response, "No stand test or heart rates yet.")


def test_the_day_page_shows_the_days_test(logged_in_client, two_tests):
    response = logged_in_client.get(reverse("journal:day", args=[DAY]))
    assertContains(response, reverse("journal:stand_detail", args=[two_tests[0].pk]))
    assertContains(response, "lying 72.5 bpm, highest standing 103 bpm,\n      a rise of "
                              "<strong class=\"tabular\">30.5 bpm</strong> (at or above 30 bpm: for your doctor to "
                              "look at); blood pressure fell by 20/10 mmHg or more within 3 minutes.", html=False)
    other_day = logged_in_client.get(reverse("journal:day", args=[date(2026, 11, 21)]))
    assertContains(other_day, "No stand test on this day.")
    assertNotContains(other_day, "day-stand-test")


def test_the_ledger_carries_the_days_highest_rise_from_tests_and_notes(user, two_tests):
    profile = Profile.for_user(user)
    assert str(day_of(profile, DAY).hr_rise_bpm_max) == "30.5"  # the test: 103 - 72.5
    write_note(user, DAY, heart_rate_lying=60, heart_rate_standing=95)  # 35 > 30.5
    assert str(day_of(profile, DAY).hr_rise_bpm_max) == "35.0"
    assert str(day_of(profile, date(2026, 11, 22)).hr_rise_bpm_max) == "19.0"  # 84 - 65
    assert day_of(profile, date(2026, 11, 21)).hr_rise_bpm_max is None


def test_the_report_lists_the_tests_of_its_period(logged_in_client, two_tests):
    response = logged_in_client.get(reverse("journal:report"), {"start": "2026-11-16", "end": "2026-11-21"})
    assertContains(response, 'id="report-stand-tests"')
    assertContains(response, '<td class="text-end">30.5 bpm</td>', html=False)
    assertContains(response, '<td class="text-end">20.0 mmHg / 9.0 mmHg</td>', html=False)
    assertContains(response, "rise ≥ 30 bpm. fall ≥ 20/10 mmHg within 3 minutes. Stopped early: feeling unwell.")
    assertNotContains(response, "19.0 bpm")  # 22 Nov is outside the period
    assertContains(response, "Freeman et al.")


def read_csv(client, **params):
    response = client.get(reverse("journal:export"), params)
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_the_stand_tests_file_has_every_reading_with_its_tests_results(logged_in_client, two_tests):
    rows = read_csv(logged_in_client, kind="stand-tests", start="2026-11-20", end="2026-11-22")
    assert len(rows) == 5 + 12  # 2 lying and 3 standing, then 2 lying and 10 standing
    first = rows[3]
    assert first == {
        "date": "2026-11-20", "time": "12:00", "test": "1", "tag": "Baseline (before treatment)",
        "position": "standing", "minute": "2", "heart_rate_bpm": "98", "systolic_mmhg": "99", "diastolic_mmhg": "70",
        "lying_mean_bpm": "72.5", "highest_standing_bpm": "103", "rise_bpm": "30.5", "rise_criterion_bpm": "30",
        "rise_reaches_criterion": "yes", "systolic_drop_3min_mmhg": "20.0", "diastolic_drop_3min_mmhg": "9.0",
        "fall_reaches_20_10_mmhg": "yes", "stopped_early": "Feeling unwell", "symptoms": "Dizzy or light-headed",
        "notes": "",
    }
    last = rows[-1]
    assert (last["test"], last["minute"], last["heart_rate_bpm"], last["rise_bpm"], last["rise_reaches_criterion"],
            last["systolic_drop_3min_mmhg"], last["fall_reaches_20_10_mmhg"]) == ("2", "10", "83", "19.0", "no", "", "")


def test_the_daily_file_has_the_days_highest_rise(logged_in_client, user, two_tests):
    write_note(user, date(2026, 11, 21), heart_rate_lying=62, heart_rate_standing=101)
    rows = read_csv(logged_in_client, kind="daily", start="2026-11-20", end="2026-11-22")
    assert [row["hr_rise_bpm_max"] for row in rows] == ["30.5", "39.0", "19.0"]


def test_the_stand_tests_file_leaves_out_other_people(logged_in_client, other_user):
    run_stand_test(other_user, DAY, standing=[150], stopped_early="unwell")
    assert read_csv(logged_in_client, kind="stand-tests", start="2026-11-20", end="2026-11-22") == []
