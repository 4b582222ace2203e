"""The entries CSV, byte for byte: every kind of row, figures rounded half up, texts a spreadsheet would run as a
formula kept as text, cells holding commas, quotes or line breaks quoted as csv quotes them. The file is written
without csv.writer and without Decimals on SQLite (journal/export.py), so these tests hold it to what they give."""

import csv
import io
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.db import connection
from hypothesis import example, given
from hypothesis import strategies as st

from foods.figures import rounded
from foods.models import Food
from journal.cronometer import import_rows, read_servings
from journal.export import ENTRY_HEADER, safe_cell
from journal.models import Drink, MealEntry, Profile, SupplementDose
from tests.builders import (
    add_drink,
    log_dose,
    log_food,
    log_medicine_dose,
    make_food,
    make_medicine,
    rehydration_sachet,
    write_note,
)
from tests.hostile import FEW_EXAMPLES

DAY = date(2026, 11, 20)


@pytest.fixture
def diary(user, pumpkin_seeds, spinach, frozen_now):
    Profile.objects.create(user=user, birth_date=date(1990, 5, 1), sex="female", time_zone="America/New_York")
    formula = make_food('=HYPERLINK("http://evil.example","seeds")', source_id="90901", magnesium_mg=61,
                        potassium_mg=809, calcium_mg=46, energy_kcal=559)
    bar = make_food("Muesli bar, apricot", source=Food.Source.CUSTOM, owner=user, sodium_mg=100, potassium_mg=200,
                    calcium_mg=50, energy_kcal=400)
    bar.estimate_from(pumpkin_seeds, ["magnesium_mg"])
    bar.save()
    log_food(user, formula, 50, DAY)
    log_food(user, spinach, "1.5", DAY, meal="lunch", portion="1 cup")
    log_food(user, bar, 40, DAY, meal="dinner")
    cronometer = b'Day,Group,Food Name,Amount,Magnesium (mg),Water (g)\n2026-11-20,Snacks,"Coffee, brewed",1.00 cup'
    import_rows(user, read_servings(cronometer + b",7.11,237\n", date(2026, 11, 28)))
    log_dose(user, elemental_mg="240", units="2", taken_at=datetime(2026, 11, 21, 3, 30, tzinfo=UTC),
             name="+SUM(A1:A9)")
    log_dose(user, DAY, product=rehydration_sachet(user), units="0.5")
    add_drink(user, 330, DAY, kind=Drink.Kind.TEA)
    write_note(user, recorded_at=datetime(2026, 11, 20, 14, tzinfo=UTC), dizziness=7, fatigue=5, anxiety=2,
               heart_rate_lying=64, heart_rate_standing=101, text='dizzy, then "better"\nafter salt')
    write_note(user, recorded_at=datetime(2026, 11, 20, 23, 5, tzinfo=UTC), text="-felt faint")
    return user


def entries_file(client, day="2026-11-20"):
    response = client.get("/export/", {"kind": "entries", "start": day, "end": day})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return b"".join(response.streaming_content).decode()


def test_the_entries_file_reads_byte_for_byte_as_worked_out(logged_in_client, diary):
    link = '=HYPERLINK(""http://evil.example"",""seeds"")'  # as a quoted cell holds it: its quotes doubled
    assert entries_file(logged_in_client).split("\r\n") == [
        ",".join(ENTRY_HEADER),
        # 61 mg/100 g x 50 g = 30.50 mg, half up to 31 (round() would give 30); potassium 809 x 0.5 = 404.5 -> 405;
        # calcium 23; energy 279.5 -> 280; no sodium or water figure: empty cells, and the note names them. The name
        # would run as a formula, so it starts with an apostrophe; it holds commas, so the cell is quoted.
        f'2026-11-20,,meal,Breakfast,"\'{link}",,50,31,,405,23,280,USDA SR28,90901,,,,,,,,,,,'
        f'"no sodium or water figure: {link} (USDA SR28)"',
        # 1.5 cups of 30 g = 45 g: magnesium and sodium 79 x 0.45 = 35.55 -> 36, potassium 251.1 -> 251, calcium
        # 44.55 -> 45, energy 10.35 -> 10, water 91.40 x 0.45 = 41.13 -> 41. Every figure known: no note.
        '2026-11-20,,meal,Lunch,"Spinach, raw",1.5 × 1 cup,45,36,36,251,45,10,USDA SR28,11457,,,,,,,,,,41,',
        # 40 g of the bar: 592 x 0.4 = 236.8 -> 237 mg of magnesium, estimated from the seeds; 40, 80, 20, 160.
        '2026-11-20,,meal,Dinner,"Muesli bar, apricot",,40,237,40,80,20,160,Custom food,,,,,,,,,,,,'
        '"no water figure, and magnesium estimated from USDA SR28 NDB 12014 Seeds, pumpkin and squash seed kernels, '
        'dried: Muesli bar, apricot (your own label)"',
        # Cronometer's cup of unknown weight: its amount as the file gave it, no grams; 7.11 -> 7 mg; 237 ml.
        '2026-11-20,,meal,Snack,"Coffee, brewed",1.00 cup,,7,,,,,Cronometer import,,,,,,,,,,,237,'
        '"no potassium, sodium, calcium or energy figure: Coffee, brewed (imported from Cronometer)"',
        # Noon in New York; half a sachet: 345 / 2 = 172.5 -> 173 mg of sodium, 78 mg of potassium, 100 ml.
        "2026-11-20,12:00,supplement,,Rehydration salts,0.5 unit(s),,0,173,78,,,supplement product,,Other,"
        ",,,,,,0,label,100,",
        # 03:30 UTC on the 21st is 22:30 on the 20th in New York; 240 mg in two units, 120 each.
        "2026-11-20,22:30,supplement,,'+SUM(A1:A9),2 unit(s),,240,0,0,,,supplement product,,Glycinate (bisglycinate),"
        ",,,,,,120,label,0,",
        "2026-11-20,,drink,,Tea or herbal tea,330 ml,,,,,,,,,,,,,,,,,,330,",
        # 14:00 UTC is 09:00 in New York; the note's line break stays inside its quoted cell.
        '2026-11-20,09:00,symptoms,,,,,,,,,,,,,7,5,2,64,101,"dizzy, then ""better""\nafter salt",,,,',
        "2026-11-20,18:05,symptoms,,,,,,,,,,,,,3,4,2,,,'-felt faint,,,,",
        "",
    ]


def test_a_medicine_taken_is_a_row_of_its_own_with_its_dose_and_kind_and_no_figure(logged_in_client, diary,
                                                                                    other_user):
    cipro = make_medicine(diary, "Ciprofloxacin", kind="quinolone", dose="500 mg tablet")
    log_medicine_dose(diary, cipro, taken_at=datetime(2026, 11, 20, 13, tzinfo=UTC))  # 08:00 in New York
    log_medicine_dose(diary, cipro, taken_at=datetime(2026, 11, 21, 13, tzinfo=UTC))  # the next day: not asked for
    log_medicine_dose(other_user, make_medicine(other_user, "Alendronate"), DAY)  # someone else's

    lines = entries_file(logged_in_client).split("\r\n")
    records = [line.split(",")[2] for line in lines[1:-1]]
    # After the supplement doses, before the drinks; no figure in any column, as no total counts a medicine.
    assert records == ["meal"] * 4 + ["supplement"] * 2 + ["medicine", "drink", "symptoms", "symptoms"]
    assert lines[7] == ('2026-11-20,08:00,medicine,,Ciprofloxacin,500 mg tablet,,,,,,,,,,,,,,,'
                        '"Quinolone antibiotic (such as ciprofloxacin, levofloxacin)",,,,')


# Figures as an entry's columns can hold them (three places: a restored backup may carry them), up to their limit,
# or none; texts made of what a spreadsheet or a CSV reader treats specially.
ENTRY_FIGURES = st.one_of(st.none(), st.integers(min_value=0, max_value=10**12 - 1).map(lambda n: Decimal(n) / 1000))
DOSE_FIGURES = st.integers(min_value=0, max_value=10**6).map(lambda n: Decimal(n) / 100)  # up to 10,000 mg
DOSE_WATER = st.integers(min_value=0, max_value=10**7 - 1).map(lambda n: Decimal(n) / 10)
TEXTS = st.text(alphabet='ab ,"\n\r=+-@\t×é', min_size=1, max_size=12)
FIGURE_CELLS = {"magnesium_mg": "mg", "sodium_mg": "mg", "potassium_mg": "mg", "calcium_mg": "mg",
                "energy_kcal": "kcal"}


def as_written(text, columns):
    """The given columns of each row of the file, after checking that csv.writer would write its cells as it is."""
    rows = list(csv.reader(io.StringIO(text, newline="")))
    written = io.StringIO()
    csv.writer(written).writerows(rows)
    assert written.getvalue() == text
    header, *rows = rows
    return [[row[header.index(column)] for column in columns] for row in rows]


def shown(figure, kind):
    return "" if figure is None else str(rounded(figure, kind))


def test_any_entry_figures_and_names_read_as_rounded_half_up(logged_in_client, user, frozen_now):
    @FEW_EXAMPLES
    @given(entries=st.lists(st.tuples(TEXTS, *[ENTRY_FIGURES] * 6), min_size=1, max_size=4))
    @example(entries=[("=1+1", *map(Decimal, ("30.5", "0.5", "0.499", "2.495", "999999999.999", "0")))])
    def check(entries):
        MealEntry.objects.filter(user=user).delete()
        MealEntry.objects.bulk_create(
            MealEntry(user=user, date=DAY, meal="breakfast", food_name=name, food_source=Food.Source.SR28, grams=100,
                      water_g=water_g, **dict(zip(FIGURE_CELLS, figures, strict=True)))
            for name, *figures, water_g in entries
        )
        assert as_written(entries_file(logged_in_client), ["item", *FIGURE_CELLS, "fluid_ml"]) == [
            [safe_cell(name), *map(shown, figures, FIGURE_CELLS.values()), shown(water_g, "ml")]
            for name, *figures, water_g in entries
        ]

    check()


def test_any_dose_figures_and_names_read_as_rounded_half_up(logged_in_client, user, frozen_now):
    @FEW_EXAMPLES
    @given(doses=st.lists(st.tuples(TEXTS, DOSE_FIGURES, DOSE_FIGURES, DOSE_WATER), min_size=1, max_size=4))
    @example(doses=[("@x", Decimal("0.5"), Decimal("172.50"), Decimal("99.5"))])
    def check(doses):
        SupplementDose.objects.filter(user=user).delete()
        SupplementDose.objects.bulk_create(
            SupplementDose(user=user, date=DAY, taken_at=datetime(2026, 11, 20, 17, tzinfo=UTC), units=1,
                           product_name=name, form="citrate", elemental_mg=elemental_mg, sodium_mg=sodium_mg,
                           water_ml=water_ml)
            for name, elemental_mg, sodium_mg, water_ml in doses
        )
        assert as_written(entries_file(logged_in_client), ["item", "magnesium_mg", "sodium_mg", "fluid_ml"]) == [
            [safe_cell(name), shown(elemental_mg, "mg"), shown(sodium_mg, "mg"), shown(water_ml, "ml")]
            for name, elemental_mg, sodium_mg, water_ml in doses
        ]

    check()


def test_a_figure_written_outside_the_app_reads_as_its_column_keeps_it(logged_in_client, user, pumpkin_seeds,
                                                                        frozen_now):
    # A column keeps three decimal places: 2.4995 is 2.500 there (PostgreSQL rounds it so on the way in, Django's
    # converter on the way out of SQLite), so the file says 3, not the 2 that rounding 2.4995 itself would give.
    entry = log_food(user, pumpkin_seeds, 10, DAY)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE journal_mealentry SET magnesium_mg = %s, sodium_mg = %s WHERE id = %s",
                       [2.4995, 0.4995, entry.pk])
    assert as_written(entries_file(logged_in_client), ["magnesium_mg", "sodium_mg"]) == [["3", "1"]]
