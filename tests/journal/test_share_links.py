import hashlib
import re
from datetime import date, timedelta

import pytest
import time_machine
from django.test import Client
from hypothesis import given
from pytest_django.asserts import assertContains, assertNotContains

from journal.models import ShareLink
from tests.builders import log_dose, write_note
from tests.conftest import FROZEN_NOW
from tests.hostile import FEW_EXAMPLES, hostile_forms
from tests.test_hostile_forms import assert_refusal_is_explained

MONDAY = date(2026, 11, 2)
TOKEN_IN_PAGE = re.compile(r"/shared/([A-Za-z0-9_-]+)/")


@pytest.fixture
def diary(woman_of_40, log_food, pumpkin_seeds):
    """Alice's Monday: 1 oz pumpkin seeds (592 mg/100 g x 28.35 g = 167.83 mg, shown as 168) and a dose of 141 mg:
    309 mg in all. Tuesday's dose of 99 mg stands alone (no food logged: no day total)."""
    log_food(pumpkin_seeds, 1, "1 oz", day=MONDAY)
    log_dose(woman_of_40, MONDAY, elemental_mg="141", name="Calm Mg glycinate")
    log_dose(woman_of_40, MONDAY + timedelta(days=1), elemental_mg="99", name="Calm Mg glycinate")
    write_note(woman_of_40, MONDAY, heart_rate_lying=62, heart_rate_standing=104, text="Dizzy after breakfast")
    return woman_of_40


def make_link(user, days=30, first=MONDAY, last=MONDAY + timedelta(days=6), note=""):
    return ShareLink.make(user, first, last, days, note)


def share(client, **fields):
    data = {"start": "2026-11-02", "end": "2026-11-08", "days": "30", "note": "For Dr Rivera"} | fields
    return client.post("/share/", data)


def test_making_a_link_shows_it_once_and_stores_only_its_hash(logged_in_client, diary, frozen_now):
    response = share(logged_in_client)
    assert response.status_code == 200
    token = TOKEN_IN_PAGE.search(response.content.decode()).group(1)
    assert len(token) >= 43  # 32 random bytes, base64: 256 bits, not to be guessed
    link = ShareLink.objects.get()
    assert link.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(ShareLink.objects.values().get())  # no column holds the token itself
    assert (link.first, link.last, link.note) == (MONDAY, date(2026, 11, 8), "For Dr Rivera")
    assert link.expires_at == FROZEN_NOW + timedelta(days=30)  # 30 days unless chosen otherwise
    assertContains(response, "cannot be shown again")
    # The list shows the new link and that nobody opened it yet; reloading the list shows no token.
    assertContains(response, "Never")
    assert not TOKEN_IN_PAGE.search(logged_in_client.get("/share/").content.decode())


def test_the_form_offers_thirty_days_and_the_last_four_weeks(logged_in_client, diary, today):
    form = logged_in_client.get("/share/").context["form"]
    assert form["days"].value() == 30
    assert (form["start"].value(), form["end"].value()) == (today - timedelta(days=27), today)


@pytest.mark.parametrize(("fields", "message"), [
    ({"days": "366"}, "Choose at most 365 days: a link works for a year at most."),
    ({"days": "0"}, "Choose at least 1 day."),
    ({"days": "soon"}, "Enter a whole number."),
    ({"end": "2026-11-01"}, "The end comes before the start."),
    ({"start": "1850-01-01"}, "Choose a date from 1900 on."),
    ({"note": "x" * 201}, "Ensure this value has at most 200 characters (it has 201)."),
])
def test_a_bad_link_is_refused_with_a_message_and_nothing_is_saved(logged_in_client, diary, frozen_now, fields,
                                                                  message):
    response = share(logged_in_client, **fields)
    assertContains(response, message)
    assert not ShareLink.objects.exists()
    assert not TOKEN_IN_PAGE.search(response.content.decode())


def test_a_year_is_the_longest_a_link_works(logged_in_client, diary, frozen_now):
    share(logged_in_client, days="365")
    assert ShareLink.objects.get().expires_at == FROZEN_NOW + timedelta(days=365)


def test_making_a_link_needs_the_csrf_token(user, diary):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    assert share(client).status_code == 403
    assert not ShareLink.objects.exists()


VIEWERS = ["anonymous", "owner", "another user"]


def viewer_client(viewer, user, other_user):
    client = Client()
    if viewer != "anonymous":
        client.force_login(user if viewer == "owner" else other_user)
    return client


@pytest.mark.parametrize("viewer", VIEWERS)
def test_an_active_link_shows_the_report_and_nothing_else_to_anyone(viewer, diary, other_user, frozen_now):
    link, token = make_link(diary, note="For Dr Rivera")
    response = viewer_client(viewer, diary, other_user).get(f"/shared/{token}/")
    assert response.status_code == 200
    html = response.content.decode()
    # Monday: 168 mg food + 141 mg supplements = 309 mg, against the RDA of 320 mg for a woman of 40: 97%.
    assertContains(response, "<td class=\"text-end fw-semibold\">309 mg</td>", html=True)
    assertContains(response, "Dizzy after breakfast")
    assertContains(response, "Note from alice:</strong> For Dr Rivera")
    # No navigation, no link into the account: only the report's own FHIR file and static files.
    assertNotContains(response, "navbar")
    links = set(re.findall(r'href="([^"]+)"', html))
    assert {href for href in links if not href.startswith("/static/")} == {f"/shared/{token}/fhir/"}
    assert response["Cache-Control"].startswith("max-age=0")  # never_cache: no copy in a shared browser cache
    assert 'name="robots" content="noindex' in html


@pytest.mark.parametrize("state", ["revoked", "expired"])
@pytest.mark.parametrize("viewer", VIEWERS)
@pytest.mark.parametrize("url", ["/shared/{}/", "/shared/{}/fhir/"])
def test_a_revoked_or_expired_link_says_so_and_shows_no_data(state, viewer, url, diary, other_user):
    with time_machine.travel(FROZEN_NOW, tick=False) as clock:
        link, token = make_link(diary, days=30)
        if state == "revoked":
            link.revoke()
        else:
            clock.move_to(FROZEN_NOW + timedelta(days=30))  # the moment it expires, it no longer works
        response = viewer_client(viewer, diary, other_user).get(url.format(token))
    assert response.status_code == 410
    assertContains(response, "This link no longer works", status_code=410)
    assertContains(response, "revoked the link" if state == "revoked" else "The link has expired", status_code=410)
    for data in ("309 mg", "Dizzy after breakfast", "alice", "Magnesium"):
        assertNotContains(response, data, status_code=410)
    link.refresh_from_db()
    assert link.last_opened_at is None  # a refused opening is not an opening


def test_a_link_works_until_the_moment_it_expires(client, diary):
    with time_machine.travel(FROZEN_NOW, tick=False) as clock:
        _, token = make_link(diary, days=1)
        clock.move_to(FROZEN_NOW + timedelta(days=1, seconds=-1))
        assert client.get(f"/shared/{token}/").status_code == 200
        clock.move_to(FROZEN_NOW + timedelta(days=1))
        assert client.get(f"/shared/{token}/").status_code == 410


@pytest.mark.parametrize("token", ["x", "A" * 43, "not-a-link"])
def test_an_unknown_token_is_not_found(client, diary, token):
    make_link(diary)
    assert client.get(f"/shared/{token}/").status_code == 404
    assert client.get(f"/shared/{token}/fhir/").status_code == 404


def test_links_are_not_throttled_but_a_wrong_token_never_opens_one(client, diary, frozen_now):
    _, token = make_link(diary)
    for n in range(20):  # four times django-axes' limit for log-ins, from the same address
        wrong = token[:n] + ("A" if token[n] != "A" else "B") + token[n + 1:]  # one character off, never the token
        assert client.get(f"/shared/{wrong}/").status_code == 404
    for _ in range(10):  # a doctor may open the report again and again
        assert client.get(f"/shared/{token}/").status_code == 200


def test_the_token_opens_nothing_but_its_report(client, diary, frozen_now):
    _, token = make_link(diary)
    client.get(f"/shared/{token}/")
    assert "_auth_user_id" not in client.session  # opening a link logs nobody in
    for url in ("/today/", "/report/", f"/report/fhir/?token={token}", f"/today/?token={token}"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/"), url
    assert client.post(f"/shared/{token}/").status_code == 405  # read only


def test_the_list_says_when_each_link_was_last_opened(logged_in_client, diary):
    with time_machine.travel(FROZEN_NOW, tick=False) as clock:
        link, token = make_link(diary)
        make_link(diary, note="Never opened")
        clock.move_to(FROZEN_NOW + timedelta(days=2, hours=3))
        Client().get(f"/shared/{token}/")
        Client().get(f"/shared/{token}/fhir/")
        response = logged_in_client.get("/share/")
    link.refresh_from_db()
    assert (link.last_opened_at, link.times_opened) == (FROZEN_NOW + timedelta(days=2, hours=3), 2)
    assertContains(response, "30 Nov 2026, 15:00 (2 times)")  # Alice's zone is UTC
    assertContains(response, "Never")


def test_the_list_shows_only_ones_own_links(logged_in_client, diary, other_user, frozen_now):
    make_link(other_user, note="Bob's cardiologist")
    make_link(diary, note="Alice's neurologist")
    response = logged_in_client.get("/share/")
    assertContains(response, "Alice&#39;s neurologist")
    assertNotContains(response, "Bob")


def test_revoking_stops_the_link_at_once(logged_in_client, diary, frozen_now):
    link, token = make_link(diary)
    response = logged_in_client.post(f"/share/{link.pk}/revoke/", follow=True)
    assertContains(response, "it no longer opens")
    assert Client().get(f"/shared/{token}/").status_code == 410
    link.refresh_from_db()
    assert link.revoked_at == FROZEN_NOW
    assertContains(response, f"Revoked {FROZEN_NOW:%-d %b %Y}, 12:00")


def test_revoking_again_keeps_the_first_moment(logged_in_client, diary):
    with time_machine.travel(FROZEN_NOW, tick=False) as clock:
        link, _ = make_link(diary)
        logged_in_client.post(f"/share/{link.pk}/revoke/")
        clock.move_to(FROZEN_NOW + timedelta(hours=1))
        logged_in_client.post(f"/share/{link.pk}/revoke/")
    link.refresh_from_db()
    assert link.revoked_at == FROZEN_NOW


@pytest.mark.parametrize(("viewer", "status"), [("owner", 302), ("another user", 404), ("anonymous", 302)])
def test_only_the_owner_can_revoke_a_link(viewer, status, diary, other_user, frozen_now):
    link, token = make_link(diary)
    response = viewer_client(viewer, diary, other_user).post(f"/share/{link.pk}/revoke/")
    assert response.status_code == status
    link.refresh_from_db()
    assert (link.revoked_at is not None) == (viewer == "owner")
    if viewer == "anonymous":
        assert response["Location"].startswith("/accounts/login/")


def test_revoking_needs_a_post_and_the_csrf_token(user, diary, frozen_now):
    link, _ = make_link(diary)
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    assert client.get(f"/share/{link.pk}/revoke/").status_code == 405
    assert client.post(f"/share/{link.pk}/revoke/").status_code == 403
    link.refresh_from_db()
    assert link.revoked_at is None


def test_a_shared_report_runs_a_fixed_number_of_queries(client, diary, frozen_now, django_assert_num_queries):
    link, token = make_link(diary, first=date(2025, 1, 1), last=date(2026, 11, 28))
    # The link with its owner, counting the opening, the profile, the ledger's nine (the days' stamps, then eight),
    # the supplements, the notes, the stand tests and their readings, the lab results; the medicines, the timing
    # notes' medicine doses (none here, so no magnesium doses are read for them), adherence's four, and the foods whose
    # figures are missing or estimated.
    with django_assert_num_queries(23):
        assert client.get(f"/shared/{token}/").status_code == 200


def test_any_input_makes_one_whole_link_or_is_refused_with_a_message(logged_in_client, diary, frozen_now):
    baseline = {"start": "2026-11-02", "end": "2026-11-08", "days": "30", "note": "For Dr Rivera"}

    @FEW_EXAMPLES
    @given(data=hostile_forms(baseline))
    def check(data):
        before = ShareLink.objects.count()
        response = logged_in_client.post("/share/", data)
        if response.context["new_url"]:
            assert ShareLink.objects.count() == before + 1
        else:
            assert_refusal_is_explained(response)
            assert ShareLink.objects.count() == before

    check()


def test_any_period_asked_of_the_fhir_file_gets_a_file_or_a_page_not_an_error(logged_in_client, diary):
    @FEW_EXAMPLES
    @given(value=hostile_forms({"value": ""}))
    def check(value):
        response = logged_in_client.get("/report/fhir/", {"start": value["value"], "end": "2026-11-08"})
        assert response.status_code == 200

    check()
