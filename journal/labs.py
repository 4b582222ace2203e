"""Blood test results a person's doctor orders (serum and red-cell magnesium, potassium, sodium, creatinine): one
row per analyte with its units, how they convert, and the bounds of what a sample can read.

Each result is stored as the lab printed it (value, unit and the lab's own reference range: ranges differ between
labs); every other unit is worked out on reading, with the working shown ("0.78 mmol/L × 2.4305 = 1.90 mg/dL").

This module knows no model: journal.models builds the LabResult's choices and check constraint from it.
"""

from dataclasses import dataclass
from decimal import Decimal

from foods.figures import plain, to_step

# Magnesium's standard atomic weight is 24.305 g/mol (IUPAC), so 1 mmol/L is 24.305 mg/L = 2.4305 mg/dL (the
# "2.43" of lab reports, e.g. ARUP's RBC magnesium, test 0092079: "divide the result by 2.43"); its ions carry two
# charges, so 1 mmol/L = 2 mEq/L. Potassium and sodium carry one: 1 mmol/L = 1 mEq/L.
MAGNESIUM_MG_DL_PER_MMOL_L = Decimal("2.4305")
MAGNESIUM_FACTORS = {"mmol/L": Decimal(1), "mg/dL": MAGNESIUM_MG_DL_PER_MMOL_L, "meq/L": Decimal(2)}
# Creatinine is 113.12 g/mol: 1 mg/dL = 10 mg/L / 113.12 g/mol = 88.4 µmol/L, the factor labs print.
CREATININE_UMOL_L_PER_MG_DL = Decimal("88.4")

# Less than 1% of the body's magnesium is in blood serum, and the serum concentration is tightly controlled, so a
# normal serum result does not rule out low stores: NIH Office of Dietary Supplements, "Magnesium: Fact Sheet for
# Health Professionals" (https://ods.od.nih.gov/factsheets/Magnesium-HealthProfessional/). The pages say it in
# these words, with the source.
SERUM_SHARE_NOTE = (
    "Less than 1% of the body's magnesium is in the blood serum, and the body keeps the serum level within a narrow "
    "range, so a normal serum magnesium result does not rule out low magnesium stores."
)
SERUM_SHARE_SOURCE = "NIH Office of Dietary Supplements, Magnesium: Fact Sheet for Health Professionals"
SERUM_SHARE_URL = "https://ods.od.nih.gov/factsheets/Magnesium-HealthProfessional/"


@dataclass(frozen=True)
class Unit:
    code: str  # as stored, and as UCUM writes it for FHIR
    label: str  # as people read it


MMOL_L = Unit("mmol/L", "mmol/L")
MG_DL = Unit("mg/dL", "mg/dL")
MEQ_L = Unit("meq/L", "mEq/L")
UMOL_L = Unit("umol/L", "µmol/L")
UNITS = {unit.code: unit for unit in (MMOL_L, MG_DL, MEQ_L, UMOL_L)}


@dataclass(frozen=True)
class LoincCode:
    code: str
    display: str


@dataclass(frozen=True)
class Analyte:
    key: str
    name: str
    base: Unit  # the one unit every result of this analyte can be compared in
    # unit code -> the same amount in each unit (1 mmol/L = 2.4305 mg/dL = 2 mEq/L), so every ratio is exact
    factors: dict
    steps: dict  # unit code -> display precision of a converted figure
    # What a living person's sample can read, in the base unit: beyond these a figure is a typing slip or a wrong
    # unit. They are generous bounds of the possible, not clinical ranges: a result inside them may still be
    # dangerous, and the lab's own range is what a result is shown against.
    bounds: tuple
    loinc: LoincCode  # the term for a value in the base unit, as the FHIR export writes it

    @property
    def in_a_sentence(self):
        """The name inside a sentence: "serum magnesium", "red-cell (RBC) magnesium"."""
        return self.name[0].lower() + self.name[1:]

    @property
    def units(self):
        return [UNITS[code] for code in self.factors]

    def convert(self, value, unit, to):
        """`value` in unit code `unit` as unit code `to`, exactly (rounding is for display: `shown`)."""
        return value * self.factors[to] / self.factors[unit]

    def shown(self, value, unit):
        """A converted figure at the precision of its unit: "1.90"."""
        return f"{to_step(value, self.steps[unit]):f}"

    def working(self, value, unit, to):
        """How `value` in `unit` becomes `to`: "0.78 mmol/L × 2.4305 = 1.90 mg/dL"."""
        into, out_of = self.factors[to], self.factors[unit]
        step = f"× {plain(into / out_of)}" if into >= out_of else f"÷ {plain(out_of / into)}"
        converted = self.shown(self.convert(value, unit, to), to)
        return f"{plain(value)} {UNITS[unit].label} {step} = {converted} {UNITS[to].label}"

    def bounds_in(self, unit):
        low, high = self.bounds
        return self.convert(low, self.base.code, unit), self.convert(high, self.base.code, unit)

    def out_of_bounds_message(self, value, unit):
        """Why `value` in `unit` cannot be a reading, or "" when it can."""
        low, high = self.bounds_in(unit)
        if low <= value <= high:
            return ""
        label = UNITS[unit].label
        return (f"{plain(value)} {label} is outside what a {self.in_a_sentence} result can be "
                f"({self.shown(low, unit)} to {self.shown(high, unit)} {label}): check the figure and the unit.")


# Bounds, in the base unit: wide margins around the reference intervals labs print, so that no true result is
# refused, while a figure with a slipped decimal point or in a far-off unit is (a value in the wrong one of two close
# units, 1.9 mg/dL typed as mmol/L, can pass: the page shows every result against its range to catch the eye). They
# are not clinical thresholds and nothing here judges a result against them. Serum magnesium 0.1-5 mmol/L around the
# normal serum range of 0.75-0.95 mmol/L (NIH ODS fact sheet above). RBC magnesium 0.5-5 mmol/L around ARUP's
# interval of 1.5-3.1 mmol/L (test 0092079). Sodium 90-200 mmol/L around 135-145 mmol/L (US Core's serum sodium
# example). Potassium 1-10 mmol/L and creatinine 10-2000 µmol/L: the bounds proposed with issue 14, several times
# wider than the intervals labs print.
ANALYTES = {
    analyte.key: analyte for analyte in (
        Analyte(
            "serum_magnesium", "Serum magnesium", MMOL_L,
            MAGNESIUM_FACTORS,
            {"mmol/L": Decimal("0.01"), "mg/dL": Decimal("0.01"), "meq/L": Decimal("0.01")},
            (Decimal("0.1"), Decimal(5)),
            # https://loinc.org/2601-3/, in HL7's PDDI CDS value set of serum magnesium codes
            # (http://hl7.org/fhir/uv/pddi/ValueSet/valueset-magnesium-LOINC).
            LoincCode("2601-3", "Magnesium [Moles/volume] in Serum or Plasma"),
        ),
        Analyte(
            "rbc_magnesium", "Red-cell (RBC) magnesium", MMOL_L,
            MAGNESIUM_FACTORS,
            {"mmol/L": Decimal("0.01"), "mg/dL": Decimal("0.1"), "meq/L": Decimal("0.01")},
            (Decimal("0.5"), Decimal(5)),
            # https://loinc.org/2597-3/, in the same HL7 value set, and the code ARUP reports its RBC magnesium in
            # mmol/L under (test 0092079).
            LoincCode("2597-3", "Magnesium [Moles/volume] in Red Blood Cells"),
        ),
        Analyte(
            "potassium", "Potassium", MMOL_L,
            {"mmol/L": Decimal(1), "meq/L": Decimal(1)},
            {"mmol/L": Decimal("0.1"), "meq/L": Decimal("0.1")},
            (Decimal(1), Decimal(10)),
            # https://loinc.org/2823-3/, in HL7's PDDI CDS serum potassium value set.
            LoincCode("2823-3", "Potassium [Moles/volume] in Serum or Plasma"),
        ),
        Analyte(
            "sodium", "Sodium", MMOL_L,
            {"mmol/L": Decimal(1), "meq/L": Decimal(1)},
            {"mmol/L": Decimal(1), "meq/L": Decimal(1)},
            (Decimal(90), Decimal(200)),
            # https://loinc.org/2951-2/, the code of US Core's serum sodium example (Observation/serum-sodium).
            LoincCode("2951-2", "Sodium [Moles/volume] in Serum or Plasma"),
        ),
        Analyte(
            "creatinine", "Creatinine", UMOL_L,
            {"umol/L": CREATININE_UMOL_L_PER_MG_DL, "mg/dL": Decimal(1)},
            {"umol/L": Decimal(1), "mg/dL": Decimal("0.01")},
            (Decimal(10), Decimal(2000)),
            # https://loinc.org/14682-9/, in HL7's Clinical Guidelines creatinine value set
            # (http://hl7.org/fhir/uv/cpg/ValueSet/ckd-valueset-creatinine).
            LoincCode("14682-9", "Creatinine [Moles/volume] in Serum or Plasma"),
        ),
    )
}
MAGNESIUM_ANALYTES = ("serum_magnesium", "rbc_magnesium")
