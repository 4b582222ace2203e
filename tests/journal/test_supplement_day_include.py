"""The supplements card the day view includes, rendered with the context the day view gives it."""

from datetime import UTC, date, datetime
from decimal import Decimal

from django.template.loader import render_to_string
from django.test import RequestFactory

from journal.ledger import day_of
from journal.models import Profile, SupplementDose, SupplementLimit
from tests.builders import log_dose, make_product

DAY = date(2026, 3, 14)


def render_card(user, upper_limit_mg=350):
    request = RequestFactory().get("/day/2026-03-14/")
    request.user = user
    context = {
        "day": DAY,
        "doses": SupplementDose.objects.for_day(user, DAY),
        "limit": SupplementLimit(DAY, day_of(Profile.for_user(user), DAY).supplement_mg, upper_limit_mg),
        "profile": Profile.for_user(user),
    }
    return render_to_string("journal/includes/day_supplements.html", context, request=request)


def test_it_lists_the_days_doses_in_local_time_with_links(user):
    Profile.objects.create(user=user, time_zone="Europe/Paris")
    dose = log_dose(user, product=make_product(user), units="2", taken_at=datetime(2026, 3, 14, 7, 5, tzinfo=UTC))
    html = render_card(user)
    assert "08:05" in html  # 07:05 UTC is 08:05 in Paris in March
    assert "Acme Magnesium glycinate" in html
    assert "141 mg" in html  # 2 x 70.50 mg
    # 500 mg of magnesium bisglycinate per capsule, 14.10% magnesium by weight.
    assert "70.5 mg a unit, 500 mg × 14.10% = 70.5 mg elemental (assuming magnesium bisglycinate" in html
    assert f'/supplements/doses/{dose.pk}/edit/?next=/day/2026-03-14/' in html
    assert f'action="/supplements/doses/{dose.pk}/delete/?next=/day/2026-03-14/"' in html
    assert 'href="/supplements/doses/add/?date=2026-03-14&amp;next=/day/2026-03-14/"' in html
    assert "From supplements: <strong class=\"tabular\">141 mg</strong>" in html
    assert "of an upper limit of <span class=\"tabular\">350 mg</span>" in html
    assert "Diarrhoea" not in html


def test_it_warns_above_the_upper_limit(user):
    log_dose(user, DAY, product=make_product(user, label_elemental_mg=Decimal("200")), units="2")
    html = render_card(user)
    assert "400 mg" in html
    assert "On 14 Mar 2026 your supplements gave 400 mg of magnesium, above the upper limit of 350 mg" in html
    assert "not from food" in html
    assert "Diarrhoea is usually the first sign of too much" in html


def test_at_the_upper_limit_there_is_no_warning(user):
    log_dose(user, DAY, product=make_product(user, label_elemental_mg=Decimal("175")), units="2")
    assert "Diarrhoea" not in render_card(user)


def test_an_empty_day_and_no_limit(user):
    html = render_card(user, upper_limit_mg=None)
    assert "No supplements logged on this day." in html
    assert "0 mg" in html
    assert "no upper limit is set for this age" in html


def test_doses_of_other_days_and_users_stay_out(user, other_user):
    log_dose(user, product=make_product(user, name="Other day"), taken_at=datetime(2026, 3, 13, 12, tzinfo=UTC))
    log_dose(other_user, DAY, product=make_product(other_user, name="Bob's"))
    html = render_card(user)
    assert "Other day" not in html and "Bob" not in html
