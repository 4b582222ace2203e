"""Lab results beside intake: for each result, the person's mean daily magnesium (food and supplements) over the
7 days before the sample, by the ledger's rules, and the chart of each test against the lab's range."""

from dataclasses import dataclass
from datetime import timedelta
from functools import cached_property

from foods.figures import show
from journal.labs import ANALYTES, UNITS
from journal.ledger import Period, days_of

DAYS_BEFORE = 7


@dataclass(frozen=True)
class ResultWithIntake:
    result: object  # a LabResult
    intake: Period  # the 7 days before the sample: taken_on - 7 to taken_on - 1

    @property
    def mean_mg(self):
        """The mean over the days that count (Period.counted), None when none does."""
        return self.intake.mean_total_mg

    @property
    def intake_text(self):
        """"412 mg a day (5 of 7 days count)" or "no data: no day of the 7 before counts"."""
        counted = len(self.intake.counted)
        if not counted:
            return f"no data: none of the {DAYS_BEFORE} days before counts"
        return f"{show(self.mean_mg, 'mg')} a day ({counted} of {DAYS_BEFORE} days count)"

    @property
    def left_out_text(self):
        """Why days were left out of the mean: "2 days: nothing logged"."""
        return "; ".join(f"{count} day{'s' if count != 1 else ''}: {reason}" for reason, count in self.intake.left_out)


def with_intake_before(profile, results, days=None):
    """Each result with its 7 days before, from one days_of over the span they cover (nine queries however many
    results), or from `days` (Days in a row) when the caller has read them already and they cover the span."""
    results = list(results)
    if not results:
        return []
    first = min(result.taken_on for result in results) - timedelta(days=DAYS_BEFORE)
    last = max(result.taken_on for result in results) - timedelta(days=1)
    if days is None or days[0].day > first or days[-1].day < last:
        days = days_of(profile, first, last)
    start = days[0].day
    paired = []
    for result in results:
        offset = (result.taken_on - start).days - DAYS_BEFORE
        paired.append(ResultWithIntake(result, Period(days[offset:offset + DAYS_BEFORE])))
    return paired


def charts_of(rows):
    """One LabChart per analyte, in the order the analytes are listed, each in the unit of its latest result."""
    by_analyte = {}
    for row in sorted(rows, key=lambda row: (row.result.taken_on, row.result.pk)):
        by_analyte.setdefault(row.result.analyte, []).append(row)
    return [LabChart(ANALYTES[key], by_analyte[key][-1].result.unit, by_analyte[key])
            for key in ANALYTES if key in by_analyte]


@dataclass(frozen=True)
class LabChart:
    """An analyte's results, oldest first, in one unit: each value against the lab's range, beside the mean daily
    magnesium of the 7 days before. The page's table and static/js/labs.js read the same `points`."""

    analyte: object  # journal.labs.Analyte
    unit: str
    rows: list  # ResultWithIntake, oldest first

    @property
    def unit_label(self):
        return UNITS[self.unit].label

    @cached_property
    def points(self):
        points = []
        for row in self.rows:
            result = row.result
            low, high = result.range_in(self.unit)
            points.append({
                "result": result, "date": result.taken_on, "value": self._shown(result.converted(self.unit)),
                "low": self._shown(low), "high": self._shown(high), "position": result.position,
                "intake": row.intake_text, "intake_mg": row.mean_mg, "left_out": row.left_out_text,
            })
        return points

    def _shown(self, value):
        return None if value is None else self.analyte.shown(value, self.unit)

    @property
    def data(self):
        """Plain numbers for static/js/labs.js; null where a bound was not given or no day before counts."""
        points = self.points
        return {
            "id": f"lab-chart-{self.analyte.key}", "name": self.analyte.name, "unit": self.unit_label,
            "labels": [point["date"].strftime("%-d %b %Y") for point in points],
            "values": [_float(point["value"]) for point in points],
            "range_low": [_float(point["low"]) for point in points],
            "range_high": [_float(point["high"]) for point in points],
            "intake_mg": [_float(point["intake_mg"]) for point in points],
        }


def _float(figure):
    return None if figure is None else float(figure)
