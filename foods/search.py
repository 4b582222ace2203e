"""Food search: words in any order, singular or plural, one typo forgiven, basic foods first.

Design. Each server process keeps an inverted index of the shared foods in
memory: normalised word -> rows (a food's place in the order of ids; an array
of 4-byte rows a word), the sorted vocabulary of distinct words, and each
food's ranking data, worked out from its name when the index is built: its
distinct words with one byte of roles each (subject, qualifier, another dish...:
`ranking_words`) and what they cost when the query asks for none of them, in
flat arrays (some 65 bytes a food, where a set of words a role took a
kilobyte). A search is then a few dictionary lookups and a ranking in Python
of the foods that match, never a scan of the table. `reindex` (and Food.save,
for a food saved on its own) stores each food's normalised words in
Food.search_text, from which one query builds the index, and bumps
SearchIndexVersion's random stamp when shared foods changed; a search reads
that stamp (one row by primary key) and rebuilds its process's index when it
differs. Candidates are scored best possible score first, stopping at one that
could not make the list (`_best_of`), so a word found in thousands of names is
ranked from a few dozen. Measured on the full import (14,561 foods): the index
2.2 MB (tracemalloc), built in 0.25-0.6 s on a busy machine. With synthetic
branded foods up to 150,000 (`manage.py bench`): the index 24 MB, one worker
81 MB in all. Past ENTRIES_KEPT foods, the ranking data of the others is
worked out from their rows when a search scores them. The other names table
(below) adds 0.2 MB. The user's own custom foods are few and private, so they
are read from the database per search (by the owner index) and matched the
same way, never cached across users.

Per search: the stamp, the user's custom foods and the user's recent meal
entries (each a `mgtracker.prepared` query, its SQL built once a database connection), then
the twenty best foods as model instances (`search`, for the result page), or
their rows and their portions' rows for the type-ahead (`results`): four or five
indexed queries whatever the size of the table, and past ENTRIES_KEPT foods one
more (by primary key) for each ROWS_A_QUERY of the others it scores. Measured
on the bench database (14,561 foods, the bench's 402 typed queries, a quiet
machine): `results` p50 0.87 ms, p95 2.3 ms, against 4.7 ms and 5.6 ms for a
naive `name__icontains` filter with its portions. It is portable SQL (SQLite and PostgreSQL
alike): no full-text or trigram extension whose ranking would differ between
the two.

Matching. Names and queries go through the same `words`: lower case, accents
dropped, split on anything not a letter or digit, little words ("and", "with")
dropped, and a crude plural stripping ("Avocados" -> "avocado", "berries" ->
"berry") applied to both sides, so it only has to be consistent, not correct
English. A query word matches a food word exactly, as a prefix (three letters
or more, for type-ahead), or, when neither finds anything, at edit distance one
(a letter missing, extra, wrong or two swapped: "avacado", "spinnach", "almnds").

Ranking (see `_score`): the user's recent foods first, then foods whose name
starts with a query word ("Spinach, raw" before "Pasta, spinach"), basic foods
before branded, restaurant and baby foods. Then what the name adds that the query
did not ask for: a word naming another dish, ingredient or part ("Black beans with
meat", "Chicken, feet", "Rice, brown, cooked, as ingredient") costs more than all
its qualifiers together; a dried, powdered, fried or pickled form ("Milk, buttermilk,
dried", "Tofu, fried") costs nearly as much; survey and label wording that says the food is
plain ("NFS", "NS as to fat", "no added fat", "without salt", "from dried", "raw",
"cooked") costs almost nothing, other qualifiers ("honey roasted" aside) a little.
Typos and prefixes cost a little against exact words.

Other names. People name foods in other Englishes and in short forms ("capsicum",
"minced beef", "choc"): foods/data/other_names.csv maps each such name to the words
USDA uses. A query's words (longest phrase first) that form one of those names also
match every food whose name holds all the USDA words of one of its alternatives, at
no cost, and the result remembers the name that found it ("capsicum: Peppers, sweet,
red, raw"), as does the last word typed on its way to one ("courg"). Short words (two
letters: "oj", "kd") match only exactly or through that table, never as a prefix.
Words run together ("sweetpotato") match the foods holding both halves, two query
words that make one word ("oat meal") the foods holding it; each at a small cost.
Where a name and a query are the same two food words in the other order ("Chocolate
milk" for "milk chocolate"), English names the food by its last word, so that name
costs more.
"""

import csv
import itertools
import re
import string
import sys
import threading
import unicodedata
from array import array
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Prefetch, prefetch_related_objects
from django.urls import get_script_prefix, get_urlconf, reverse

from foods.figures import plain
from foods.models import Food, Portion, SearchIndexVersion
from mgtracker.prepared import PreparedValues

MAX_RESULTS = 20
RECENT_ENTRIES = 50
MIN_PREFIX_LENGTH = 3
MIN_TYPO_LENGTH = 4
# Three letters begin too many other names ("cho": choc, chook, chowder) for the foods they find to be worth it.
MIN_OTHER_NAME_PREFIX = 4
PREFIX_COST = 2
TYPO_COST = 3
# A word run together ("sweetpotato") or split ("oat meal") is nearly as sure as an exact word.
JOINED_COST = 1
MIN_JOINED_PART = 3
# A name holding the query's two food words the other way round: "Chocolate milk" for "milk chocolate".
REVERSED_COMPOUND_COST = 5
RECENT_BONUS = 10
SUBJECT_BONUS = 3
# The foods whose ranking data a worker works out when it builds the index: 150,000 take some 10 MB; past it, found
# foods' rows are read again by primary key, and ENTRIES_KEPT of their ranking data kept.
ENTRIES_KEPT = 200_000
SCORED_A_BATCH = 100  # candidates scored together (past ENTRIES_KEPT, their rows read together)
ROW_FIELDS = ("pk", "name", "search_text", "kind")  # what an index is built from
ROWS_A_QUERY = 900  # ids in one `pk IN (...)`, under SQLite's oldest limit of 999 parameters
OTHER_NAMES_CSV = Path(__file__).parent / "data" / "other_names.csv"
SHORT_FORM = "short form"

STOP_WORDS = frozenset({"a", "an", "and", "as", "for", "from", "in", "of", "or", "the", "to", "with"})
# SR28 files some foods under a class word, the food itself coming next: "Nuts, almonds", "Candies, milk chocolate".
CLASS_WORDS = frozenset({"nut", "seed", "spice", "fish", "crustacean", "mollusk", "game", "candy"})
# Words saying a food is in its plain state, or saying nothing (FNDDS's "NFS": not further specified).
NEUTRAL_WORDS = frozenset({
    "raw", "cooked", "boiled", "drained", "steamed", "plain", "whole", "fresh", "nfs", "ns", "nos", "unsalted",
    "regular", "mature", "seed", "kernel", "commercial", "variety", "all", "type", "prepared", "made", "water",
    "unroasted", "unsweetened", "fluid", "form",
})
# Phrases saying the same, whose words would mislead alone ("without" is no stop word; FNDDS's dried beans are cooked).
NEUTRAL_PHRASES = re.compile(
    r"without salt|no salt added|no added fat|fat not added|ns as to [^,]+|from (dried|canned|frozen|fresh)"
    r"|dry[- ]roasted|meat only"
)
# A form that is not the food as usually eaten, unless the query asks for it: dried, powdered, fried, or an
# ingredient eaten only once cooked ("Beans, black, mature seeds, raw" are dry beans).
PROCESSED_FORM = re.compile(
    r"\b(dried|dry|powder|powdered|dehydrated|fried|freeze|concentrate|evaporated|condensed|malted|uncooked"
    r"|unprepared|fermented|pickled)\b|mature seeds, raw"
)
# "Rice, brown, with corn": what comes with the food is another ingredient, fortification and recipe aside.
WITH_INGREDIENT = re.compile(r"(?<!prepared )(?<!made )\bwith (?!added\b|salt\b)([^,]+)")
# Words naming another dish, ingredient or an odd part of an animal: the food is something else.
DISH_WORDS = frozenset({
    "ingredient", "salad", "soup", "sauce", "gravy", "stew", "casserole", "sandwich", "pie", "cake", "cookie",
    "candy", "dip", "spread", "dressing", "honey", "sugar", "syrup", "butter", "margarine", "oil", "cheese",
    "milk", "cream", "chocolate", "yogurt", "batter", "breaded", "coated", "covered", "juice", "drink", "beverage",
    "flour", "bread", "feet", "tail", "giblet", "gizzard", "liver", "heart", "neck", "back", "skin", "wing",
    "glazed", "candied", "tempura", "vegetable", "meatless",
})
NEUTRAL_COST = 0.05
QUALIFIER_COST = 0.3
# All qualifiers together never cost more than one word naming another dish.
QUALIFIERS_CAP = 1.5
PROCESSED_COST = 1.5
OTHER_DISH_COST = 2
# All-capital words in USDA names that are not brand names.
NOT_BRANDS = frozenset({"USDA", "NFS", "NS", "NOS", "DHA", "ARA", "NLEA", "UPC", "USA"})
BRAND_WORD = re.compile(r"\b[A-Z][A-Z'&]{2,}\b")
# FNDDS puts brands in capitalised brackets: "Cereal or granola bar (Kashi Chewy)"; SR28's name a people or a cut.
FNDDS_BRAND = re.compile(r"\([A-Z][a-z]")
RESTAURANT_WORDING = re.compile(r"\bfast foods?\b|\brestaurant\b")
ALPHABET = string.ascii_lowercase + string.digits
KIND_PENALTY = {Food.Kind.BASIC: 0, Food.Kind.BRANDED: 4, Food.Kind.RESTAURANT: 4, Food.Kind.BABY: 5}


def words(text):
    """The normalised words of a name or a query, in order."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return [_singular(word) for word in re.split(r"[^a-z0-9]+", plain) if word and word not in STOP_WORDS]


def search_text(name):
    """A name's words with its comma-separated parts kept apart: "Nuts, almonds" -> "nut, almond"."""
    return ", ".join(" ".join(part_words) for part_words in map(words, name.split(",")) if part_words)[:255]


def _singular(word):
    if len(word) <= 3 or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("ie") and len(word) > 4:
        return word[:-2] + "y"  # "brownie" meets "brownies" at "browny"
    if word.endswith(("oes", "ches", "shes", "sses", "xes", "zes")):
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return word


def kind_of(name, category, source=""):
    """Whether a food is a basic food or a branded, restaurant or baby product, from its USDA name and category."""
    lower_name, lower_category = name.lower(), category.lower()
    if lower_name.startswith(("babyfood", "baby food", "infant formula")) or lower_category.startswith("baby"):
        return Food.Kind.BABY
    if RESTAURANT_WORDING.search(lower_name) or lower_category in ("restaurant foods", "fast foods"):
        return Food.Kind.RESTAURANT
    if any(word not in NOT_BRANDS for word in BRAND_WORD.findall(name)):
        return Food.Kind.BRANDED
    if source == Food.Source.FNDDS and FNDDS_BRAND.search(name):
        return Food.Kind.BRANDED
    return Food.Kind.BASIC


def prepare(food):
    """Set a food's search data from its name and category; the caller saves it (Food.save does)."""
    food.search_text = search_text(food.name)
    food.kind = kind_of(food.name, food.category, food.source)


def reindex(foods):
    """Recompute the search data and typical portion of foods written in bulk (bulk_create, bulk_update, update()).

    `foods` is a QuerySet or saved Food instances, their portions already written. The
    importer calls this after each import, the custom food form after saving a food.
    """
    if not hasattr(foods, "only"):
        # Fresh rows, so no cached portions of the caller's instances hide what was just written.
        foods = Food.objects.filter(pk__in=[food.pk for food in foods])
    foods = list(foods.only("pk", "name", "category", "source", "owner"))
    prefetch_related_objects(foods, Prefetch("portions", queryset=Portion.objects.only("food", "description", "grams")))
    for food in foods:
        prepare(food)
        food.typical_portion = food.typical_portion_among(food.portions.all())
    Food.objects.bulk_update(foods, ["search_text", "kind", "typical_portion"], batch_size=1000)
    if any(food.owner_id is None for food in foods):
        SearchIndexVersion.bump()


# What a word of a food's name stands for in the ranking (`_score`), worked out once a food from its name: an index
# keeps one byte of these a distinct word, where a set of words a role would take some 200 bytes a food.
SUBJECT = 1  # names the food itself ("almond chicken" of "Almond chicken"): a hit earns SUBJECT_BONUS
PROCESSED = 2  # a dried, powdered, fried... form: PROCESSED_COST unless one such word is asked for
# Costs OTHER_DISH_COST unless asked for: a word naming another dish or ingredient ("Chicken, feet"), or naming the
# food without being asked for, unless it is a class word, neutral or a processed form ("chicken" of "Almond chicken").
OTHER = 4
NEUTRAL = 8  # a qualifier saying the food is plain ("raw", "NFS"): NEUTRAL_COST unless asked for
QUALIFIER = 16  # any other qualifier ("salted"): QUALIFIER_COST unless asked for
# The first part of a name in two words or more, as English names a food by its last word: "Chocolate milk".
MODIFIER = 32  # "chocolate"
HEAD = 64  # "milk"


def ranking_words(name, text):
    """The distinct words that count in ranking a food, each with its roles (SUBJECT...): {"nut": SUBJECT,
    "almond": SUBJECT | OTHER} of "Nuts, almonds"; {"almond": SUBJECT | OTHER | MODIFIER,
    "chicken": SUBJECT | OTHER | HEAD} of "Almond chicken".

    The leading words name the food itself: "almond chicken" of "Almond chicken", "nut almond" of "Nuts, almonds"
    (see CLASS_WORDS); the rest qualify it ("raw", "salted").
    """
    parts = [[sys.intern(word) for word in part.split()] for part in text.split(", ")] if text else [[]]
    subject_length = 2 if len(parts[0]) == 1 and parts[0][0] in CLASS_WORDS and len(parts) > 1 else 1
    subject = {word for part in parts[:subject_length] for word in part}
    qualifiers = {word for part in parts[subject_length:] for word in part}
    lower_name = name.lower()
    phrases = [match[0] for match in NEUTRAL_PHRASES.finditer(lower_name)]
    phrase_words = words(" ".join(phrases)) if phrases else ()
    neutral = NEUTRAL_WORDS.union(phrase_words, (word for word in qualifiers if word.isdigit()))  # "70-85%"
    plain_name = NEUTRAL_PHRASES.sub(" ", lower_name) if phrases else lower_name
    forms = [match[0] for match in PROCESSED_FORM.finditer(plain_name)]
    processed = set(words(" ".join(forms))) if forms else set()
    if parts[0][:1] in (["nut"], ["seed"]):
        processed.discard("dried")  # "Nuts, walnuts, dried": the plain state of nuts and seeds
    other_dish = (qualifiers & DISH_WORDS).union(
        *(words(match[1]) for match in WITH_INGREDIENT.finditer(lower_name))
    ) - neutral
    roles = {}
    for word in subject:
        plain_subject = word not in CLASS_WORDS and word not in neutral and word not in processed
        roles[word] = SUBJECT | (OTHER if plain_subject else 0)
    for word in qualifiers - other_dish - processed:
        roles[word] = roles.get(word, 0) | (NEUTRAL if word in neutral else QUALIFIER)
    for word in processed:
        roles[sys.intern(word)] = roles.get(word, 0) | PROCESSED
    for word in other_dish:
        roles[sys.intern(word)] = roles.get(word, 0) | OTHER
    compound = parts[subject_length - 1]
    if len(compound) > 1:
        roles[compound[-1]] |= HEAD
        for word in compound[:-1]:
            roles[word] |= MODIFIER
    return roles


def unasked(roles):
    """What a food's words cost when the query asks for none of them: bytes (how many cost OTHER_DISH_COST,
    NEUTRAL_COST, QUALIFIER_COST, and whether PROCESSED_COST is due)."""
    others = neutral = qualifiers = processed = 0
    for role in roles:
        others += role & OTHER and 1
        neutral += role & NEUTRAL and 1
        qualifiers += role & QUALIFIER and 1
        processed |= role & PROCESSED and 1
    return bytes((others, neutral, qualifiers, processed))


class Postings:
    """Word -> the rows (see Index) of the foods whose names hold it, each list a compact array (4 bytes a row, where a
    set of Python ints takes some 60): at 150,000 foods this is most of what a worker keeps. Read as a mapping, a
    word's rows are a set."""

    def __init__(self):
        self._rows = {}

    def add(self, word, row):
        rows = self._rows.get(word)
        if rows is None:
            rows = self._rows[word] = array("I")
        if not rows or rows[-1] != row:  # a name holding a word twice ("Chicken, chicken breast") counts once
            rows.append(row)

    def rows(self, word):
        """The rows, as stored (an array), for the caller that only walks through them."""
        return self._rows.get(word, ())

    def get(self, word, default=None):
        rows = self._rows.get(word)
        return default if rows is None else set(rows)

    def __getitem__(self, word):
        return set(self._rows[word])

    def __contains__(self, word):
        return word in self._rows

    def __iter__(self):
        return iter(self._rows)

    def __len__(self):
        return len(self._rows)


class Index:
    """An inverted index over some foods, read in the order of their ids: word -> rows (a food's place in that order),
    the sorted vocabulary for prefixes and typos, and each food's ranking data (`ranking_words`) in flat arrays.

    Given `rows_of`, it works out the ranking data of the first ENTRIES_KEPT foods only; the others' are worked
    out from their rows, read through `rows_of(ids)`, when a search scores them, up to ENTRIES_KEPT of them kept.
    """

    def __init__(self, rows, rows_of=None):
        self.rows_of = rows_of
        self.food_ids = array("I")
        self.penalties = bytearray()  # KIND_PENALTY, by row
        self.lengths = array("H")  # how many words each name has, for the ranking's ties
        self.postings = Postings()
        # The ranking data of row r: the words _words[_starts[r]:_starts[r + 1]] and their roles, alike in _roles;
        # what the food's words cost when none is asked for, in _unasked[4 * r:4 * r + 4] (see `unasked`).
        self._starts = array("I", [0])
        self._words = []
        self._roles = bytearray()
        self._unasked = bytearray()
        self._worked_out_later = {}  # row -> (words, roles, unasked): past ENTRIES_KEPT foods, those scored lately
        for row, (food_id, name, text, kind) in enumerate(rows):
            self.food_ids.append(food_id)
            self.penalties.append(KIND_PENALTY[kind])
            words_of_name = [sys.intern(word) for part in text.split(", ") for word in part.split()]
            if rows_of is None or row < ENTRIES_KEPT:
                roles = ranking_words(name, text)
                self._words.extend(roles)
                self._roles.extend(roles.values())
                self._unasked.extend(unasked(roles.values()))
                self._starts.append(len(self._words))
            self.lengths.append(len(words_of_name))
            for word in words_of_name:
                self.postings.add(word, row)
        self.vocabulary = sorted(self.postings)

    def row_of(self, food_id):
        """The row of this food, or None."""
        row = bisect_left(self.food_ids, food_id)
        return row if row < len(self.food_ids) and self.food_ids[row] == food_id else None

    def ranked(self, rows, missing, cost, hit_words, is_recent, terms):
        """[(missing, minus the score, name length, food id)] of these rows, found at `cost` (see `_best_of`)."""
        kept = len(self._starts) - 1
        later = self._worked_out(rows) if kept < len(self.food_ids) else {}
        starts, all_words, all_roles, all_unasked = self._starts, self._words, self._roles, self._unasked
        penalties, lengths, food_ids = self.penalties, self.lengths, self.food_ids
        found = []
        for row in rows:
            if row < kept:
                start, roles = starts[row], all_roles
                words, unasked_costs = all_words[start:starts[row + 1]], all_unasked[4 * row:4 * row + 4]
            else:
                start = 0
                words, roles, unasked_costs = later[row]
            score = _score(words, roles, start, unasked_costs, -penalties[row], cost, hit_words, is_recent, terms)
            found.append((missing, -score, lengths[row], food_ids[row]))
        return found

    def _worked_out(self, rows):
        """{row: (words, roles, unasked costs)} of the rows past the first ENTRIES_KEPT among these, worked out
        from the rows `rows_of` reads; the last ENTRIES_KEPT kept."""
        kept, later = len(self._starts) - 1, self._worked_out_later
        missing = [row for row in rows if row >= kept and row not in later]
        if len(later) + len(missing) > ENTRIES_KEPT:
            later.clear()
            missing = [row for row in rows if row >= kept]
        if missing:
            for food_id, name, text, _ in self.rows_of([self.food_ids[row] for row in missing]):
                roles = ranking_words(name, text)
                later[self.row_of(food_id)] = (list(roles), bytes(roles.values()), unasked(roles.values()))
        return later

    def expansions(self, term):
        """The index words a query word stands for, each with its cost: 0 exact, 2 prefix, 3 typo."""
        found = {term: 0} if term in self.postings else {}
        if len(term) >= MIN_PREFIX_LENGTH:
            # The words from `term` on, up to the first not beginning with it: no character sorts after U+10FFFF.
            vocabulary = self.vocabulary
            for word in vocabulary[bisect_left(vocabulary, term):bisect_left(vocabulary, term + "\U0010ffff")]:
                found.setdefault(word, PREFIX_COST)
        if not found and len(term) >= MIN_TYPO_LENGTH:
            found = {word: TYPO_COST for word in _one_edit_away(term) if word in self.postings}
        return found

    def joined(self, term):
        """The ways a word run together splits into two index words: "sweetpotato" -> [("sweet", "potato")]."""
        if term in self.postings:
            return []
        cuts = range(MIN_JOINED_PART, len(term) - MIN_JOINED_PART + 1)
        halves = ((term[:cut], _singular(term[cut:])) for cut in cuts)
        return [(first, second) for first, second in halves if first in self.postings and second in self.postings]

    def matches(self, query):
        """The rows of the foods matching the most query words, each with the sum of its words' costs: {row: cost},
        and how many query words they match, the words hit, and {row: the other name that found it}."""
        # Costs by query word position, {row: cost} each: a few dicts, where a dict a food would take some
        # 200 bytes for each of the thousands of foods a common word ("chicken", "coo") finds.
        by_position = [{} for _ in query.terms]
        hit_words = set()
        for position, term in enumerate(query.terms):
            costs = by_position[position]
            # Dearest first, so that each food keeps the cheapest of the words that found it.
            for word, cost in sorted(self.expansions(term).items(), key=lambda expansion: -expansion[1]):
                hit_words.add(word)
                costs.update(dict.fromkeys(self.postings.rows(word), cost))
        found_by = {}
        for group in query.groups(self):
            for alternative in group.alternatives:
                first, *others = (self.postings.rows(word) for word in alternative)
                rows = set(first).intersection(*others)
                if rows:
                    hit_words.update(alternative)
                for row in rows:
                    # Named only where the other name did the finding: "Turnips, raw" needs no "turnip:".
                    if group.name and not all(row in by_position[position] and by_position[position][row] <= group.cost
                                              for position in group.positions):
                        found_by.setdefault(row, group.name)
                    for position in group.positions:
                        costs = by_position[position]
                        costs[row] = min(group.cost, costs.get(row, group.cost))
        # A food lacking a query word only counts when no food has them all ("oat milk" -> "Milk, ...").
        in_all = set(by_position[0]).intersection(*by_position[1:]) if len(by_position) > 1 else None
        if in_all is None:
            matched, most = by_position[0], 1 if by_position[0] else 0
        elif in_all:
            most = len(by_position)
            matched = {row: sum(costs[row] for costs in by_position) for row in in_all}
        else:
            counts = Counter()
            for costs in by_position:
                counts.update(costs.keys())
            most = max(counts.values(), default=0)
            matched = {row: sum(costs[row] for costs in by_position if row in costs)
                       for row, count in counts.items() if count == most}
        return matched, most, hit_words, {row: name for row, name in found_by.items() if row in matched}


@dataclass(frozen=True)
class OtherName:
    """A row of other_names.csv, its varieties merged: "capsicum" -> (("pepper", "sweet"), ("pepper", "bell"))."""

    name: str
    alternatives: tuple  # each a tuple of normalised USDA words; empty when the name says nothing ("w/")
    varieties: tuple


@cache
def other_names(path=OTHER_NAMES_CSV):
    """{the name's normalised words: OtherName}, read once per process."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    merged = {}
    for row in csv.DictReader(lines):
        key = tuple(words(row["name"]))
        alternatives = tuple(tuple(words(text)) for text in row["usda_words"].split("|"))
        alternatives = tuple(alternative for alternative in alternatives if alternative)
        if key in merged:
            known = merged[key]
            alternatives = known.alternatives + tuple(a for a in alternatives if a not in known.alternatives)
            merged[key] = OtherName(known.name, alternatives, (*known.varieties, row["variety"]))
        else:
            merged[key] = OtherName(row["name"], alternatives, (row["variety"],))
    return merged


@cache
def _name_shapes():
    """The most words an other name has, and the sorted one-word names that stand for a food (for prefixes)."""
    table = other_names()
    single_words = sorted(key[0] for key, other in table.items() if len(key) == 1 and other.alternatives)
    return max(map(len, table), default=0), single_words


def other_names_of(food):
    """The everyday names (short forms aside) whose USDA words this food's name holds, e.g. capsicum (Australian).

    A name the food's own name already says ("pumpkin" for "Pumpkin, raw") is left out.
    """
    food_words = set(words(food.name))
    return [
        other for key, other in other_names().items()
        if SHORT_FORM not in other.varieties and not food_words.issuperset(key)
        and any(food_words.issuperset(alternative) for alternative in other.alternatives)
    ]


@dataclass(frozen=True)
class Group:
    """Query words that match together: an other name's words, a word run together, or two words to join."""

    positions: tuple
    alternatives: tuple
    cost: float
    name: str = ""  # the other name, shown beside the foods it found


class Query:
    """A query's words, and the other names among them."""

    def __init__(self, text):
        table = other_names()
        longest, single_words = _name_shapes()
        typed = list(dict.fromkeys(words(text)))
        self.names = []  # (positions, OtherName, cost): the longest name at each position
        terms = []
        start = 0
        while start < len(typed):
            other = None
            for length in range(min(longest, len(typed) - start), 0, -1):
                other = table.get(tuple(typed[start:start + length]))
                if other:
                    break
            if other and not other.alternatives:  # "w/": a little word, like "with"
                start += length
                continue
            if other:
                self.names.append((tuple(range(len(terms), len(terms) + length)), other, 0))
            terms.append(typed[start])
            start += 1
        self.terms = terms
        last = len(terms) - 1
        if terms and len(terms[last]) >= MIN_OTHER_NAME_PREFIX and all(last not in names[0] for names in self.names):
            # Typed so far: "courg" is on its way to "courgette".
            start = bisect_left(single_words, terms[last])
            for word in itertools.takewhile(lambda word: word.startswith(terms[last]), single_words[start:]):
                self.names.append(((last,), table[(word,)], PREFIX_COST))

    def groups(self, index):
        found = [Group(positions, other.alternatives, cost, other.name) for positions, other, cost in self.names]
        for position, term in enumerate(self.terms):
            if len(term) >= 2 * MIN_JOINED_PART:
                found.append(Group((position,), tuple(index.joined(term)), JOINED_COST))
        for position, (first, second) in enumerate(itertools.pairwise(self.terms)):
            if first + second in index.postings:
                found.append(Group((position, position + 1), ((first + second,),), JOINED_COST))
        return found


def _one_edit_away(word):
    """Every string one deletion, swap, replacement or insertion away (Norvig's spelling corrector)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    swaps = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in ALPHABET]
    inserts = [a + c + b for a, b in splits for c in ALPHABET]
    return set(deletes + swaps + replaces + inserts)


class _SharedIndex:
    """The shared foods' index, reloaded when SearchIndexVersion's stamp changes."""

    def __init__(self):
        self._lock = threading.Lock()
        self._stamp = object()
        self._index = Index([])

    def get(self):
        stamp = SearchIndexVersion.current()
        if stamp != self._stamp:
            with self._lock:
                if stamp != self._stamp:
                    rows = Food.objects.filter(owner=None).order_by("pk").values_list(*ROW_FIELDS)
                    self._index, self._stamp = Index(rows.iterator(chunk_size=5000), _shared_rows), stamp
        return self._index


def _shared_rows(food_ids):
    rows = Food.objects.filter(owner=None).values_list(*ROW_FIELDS)
    for start in range(0, len(food_ids), ROWS_A_QUERY):
        yield from rows.filter(pk__in=food_ids[start:start + ROWS_A_QUERY])


shared_index = _SharedIndex()


def _best_possible(static_score, cost, is_recent):
    """The highest score (`_score`) a food matching at this cost could have, worked out the same way: each of its
    other terms only ever takes away."""
    score = static_score - cost
    if is_recent:
        score += RECENT_BONUS
    return score + SUBJECT_BONUS


def _score(words, roles, start, unasked_costs, static_score, cost, hit_words, is_recent, terms):
    """Higher is better. `cost` is the sum of the matched query words' costs (0 exact, 2 prefix, 3 typo each);
    `words`, their `roles` (from `start` on) and `unasked_costs` are a food's ranking data (`ranking_words`,
    `unasked`)."""
    others, neutral, qualifiers, processed = unasked_costs
    subject_hit = processed_hit = reversed_head = reversed_modifier = False
    for word in hit_words.intersection(words):
        role = roles[start + words.index(word)]
        if role & SUBJECT:
            subject_hit = True
        if role & PROCESSED:
            processed_hit = True
        if role & OTHER:
            others -= 1
        if role & NEUTRAL:
            neutral -= 1
        elif role & QUALIFIER:
            qualifiers -= 1
        # The query's words are among those it hit, where the food's name has them.
        if role & HEAD and word in terms[:-1]:
            reversed_head = True
        if role & MODIFIER and word == terms[-1]:
            reversed_modifier = True
    score = static_score - cost
    # Only a query of two words or more has a head ("chocolate" of "milk chocolate") to get the wrong way round.
    if reversed_head and reversed_modifier:
        score -= REVERSED_COMPOUND_COST
    if is_recent:
        score += RECENT_BONUS
    if subject_hit:
        score += SUBJECT_BONUS  # the name is about this: "Spinach, raw", not "Pasta, spinach"
    # An unmatched word naming the food ("Almond chicken") or another dish ("Chicken, feet") weighs more than
    # all qualifiers together ("Nuts, almonds, blanched, unsalted").
    score -= OTHER_DISH_COST * others
    if processed and not processed_hit:
        score -= PROCESSED_COST
    score -= min(QUALIFIERS_CAP, NEUTRAL_COST * neutral + QUALIFIER_COST * qualifiers)
    return score


def _candidates(index, query, recent, found_by):
    """{(missing query words, minus the best score possible): [(index, rows, cost, hit words, recent or not)]}: the
    foods of this index matching `query`, grouped by what bounds their score; `found_by` takes in who found whom."""
    matched, most, hit_words, found = index.matches(query)
    food_ids = index.food_ids
    found_by.update((food_ids[row], name) for row, name in found.items())
    if len(matched) < len(recent) * 4:  # a bisect for each recent food costs some four look-ups
        recent_rows = {row for row in matched if food_ids[row] in recent}
    else:
        recent_rows = {row for row in map(index.row_of, recent) if row in matched}
    groups, penalties = {}, index.penalties
    for row, cost in matched.items():
        group = (cost, penalties[row], row in recent_rows)
        if group in groups:
            groups[group].append(row)
        else:
            groups[group] = [row]
    candidates = {}
    for (cost, penalty, is_recent), rows in groups.items():
        key = (-most, -_best_possible(-penalty, cost, is_recent))
        candidates.setdefault(key, []).append((index, rows, cost, hit_words, is_recent))
    return candidates


def _best_of(candidates, terms):
    """The ids of the MAX_RESULTS best candidates, ranked: missing query words weigh most, then the score; ties go to
    the shorter name, then the older row.

    Candidates are scored in the order of the best score they could have, a batch at a time, and no further than
    one that could not beat the last of the best found so far: a word matching thousands of foods ("chicken" among
    150,000) ranks them having scored a few dozen.
    """
    ranked = []
    for key in sorted(candidates):
        if len(ranked) >= MAX_RESULTS and key > ranked[-1][:2]:
            break
        missing = key[0]
        for index, rows, cost, hit_words, is_recent in candidates[key]:
            for start in range(0, len(rows), SCORED_A_BATCH):
                ranked += index.ranked(rows[start:start + SCORED_A_BATCH], missing, cost, hit_words, is_recent, terms)
        ranked.sort()
        del ranked[MAX_RESULTS:]
    return [food_id for *_, food_id in ranked]


# The user's own foods and what they ate lately, read on every search (see mgtracker.prepared).
_CUSTOM_FOODS = PreparedValues(
    lambda user_id: Food.objects.filter(owner=user_id).order_by("pk").values_list(*ROW_FIELDS), user_id=int,
)
_RECENT_FOODS = PreparedValues(
    lambda user_id: get_user_model()(pk=user_id).meal_entries.filter(food__isnull=False).order_by("-date", "-pk")
    .values_list("food")[:RECENT_ENTRIES],
    user_id=int,
)
# What the type-ahead shows of each food found, and their portions.
_RESULT_FOODS = PreparedValues(
    lambda food_ids: Food.objects.filter(pk__in=food_ids).order_by()
    .values_list("pk", "name", "category", "source", "source_id", "magnesium_mg"),
    food_ids=list,
)
_RESULT_PORTIONS = PreparedValues(
    lambda food_ids: Portion.objects.filter(food__in=food_ids).order_by("position", "pk")
    .values_list("food", "pk", "description", "grams"),
    food_ids=list,
)


def ranked(text, user):
    """The ids of the foods best matching `text` among shared foods and `user`'s own, best first, and {id: the other
    name that found it} ("capsicum" for "Peppers, sweet, red, raw")."""
    query = Query(text)
    if not query.terms:
        return [], {}
    recent = {food_id for food_id, in _RECENT_FOODS.tuples(user_id=user.pk)}
    custom_rows = _CUSTOM_FOODS.tuples(user_id=user.pk)
    candidates, found_by = {}, {}
    for index in (shared_index.get(), *([Index(custom_rows)] if custom_rows else [])):
        for key, found in _candidates(index, query, recent, found_by).items():
            candidates.setdefault(key, []).extend(found)
    best_ids = _best_of(candidates, query.terms)
    return best_ids, {food_id: found_by[food_id] for food_id in best_ids if food_id in found_by}


def search(text, user):
    """The foods best matching `text` among shared foods and `user`'s own, best first, as the result page shows them
    (portions left out: the type-ahead's `results` has them).

    Each food found through an other name carries it as `matched_name` ("capsicum"), else "".
    """
    best_ids, matched_names = ranked(text, user)
    if not best_ids:
        return []
    foods = Food.objects.filter(pk__in=best_ids).only(
        "name", "category", "source", "source_id", "owner", "magnesium_mg"
    )
    by_id = {food.pk: food for food in foods}
    for food in by_id.values():
        food.matched_name = matched_names.get(food.pk, "")
    return [by_id[food_id] for food_id in best_ids if food_id in by_id]


def results(text, user):
    """The best foods for the type-ahead, as JSON: figures as decimal strings ("592", "28.35"), null when unknown.

    The foods and their portions come in two queries, as rows: no model instance is built.
    """
    best_ids, matched_names = ranked(text, user)
    if not best_ids:
        return []
    url_of = detail_urls()
    # Always MAX_RESULTS ids, the last repeated: one statement serves any number of results.
    ids = (best_ids + best_ids[-1:] * MAX_RESULTS)[:MAX_RESULTS]
    portions = {food_id: [] for food_id in best_ids}
    for food_id, pk, description, grams in _RESULT_PORTIONS.tuples(food_ids=ids):
        portions[food_id].append({"id": pk, "description": description, "grams": _decimal_text(grams)})
    found = {
        pk: {
            "id": pk,
            "name": name,
            "matched_name": matched_names.get(pk, ""),
            "category": category,
            "source": source,
            "source_label": Food.SOURCE_LABELS[source],
            "source_id": source_id,
            "magnesium_mg_per_100g": _decimal_text(magnesium),
            "portions": portions[pk],
            "url": url_of(pk),
        }
        for pk, name, category, source, source_id, magnesium in _RESULT_FOODS.tuples(food_ids=ids)
    }
    return [found[food_id] for food_id in best_ids if food_id in found]


def detail_urls():
    """pk -> the food's page, the URL reversed once for the URL configuration and script prefix in use."""
    prefix, suffix = _detail_url_around_pk(get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())
    return lambda pk: f"{prefix}{pk}{suffix}"


@cache
def _detail_url_around_pk(urlconf, script_prefix):
    marker = 2**31 - 1
    return reverse("foods:detail", args=[marker], urlconf=urlconf).split(str(marker))


def _decimal_text(value):
    # A string keeps the exact decimal a float would blur, without the stored trailing zeros ("592", not "592.000").
    return None if value is None else plain(value)
