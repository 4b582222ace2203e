"""The symptoms card the day view includes, rendered with the context the day view gives it."""

from datetime import UTC, date, datetime

from django.template.loader import render_to_string
from django.test import RequestFactory

from journal.ledger import day_of
from journal.models import Profile, SymptomNote
from tests.builders import write_note

DAY = date(2026, 3, 14)


def render_card(user):
    request = RequestFactory().get("/day/2026-03-14/")
    request.user = user
    context = {
        "day": DAY, "symptom_notes": SymptomNote.objects.for_day(user, DAY),
        "symptom_summary": day_of(Profile.for_user(user), DAY).scores,
    }
    return render_to_string("journal/includes/day_symptoms.html", context, request=request)


def test_it_shows_each_note_and_the_days_mean_and_worst(user):
    Profile.objects.create(user=user, time_zone="America/New_York")
    write_note(user, recorded_at=datetime(2026, 3, 14, 12, 0, tzinfo=UTC), dizziness=2, fatigue=4, anxiety=1,
               sleep_quality=8, heart_rate_lying=62, heart_rate_standing=97)
    write_note(user, recorded_at=datetime(2026, 3, 14, 22, 0, tzinfo=UTC), dizziness=7, fatigue=5, anxiety=1,
               sleep_quality=3, text="Dizzy after the shower")
    html = render_card(user)
    assert "08:00" in html and "18:00" in html  # local New York times (EDT)
    assert "Dizzy after the shower" in html
    # Dizziness: mean (2 + 7) / 2 = 4.5, worst 7; fatigue 4.5 and 5.
    assert '<th scope="row" class="fw-normal">Dizziness</th>\n        <td class="text-end tabular">4.5</td>\n' \
           '        <td class="text-end tabular">7</td>' in html
    # Sleep quality: 10 is the best night, so the worst is the lowest, 3; mean 5.5.
    assert '<th scope="row" class="fw-normal">Sleep quality</th>\n        <td class="text-end tabular">5.5</td>\n' \
           '        <td class="text-end tabular">3</td>' in html
    assert "Headache" not in html  # not scored that day
    assert "a rise of <strong class=\"tabular\">35 bpm</strong> on standing" in html
    assert "not a diagnosis" in html
    assert 'href="/symptoms/add/?date=2026-03-14&amp;next=/day/2026-03-14/"' in html


def test_an_empty_day(user):
    html = render_card(user)
    assert "No symptom notes on this day." in html
    assert 'href="/symptoms/add/?date=2026-03-14&amp;next=/day/2026-03-14/"' in html
