"""Elemental magnesium in each supplement form, and what each form is known for.

journal/data/supplement_forms.csv holds one row per SupplementProduct.Form. The
fractions come from shared/data/magnesium_supplement_forms.csv, computed as
n(Mg) x 24.305 / molar mass. Where that file lists several salts under one name
the row names the salt assumed, chosen as the one usually sold:
citrate = trimagnesium dicitrate (anhydrous, 16.16%), chloride = hexahydrate,
sulfate = heptahydrate (Epsom salt), aspartate and orotate = dihydrates. The
"known for" texts summarise the comparison of forms in the project's seed
article and the notes of the forms file. A label's elemental figure always
beats these fractions: commercial chelates are often buffered or hydrated.
"""

import csv
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from foods.figures import stored

FORMS_TABLE = Path(__file__).parent / "data" / "supplement_forms.csv"


@dataclass(frozen=True)
class SupplementForm:
    form: str
    salt_assumed: str
    molar_mass_g_mol: Decimal | None
    elemental_fraction: Decimal | None  # None where no salt can be assumed ("other")
    known_for: str
    source: str

    @property
    def percent(self):
        return stored(self.elemental_fraction * 100)

    def elemental_mg(self, compound_mg):
        return stored(compound_mg * self.elemental_fraction)


def optional_decimal(text):
    return Decimal(text) if text else None


def load_forms(path=FORMS_TABLE):
    with open(path, newline="", encoding="utf-8") as f:
        return {
            row["form"]: SupplementForm(
                form=row["form"],
                salt_assumed=row["salt_assumed"],
                molar_mass_g_mol=optional_decimal(row["molar_mass_g_mol"]),
                elemental_fraction=optional_decimal(row["elemental_fraction"]),
                known_for=row["known_for"],
                source=row["source"],
            )
            for row in csv.DictReader(f)
        }


FORMS = load_forms()
