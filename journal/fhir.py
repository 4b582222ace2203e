"""A FHIR R4 (4.0.1) Bundle of one person's record for a period, for clinicians' systems.

What goes in, and from where:
- Patient: the person, with birth date and sex when the profile gives them.
- One Observation per day whose magnesium total is known or a lower bound, from the ledger (journal.ledger.days_of),
  so the file reads as the report and the CSV do. A day without a figure is left out, never written as 0 mg.
  A lower bound carries valueQuantity.comparator ">=" (FHIR's own way of saying "at least this much") and a note
  saying how many foods had no magnesium figure.
- One MedicationStatement per supplement dose. Why not MedicationAdministration: that resource records a
  medication given, with who gave it and how, by the person or system that gave it; MedicationStatement is the one
  FHIR defines for what a patient reports taking (R4 spec, MedicationStatement "Boundaries and Relationships").
  The doses here are what the person logged themselves, so informationSource is the patient.
- One heart rate Observation per reading on a symptom note, lying or standing, with its body position.
- One laboratory Observation per lab result (journal.labs), coded with the LOINC term of its analyte in moles per
  volume and valued in that unit (mmol/L; creatinine µmol/L), converted from the unit the lab printed when it
  differs; the lab's range goes in referenceRange, and a note gives the value and range as printed and the working.

The Bundle is a "collection": a set of resources to read, not to store as a transaction. Each entry has a stable
urn:uuid (the same row gives the same id in every download), so a system that imports the file twice can tell.
"""

import uuid
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone
from django.utils.text import capfirst

from foods.figures import rounded, show
from journal.labs import UNITS
from journal.ledger import days_of, figure_notes_of
from journal.medicines import KIDNEY_FOR_THE_DOCTOR
from journal.models import LabResult, Medicine, SupplementDose, SymptomNote

LOINC = "http://loinc.org"
CONDITION_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical"
CONDITION_VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status"
SNOMED = "http://snomed.info/sct"
UCUM = "http://unitsofmeasure.org"

# LOINC 81005-1 "Magnesium intake 24 hour Estimated": a patient's estimated 24 hour magnesium intake from all
# sources, food and supplements (https://loinc.org/81005-1/; one of the intake terms LOINC made for the Academy of
# Nutrition and Dietetics' Nutrition Assessment Language, beside 81137-2 calcium and 81011-9 sodium intake).
# "Estimated", not 81006-9 "Measured": the figures are worked out from food composition tables and labels.
# Its property is a mass rate over 24 hours, so the unit is UCUM mg/(24.h).
MAGNESIUM_INTAKE = {"system": LOINC, "code": "81005-1", "display": "Magnesium intake 24 hour Estimated"}
MG_PER_DAY = {"unit": "mg/day", "system": UCUM, "code": "mg/(24.h)"}
# LOINC 81011-9 "Sodium intake 24 hour Estimated" (https://loinc.org/81011-9/), the sodium term of the same family:
# food and products (salt tablets, rehydration solutions, electrolyte mixes), estimated from tables and labels.
SODIUM_INTAKE = {"system": LOINC, "code": "81011-9", "display": "Sodium intake 24 hour Estimated"}
# LOINC 8999-5 "Fluid intake oral Estimated" (https://loinc.org/8999-5/): a volume, so the Observation's
# effectivePeriod is the day and its unit UCUM mL. Estimated: water in foods comes from USDA tables.
FLUID_INTAKE = {"system": LOINC, "code": "8999-5", "display": "Fluid intake oral Estimated"}
MILLILITRES = {"unit": "mL", "system": UCUM, "code": "mL"}

# LOINC 8867-4 "Heart rate" (https://loinc.org/8867-4/), the code the FHIR R4 vital signs profile for heart rate
# requires (http://hl7.org/fhir/R4/heartrate.html), in beats per minute: UCUM /min.
HEART_RATE = {"system": LOINC, "code": "8867-4", "display": "Heart rate"}
BEATS_PER_MINUTE = {"unit": "beats/minute", "system": UCUM, "code": "/min"}
VITAL_SIGNS = {
    "system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": "vital-signs",
    "display": "Vital Signs",
}
# The body position goes in FHIR's core extension observation-bodyPosition
# (http://hl7.org/fhir/R4/extension-observation-bodyposition.html), "to be used when the body position is not
# precoordinated in the observation code", with a SNOMED CT "body position finding" (9851009) descendant, as in
# the QI-Core body position value set (http://hl7.org/fhir/us/qicore/ValueSet/qicore-observation-body-position):
# 102538003 "Recumbent body position (finding)" for lying, 10904000 "Orthostatic body position (finding)" for
# standing.
BODY_POSITION = "http://hl7.org/fhir/StructureDefinition/observation-bodyPosition"
POSITIONS = {
    "lying": {"system": SNOMED, "code": "102538003", "display": "Recumbent body position (finding)"},
    "standing": {"system": SNOMED, "code": "10904000", "display": "Orthostatic body position (finding)"},
}
LABORATORY = {
    "system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": "laboratory",
    "display": "Laboratory",
}
GENDERS = {"female": "female", "male": "male"}  # Profile.Sex to FHIR administrative gender

# Entry ids: uuid5 of the row in this namespace, so one row keeps one id from download to download.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://mgtracker.invalid/fhir")


def _urn(*parts):
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, '/'.join(str(part) for part in parts))}"


def _number(value):
    """A Decimal as a JSON number (FHIR decimals are numbers, never strings): 486 stays an integer."""
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


def _quantity(value, unit, comparator=None):
    quantity = {"value": _number(value), **unit}
    return {"comparator": comparator, **quantity} if comparator else quantity


def bundle_for(user, profile, first, last):
    """The Bundle as a dict for json.dumps, for the person's days from first to last, both included."""
    patient_url = _urn(user.pk, "patient")
    patient = {"resourceType": "Patient", "name": [{"text": user.get_full_name() or user.username}]}
    if profile.sex in GENDERS:
        patient["gender"] = GENDERS[profile.sex]
    if profile.birth_date:
        patient["birthDate"] = profile.birth_date.isoformat()
    subject = {"reference": patient_url}
    entries = [{"fullUrl": patient_url, "resource": patient}]
    if profile.kidney_disease:
        entries.append({"fullUrl": _urn(user.pk, "kidney"), "resource": _kidney_disease(subject)})
    days = days_of(profile, first, last)
    notes_by_day = figure_notes_of(profile, days)
    for day in days:
        if day.magnesium.total is not None:
            magnesium = _magnesium_intake(day, subject, notes_by_day.get(day.day, []))
            entries.append({"fullUrl": _urn(user.pk, "magnesium", day.day), "resource": magnesium})
        # Like magnesium, a day without its food logged has no sodium or fluid figure, only what was added to it.
        if day.entries or day.food_complete:
            for name, resource in (("sodium", _sodium_intake(day, subject)), ("fluid", _fluid_intake(day, subject))):
                if resource:
                    entries.append({"fullUrl": _urn(user.pk, name, day.day), "resource": resource})
    in_range = {"user": user, "date__range": (first, last)}
    for dose in SupplementDose.objects.filter(**in_range).order_by("taken_at", "pk"):
        entries.append({"fullUrl": _urn(user.pk, "dose", dose.pk), "resource": _dose(dose, subject, profile)})
    for medicine in Medicine.objects.taken_between(user, first, last):
        entries.append({"fullUrl": _urn(user.pk, "medicine", medicine.pk),
                        "resource": _medicine(medicine, subject, last)})
    readings = SymptomNote.objects.filter(**in_range).filter(
        Q(heart_rate_lying__isnull=False) | Q(heart_rate_standing__isnull=False)
    ).order_by("recorded_at", "pk")
    for note in readings:
        for position in POSITIONS:
            bpm = getattr(note, f"heart_rate_{position}")
            if bpm is not None:
                entries.append({
                    "fullUrl": _urn(user.pk, "heart-rate", note.pk, position),
                    "resource": _heart_rate(note, position, bpm, subject, profile),
                })
    for result in LabResult.objects.filter(user=user, taken_on__range=(first, last)).order_by("taken_on", "pk"):
        entries.append({"fullUrl": _urn(user.pk, "lab", result.pk), "resource": _lab_result(result, subject)})
    return {
        "resourceType": "Bundle",
        "type": "collection",
        "timestamp": timezone.localtime(timezone.now(), profile.zone).isoformat(timespec="seconds"),
        "entry": entries,
    }


def _kidney_disease(subject):
    """What the patient noted on their profile, as they noted it: unconfirmed, and coded by text alone, since
    "chronic kidney disease or reduced kidney function" is no one SNOMED concept."""
    return {
        "resourceType": "Condition",
        "clinicalStatus": {"coding": [{"system": CONDITION_CLINICAL, "code": "active"}]},
        "verificationStatus": {"coding": [{"system": CONDITION_VERIFICATION, "code": "unconfirmed"}]},
        "code": {"text": "Chronic kidney disease or reduced kidney function, as noted by the patient"},
        "subject": subject,
        "asserter": subject,
        "note": [{"text": KIDNEY_FOR_THE_DOCTOR}],
    }


def _magnesium_intake(day, subject, figure_notes):
    """`figure_notes`: the day's foods whose figures are missing or estimated (journal.models.FigureNote), named with
    where they came from, as the report and the daily CSV name them."""
    total = day.magnesium
    food = day.food_magnesium
    notes = [f"Food {food.figure} (USDA FoodData Central figures of the foods logged, or the patient's own food "
             f"labels), supplements "
             f"{show(day.supplement_mg, 'mg')} elemental magnesium (product labels)."]
    if total.lower_bound:
        notes.append(f"Lower bound: {food}, so the day's intake was higher than this.")
    notes.extend(f"{capfirst(str(note))}." for note in figure_notes)
    return {
        "resourceType": "Observation",
        "status": "final",
        "code": {"coding": [MAGNESIUM_INTAKE], "text": "Magnesium from food and supplements, one day"},
        "subject": subject,
        "effectiveDateTime": day.day.isoformat(),
        "valueQuantity": _quantity(total.total, MG_PER_DAY, ">=" if total.lower_bound else None),
        "note": [{"text": text} for text in notes],
    }


def _sodium_intake(day, subject):
    """The day's sodium, food and products, or None when no food logged has a sodium figure."""
    amount = day.sodium
    if amount.total is None:
        return None
    return {
        "resourceType": "Observation",
        "status": "final",
        "code": {"coding": [SODIUM_INTAKE], "text": "Sodium from food and products, one day"},
        "subject": subject,
        "effectiveDateTime": day.day.isoformat(),
        "valueQuantity": _quantity(amount.total, MG_PER_DAY, ">=" if amount.lower_bound else None),
        "note": [{"text": f"Sodium: {amount}."}],
    }


def _fluid_intake(day, subject):
    """The day's fluid: water in the foods, the drinks and the water products were drunk in."""
    amount = day.fluid
    if amount.total is None:
        return None
    return {
        "resourceType": "Observation",
        "status": "final",
        "code": {"coding": [FLUID_INTAKE], "text": "Fluid from foods, drinks and products, one day"},
        "subject": subject,
        "effectivePeriod": {"start": day.day.isoformat(), "end": day.day.isoformat()},
        "valueQuantity": _quantity(amount.total, MILLILITRES, ">=" if amount.lower_bound else None),
        "note": [{"text": f"Fluid: {amount}."}],
    }


def _local(moment, profile):
    return timezone.localtime(moment, profile.zone).isoformat(timespec="seconds")


def _dose(dose, subject, profile):
    elemental = rounded(dose.elemental_mg, "mg")
    source = dose.elemental_source or "as logged"
    return {
        "resourceType": "MedicationStatement",
        "status": "completed",
        "medicationCodeableConcept": {"text": f"{dose.product_name} (magnesium {dose.get_form_display()})"},
        "subject": subject,
        "effectiveDateTime": _local(dose.taken_at, profile),
        "informationSource": subject,
        "dosage": [{
            "text": f"{dose}: {elemental} mg elemental magnesium ({source})",
            "doseAndRate": [{"doseQuantity": _quantity(elemental, {"unit": "mg", "system": UCUM, "code": "mg"})}],
        }],
    }


def _medicine(medicine, subject, last):
    """A medicine taken in the period, as the person recorded it: from its start to its stop date (still going when
    it had not stopped by the period's last day). Its doses stay in the app: the statement says what and when."""
    stopped = medicine.stopped_on is not None and medicine.stopped_on <= last
    period = {"start": medicine.started_on.isoformat()}
    if medicine.stopped_on is not None:
        period["end"] = medicine.stopped_on.isoformat()
    usual = f", usually at {', '.join(medicine.usual_times)}" if medicine.usual_times else ""
    return {
        "resourceType": "MedicationStatement",
        "status": "completed" if stopped else "active",
        "medicationCodeableConcept": {"text": f"{medicine.name}: {medicine.get_kind_display().lower()}"},
        "subject": subject,
        "effectivePeriod": period,
        "informationSource": subject,
        "dosage": [{"text": f"{medicine.dose or 'dose not given'}{usual}"}],
    }


def _heart_rate(note, position, bpm, subject, profile):
    return {
        "resourceType": "Observation",
        "status": "final",
        "category": [{"coding": [VITAL_SIGNS]}],
        "code": {"coding": [HEART_RATE], "text": f"Heart rate, {position}"},
        "subject": subject,
        "effectiveDateTime": _local(note.recorded_at, profile),
        "valueQuantity": _quantity(bpm, BEATS_PER_MINUTE),
        "extension": [{"url": BODY_POSITION, "valueCodeableConcept": {"coding": [POSITIONS[position]],
                                                                      "text": position}}],
    }


def _lab_result(result, subject):
    """The result in its analyte's base unit (the unit of its LOINC term), with the lab's range in the same unit."""
    analyte = result.facts
    base = analyte.base.code
    unit = {"unit": UNITS[base].label, "system": UCUM, "code": base}

    def quantity(value):
        return _quantity(analyte.shown(value, base) if result.unit != base else value, unit)

    low, high = result.range_in(base)
    printed = f"As printed: {result.value_text}"
    if result.range_text:
        printed += f", reference range {result.range_text}"
    if result.lab:
        printed += f" ({result.lab})"
    notes = [printed + "."]
    if result.unit != base:
        notes.append(f"Converted: {analyte.working(result.value, result.unit, base)}.")
    if result.note:
        notes.append(result.note)
    resource = {
        "resourceType": "Observation",
        "status": "final",
        "category": [{"coding": [LABORATORY]}],
        "code": {"coding": [{"system": LOINC, "code": analyte.loinc.code, "display": analyte.loinc.display}],
                 "text": analyte.name},
        "subject": subject,
        "effectiveDateTime": result.taken_on.isoformat(),
        "valueQuantity": quantity(result.converted(base)),
        "note": [{"text": text} for text in notes],
    }
    if low is not None or high is not None:
        bounds = {"low": low, "high": high}
        resource["referenceRange"] = [
            {name: quantity(bound) for name, bound in bounds.items() if bound is not None}
            | {"text": f"The lab's own range: {result.range_text}"}
        ]
    return resource


def filename(first, last):
    return f"mgtracker-fhir-{first}-to-{last}.json"

