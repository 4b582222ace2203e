from datetime import UTC, date, datetime, timedelta

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from journal.models import Profile, SymptomNote
from tests.builders import write_note

LIST_URL = reverse("journal:symptoms")
ADD_URL = reverse("journal:symptom_add")
pytestmark = pytest.mark.usefixtures("frozen_now")


def note_data(**changes):
    data = {"recorded_at": "2026-03-14T21:10", "dizziness": "6", "fatigue": "5", "anxiety": "3", "palpitations": "",
            "muscle_cramps": "", "headache": "", "brain_fog": "", "sleep_quality": "", "heart_rate_lying": "",
            "heart_rate_standing": "", "text": ""}
    return data | changes


def test_it_saves_a_note_for_the_users_local_day(logged_in_client, user):
    Profile.objects.create(user=user, time_zone="America/New_York")
    response = logged_in_client.post(ADD_URL, note_data(recorded_at="2026-03-14T23:30", brain_fog="4"), follow=True)
    assertContains(response, "Saved your symptom note for 14 Mar 2026.")
    note = SymptomNote.objects.get(user=user)
    assert note.recorded_at == datetime(2026, 3, 15, 3, 30, tzinfo=UTC)
    assert (note.date, note.dizziness, note.brain_fog, note.headache) == (date(2026, 3, 14), 6, 4, None)


def test_it_shows_the_rise_in_heart_rate_on_standing(logged_in_client, user):
    response = logged_in_client.post(ADD_URL, note_data(heart_rate_lying="64", heart_rate_standing="101"), follow=True)
    assertContains(response, "a rise of <strong class=\"tabular\">37 bpm</strong> on standing")
    assertContains(response, "A rise of 30 bpm or more within 10 minutes of standing")
    assertContains(response, "It is not a diagnosis.")


def test_a_small_rise_is_shown_without_the_criterion(logged_in_client, user):
    write_note(user, heart_rate_lying=70, heart_rate_standing=85)
    response = logged_in_client.get(LIST_URL)
    assertContains(response, "15 bpm</strong> on standing")
    assertNotContains(response, "within 10 minutes of standing is one")


def test_several_notes_a_day_are_allowed(logged_in_client, user):
    logged_in_client.post(ADD_URL, note_data())
    logged_in_client.post(ADD_URL, note_data(recorded_at="2026-03-14T22:00"))
    assert SymptomNote.objects.filter(user=user, date=date(2026, 3, 14)).count() == 2


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"dizziness": ""}, "This field is required."),
        ({"fatigue": "11"}, "less than or equal to 10"),
        ({"anxiety": "-1"}, "greater than or equal to 0"),
        ({"sleep_quality": "ten"}, "Enter a whole number."),
        ({"heart_rate_lying": "24"}, "greater than or equal to 25"),
        ({"heart_rate_standing": "251"}, "less than or equal to 250"),
        ({"text": "x" * 5001}, "at most 5000 characters (it has 5001)"),
        ({"recorded_at": "1899-12-31T10:00"}, "Enter a date from 1900 on."),
        ({"recorded_at": "2026-11-30T12:00"}, "more than a day ahead"),  # two days from now
        ({"recorded_at": ""}, "This field is required."),
    ],
)
def test_it_refuses_bad_input_and_saves_nothing(logged_in_client, changes, message):
    response = logged_in_client.post(ADD_URL, note_data(**changes))
    assertContains(response, message)
    assert not SymptomNote.objects.exists()


def test_a_note_of_5000_characters_is_accepted(logged_in_client, user):
    logged_in_client.post(ADD_URL, note_data(text="x" * 5000))
    assert len(SymptomNote.objects.get(user=user).text) == 5000


def test_the_form_says_ten_is_best_for_sleep(logged_in_client):
    assertContains(logged_in_client.get(ADD_URL), "0 = very poor, 10 = the best sleep.")


def test_it_edits_a_note_and_returns_to_the_page_it_came_from(logged_in_client, user):
    note = write_note(user)
    url = reverse("journal:symptom_edit", args=[note.pk]) + "?next=/day/2026-03-14/"
    response = logged_in_client.post(url, note_data(dizziness="9"))
    assert response["Location"] == "/day/2026-03-14/"
    note.refresh_from_db()
    assert note.dizziness == 9


def test_it_never_returns_to_another_site(logged_in_client, user):
    response = logged_in_client.post(ADD_URL + "?next=https://evil.example/", note_data())
    assert response["Location"] == LIST_URL


def test_it_deletes_a_note(logged_in_client, user):
    note = write_note(user)
    logged_in_client.post(reverse("journal:symptom_delete", args=[note.pk]))
    assert not SymptomNote.objects.exists()


@pytest.mark.parametrize(("name", "method"), [("journal:symptom_edit", "get"), ("journal:symptom_edit", "post"),
                                              ("journal:symptom_delete", "post")])
def test_another_users_note_is_a_404(logged_in_client, other_user, name, method):
    note = write_note(other_user)
    response = getattr(logged_in_client, method)(reverse(name, args=[note.pk]), note_data(dizziness="10"))
    assert response.status_code == 404
    note.refresh_from_db()
    assert note.dizziness == 3


def test_it_lists_only_the_users_notes(logged_in_client, user, other_user):
    write_note(user, text="mine")
    write_note(other_user, text="bob's note")
    response = logged_in_client.get(LIST_URL)
    assertContains(response, "mine")
    assertNotContains(response, "bob")


def test_the_list_runs_a_fixed_number_of_queries(logged_in_client, user, django_assert_max_num_queries):
    for hour in range(40):
        write_note(user, recorded_at=datetime(2026, 3, 1, tzinfo=UTC) + timedelta(hours=hour), text=f"note {hour}")
    with django_assert_max_num_queries(3):
        response = logged_in_client.get(LIST_URL)
    assertContains(response, "note 39")


@pytest.mark.parametrize(
    ("zone", "typed"),
    [
        ("Pacific/Pago_Pago", "1899-12-31T23:00"),  # already 1 January 1900 in UTC
        ("Pacific/Pago_Pago", "0001-01-01T00:00"),
        ("Asia/Tokyo", "0001-01-01T00:00"),  # before year 1 in UTC
        ("Pacific/Pago_Pago", "9999-12-31T23:59"),  # after the last UTC day
    ],
)
def test_it_judges_the_date_on_the_users_own_calendar(logged_in_client, user, zone, typed):
    Profile.objects.create(user=user, time_zone=zone)
    response = logged_in_client.post(ADD_URL, note_data(recorded_at=typed))
    assert response.status_code == 200
    assert response.context["form"].errors["recorded_at"]
    assert not SymptomNote.objects.exists()
