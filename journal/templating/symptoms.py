from journal.models import SymptomNote


def score_label(name):
    """"muscle_cramps" -> "Muscle cramps", as the note's form labels it."""
    return SymptomNote._meta.get_field(name).verbose_name.capitalize()
