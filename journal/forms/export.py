from datetime import timedelta

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from crispy_forms.utils import render_crispy_form
from django import forms
from django.utils.translation import get_language

from journal.models import EARLIEST_DATE

LONGEST_RANGE_DAYS = 3 * 366
# DateRangeForm.drawn's HTML by form state; emptied when full, so that odd dates typed into the address cannot grow it.
_drawn_by_state = {}
DRAWN_STATES = 512


class DateRangeForm(forms.Form):
    """A period from start to end, both included, read from the query string."""

    start = forms.DateField(label="From", widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label="To", widget=forms.DateInput(attrs={"type": "date"}))
    submit_label = "Show"
    default_days = 28
    # A page holds at most three years; None for a file, which streams a range of any length.
    longest_range_days = LONGEST_RANGE_DAYS

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["start"].initial = today - timedelta(days=self.default_days - 1)
        self.fields["end"].initial = today
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.add_input(Submit("submit", self.submit_label))

    def clean_start(self):
        start = self.cleaned_data["start"]
        if start < EARLIEST_DATE:
            raise forms.ValidationError("Choose a date from 1900 on.")
        return start

    def clean_end(self):
        end = self.cleaned_data["end"]
        if end > self.today + timedelta(days=1):
            raise forms.ValidationError("Choose a date no later than tomorrow.")
        return end

    def clean(self):
        start, end = self.cleaned_data.get("start"), self.cleaned_data.get("end")
        if start and end:
            if start > end:
                self.add_error("end", "The end comes before the start.")
            elif self.longest_range_days and (end - start).days >= self.longest_range_days:
                self.add_error("start", "Choose at most three years at a time.")
        return self.cleaned_data

    def drawn(self):
        """The form as {{ crispy(form) }} lays it out, for a form sent by GET (its HTML has no CSRF token, nothing of
        the request but the values asked for). Crispy's templates took 0.9 ms a report; what they draw is a pure
        function of the form's class, language, values and errors, so each such state is drawn once a process. The
        helper is the class's own (GET, one submit button, no action): a form whose helper a view changes is drawn
        with crispy() instead."""
        if self.helper.form_method != "get":  # a POST form's HTML holds the request's CSRF token
            raise TypeError(f"{type(self).__name__} is sent by POST: draw it with crispy() on each request.")
        state = (
            type(self), get_language(), self.prefix, self.auto_id, self.is_bound,
            tuple((name, self[name].value()) for name in self.fields),
            tuple((name, tuple(errors)) for name, errors in self.errors.items()),
        )
        html = _drawn_by_state.get(state)
        if html is None:
            if len(_drawn_by_state) >= DRAWN_STATES:
                _drawn_by_state.clear()
            html = _drawn_by_state[state] = render_crispy_form(self)
        return html

    def period(self):
        """(start, end) when the form is valid; the default period when nothing was asked for."""
        if not self.is_bound:
            return self.fields["start"].initial, self.fields["end"].initial
        if self.is_valid():
            return self.cleaned_data["start"], self.cleaned_data["end"]
        return None


class ExportForm(DateRangeForm):
    class Kind:
        DAILY = "daily"
        ENTRIES = "entries"
        STAND_TESTS = "stand-tests"
        LABS = "lab-results"

    kind = forms.ChoiceField(
        label="What",
        choices=[
            (Kind.DAILY, "One row a day: magnesium totals against the goal, electrolytes, symptom means"),
            (Kind.ENTRIES, "Every meal, supplement dose and symptom note, with its USDA source"),
            (Kind.STAND_TESTS, "Stand tests: every reading, with each test's rise and drops"),
            (Kind.LABS, "Lab results: each as printed, converted, with the magnesium of the 7 days before"),
        ],
        widget=forms.RadioSelect,
        initial=Kind.DAILY,
    )
    submit_label = "Download CSV"
    default_days = 30
    longest_range_days = None
