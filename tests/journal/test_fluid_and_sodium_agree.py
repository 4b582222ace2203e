"""A day's fluid, sodium and potassium read the same on Today, the week page, the doctor report and the daily CSV.

Each case builds one day, Wednesday 11 March 2026, with the clock frozen at its noon, so /today/ shows it. Figures
worked out by hand, SR28 per 100 g (tests.builders):
- spinach (11457), 1 cup of 30 g: water 91.40 g -> 27.42 ml; sodium 79 mg -> 23.70 mg; potassium 558 mg -> 167.40 mg;
- pumpkin seeds (12014), 1 oz of 28.35 g: water 5.23 g -> 1.48 ml (1.482705); sodium 7 mg -> 1.98 mg (1.9845);
  potassium 809 mg -> 229.35 mg (229.3515);
- a salt tablet: 393 mg of sodium; a rehydration sachet: 345 mg sodium, 156 mg potassium, drunk in 200 ml.
"""

import csv
import io
import re
from datetime import UTC, date, datetime

import pytest
import time_machine

from journal.models import Profile
from tests.builders import (
    add_drink,
    log_dose,
    log_food,
    make_food,
    pumpkin_seeds,
    rehydration_sachet,
    salt_tablet,
    spinach,
)

DAY = date(2026, 3, 11)
NOON = datetime(2026, 3, 11, 12, tzinfo=UTC)

# (fluid, sodium, potassium) as the pages show them, and as the CSV writes them.
CASES = {
    # Fluid 27.42 + 1.48 + 250 + 500 + 200 = 978.90 -> 979 ml.
    # Sodium 23.70 + 1.98 + 2 x 393 + 345 = 1,156.68 -> 1,157 mg; potassium 167.40 + 229.35 + 156 = 552.75 -> 553 mg.
    "food, drinks, salt tablets and a sachet": (("979 ml", "1,157 mg", "553 mg"), ("979", "1157", "553")),
    # Half a sachet: 172.50 mg sodium, 78 mg potassium, 100 ml. Sodium 23.70 + 172.50 = 196.20 -> 196 mg (rounding
    # the food's 24 mg first would give 196.5 -> 197); potassium 167.40 + 78 = 245.40 -> 245; fluid 127.42 -> 127.
    "half a sachet with spinach": (("127 ml", "196 mg", "245 mg"), ("127", "196", "245")),
    # Drinks alone: 250 ml; no food, no product, so no sodium or potassium figure at all.
    "a glass of water only": (("250 ml", "–", "–"), ("250", "", "")),
    # Tea of 237 g without a water figure: the fluid is at least the 250 ml glass; sodium 1 mg/100 g -> 2.37 -> 2 mg.
    "a food without a water figure": (("≥ 250 ml", "2 mg", "no data"), ("250", "2", "")),
}


def build(case, user):
    if case == "food, drinks, salt tablets and a sachet":
        log_food(user, spinach(), 1, DAY, portion="1 cup")
        log_food(user, pumpkin_seeds(), 1, DAY, meal="snack", portion="1 oz")
        log_dose(user, DAY, product=salt_tablet(user), units=2)
        log_dose(user, DAY, product=rehydration_sachet(user))
        add_drink(user, 250, DAY)
        add_drink(user, 500, DAY)
    elif case == "half a sachet with spinach":
        log_food(user, spinach(), 1, DAY, portion="1 cup")
        log_dose(user, DAY, product=rehydration_sachet(user), units="0.5")
    elif case == "a glass of water only":
        add_drink(user, 250, DAY)
    elif case == "a food without a water figure":
        tea = make_food("Tea, herbal, chamomile, brewed", portions=[("1 cup", 237)], sodium_mg=1)
        log_food(user, tea, 1, DAY, portion="1 cup")
        add_drink(user, 250, DAY)


def text(html):
    words = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&ge;", "≥").replace("&nbsp;", " ")
    return words.strip()


def table_row(html, table_id, label):
    table = html[html.index(f'id="{table_id}"'):]
    row = next(row for row in table.split("<tr>") if label in row)
    return text(row[:row.index("</tr>")])


def cell(html, cell_id):
    start = html.index(f'id="{cell_id}"')
    return text(html[html.index(">", start) + 1:html.index("</td>", start)])


@pytest.fixture
def alice(user):
    Profile.objects.create(user=user, birth_date=date(1986, 1, 1), sex="female", time_zone="UTC")
    return user


@pytest.mark.parametrize("case", CASES)
def test_fluid_sodium_and_potassium_read_alike_everywhere(case, logged_in_client, alice):
    (fluid, sodium, potassium), csv_figures = CASES[case]
    build(case, alice)
    client = logged_in_client
    with time_machine.travel(NOON, tick=False):
        today = client.get("/today/").content.decode()
        week = client.get(f"/week/{DAY}/").content.decode()
        report = client.get("/report/", {"start": DAY, "end": DAY}).content.decode()
        response = client.get("/export/", {"start": DAY, "end": DAY, "kind": "daily"})
    daily = next(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))

    def on_today(cell_id, figure):
        # The panel says a lower bound in words ("at least 250 ml: ..."), the tables with "≥".
        return cell(today, cell_id).replace("at least ", "≥ ").startswith(figure.replace("–", "nothing logged"))

    assert on_today("panel-fluid", fluid)
    assert on_today("panel-sodium", sodium)
    assert on_today("panel-potassium", potassium)
    # The week's panel (its month hidden on a phone) ends with the heart-rate rise: none that day.
    assert table_row(week, "week-panel-table", "Wed 11") == f"Wed 11 Mar {sodium} {potassium} {fluid} –"
    assert table_row(report, "report-days", "Wed 11 Mar").endswith(f" {sodium} {potassium} {fluid}")
    assert (daily["fluid_ml"], daily["sodium_mg"], daily["potassium_mg"]) == csv_figures
