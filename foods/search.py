"""Food search: words in any order, singular or plural, one typo forgiven, basic foods first.

Design. Each server process keeps an inverted index of the shared foods in
memory: normalised word -> food ids (an array of 4-byte ids a word), plus the
sorted vocabulary of distinct words. A search is then a few dictionary lookups
and a ranking in Python of the foods that match, never a scan of the table.
`reindex` (and Food.save, for a food saved on its own) stores each food's
normalised words in Food.search_text, from which one query builds the index,
and bumps SearchIndexVersion's random stamp when shared foods changed; a search
reads that stamp (one row by primary key) and rebuilds its process's index when
it differs. The ranking data of a food (Entry: its words sorted into subject,
qualifiers, dish words...) is worked out when a search first scores it, from its
row, and kept for up to ENTRIES_KEPT foods; candidates are scored best possible
score first, stopping at one that could not make the list (`_best_of`), so a
word found in thousands of names is ranked from a few dozen entries. Measured
(tracemalloc) on the full import (14,561 foods): the index 1.1 MB, built in
under 1.5 s on a busy machine; 18 MB once the bench's 402 queries have scored
12,400 foods. With synthetic branded foods up to 150,000 (`manage.py bench`):
the index 14 MB, one worker under 100 MB in all (it was 460 MB when each
food's ranking data was kept). The other names table (below) adds 0.2 MB. The
user's own custom foods are few and private, so they are read from the database
per search (by the owner index) and matched the same way, never cached across
users.

Per search: the stamp, the user's custom foods, the user's recent meal entries,
then the twenty best foods with their portions: five indexed queries whatever
the size of the table, and one more (by primary key) for each ROWS_A_QUERY foods
it scores that are not among those kept. It is portable SQL (SQLite and PostgreSQL alike): no
full-text or trigram extension whose ranking would differ between the two.

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

from django.db.models import Prefetch, prefetch_related_objects
from django.urls import reverse

from foods.figures import plain
from foods.models import Food, Portion, SearchIndexVersion

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
# The shared foods' ranking data a worker keeps: the whole USDA import (14,561 foods) once searched for, a tenth of
# 150,000 (about 20 MB); past it, found foods' rows are read again by primary key.
ENTRIES_KEPT = 15_000
SCORED_A_BATCH = 100  # candidates whose entries are read together
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


@dataclass(frozen=True, slots=True)
class Entry:
    """One food as the ranking sees it, with what does not depend on the query worked out once."""

    food_id: int
    words: tuple
    # The leading words that name the food itself: "almond chicken" of "Almond chicken", "nut almond" of
    # "Nuts, almonds" (see CLASS_WORDS); the rest qualify it ("raw", "salted").
    subject: frozenset
    qualifiers: frozenset
    neutral: frozenset  # words saying the food is plain: they cost almost nothing
    processed: frozenset  # dried, powdered, fried...: a minus unless asked for
    other_dish: frozenset  # qualifiers naming another dish or ingredient
    static_score: float  # the kind of food, whatever the query
    compound: tuple  # the words of a name's first part, head last: ("chocolate", "milk") of "Chocolate milk, NFS"

    @classmethod
    def of(cls, food_id, name, text, kind):
        # Interned words and one empty set shared by all: a worker keeps thousands of entries.
        parts = [[sys.intern(word) for word in part.split()] for part in text.split(", ")] if text else [[]]
        subject_length = 2 if len(parts[0]) == 1 and parts[0][0] in CLASS_WORDS and len(parts) > 1 else 1
        subject = frozenset(word for part in parts[:subject_length] for word in part)
        qualifiers = frozenset(word for part in parts[subject_length:] for word in part)
        lower_name = name.lower()
        phrase_words = words(" ".join(match[0] for match in NEUTRAL_PHRASES.finditer(lower_name)))
        neutral = NEUTRAL_WORDS.union(phrase_words, (word for word in qualifiers if word.isdigit()))  # "70-85%"
        plain_name = NEUTRAL_PHRASES.sub(" ", lower_name)
        processed = set(words(" ".join(match[0] for match in PROCESSED_FORM.finditer(plain_name))))
        if parts[0][:1] in (["nut"], ["seed"]):
            processed -= {"dried"}  # "Nuts, walnuts, dried": the plain state of nuts and seeds
        other_dish = (qualifiers & DISH_WORDS).union(
            *(words(match[1]) for match in WITH_INGREDIENT.finditer(lower_name))
        ) - neutral
        all_words = subject | qualifiers
        return cls(
            food_id, tuple(word for part in parts for word in part), subject, qualifiers or _NONE,
            frozenset(all_words & neutral) or _NONE, frozenset(processed) or _NONE, frozenset(other_dish) or _NONE,
            -KIND_PENALTY[kind], tuple(parts[subject_length - 1]),
        )


_NONE = frozenset()


class Postings:
    """Word -> the ids of the foods whose names hold it, each list a compact array (4 bytes an id, where a set of
    Python ints takes some 60): at 150,000 foods this is what a worker keeps. Read as a mapping, a word's ids are a
    set."""

    def __init__(self):
        self._ids = {}

    def add(self, word, food_id):
        ids = self._ids.get(word)
        if ids is None:
            ids = self._ids[word] = array("I")
        if not ids or ids[-1] != food_id:  # a name holding a word twice ("Chicken, chicken breast") counts once
            ids.append(food_id)

    def ids(self, word):
        """The ids, as stored (an array), for the caller that only walks through them."""
        return self._ids.get(word, ())

    def get(self, word, default=None):
        ids = self._ids.get(word)
        return default if ids is None else set(ids)

    def __getitem__(self, word):
        return set(self._ids[word])

    def __contains__(self, word):
        return word in self._ids

    def __iter__(self):
        return iter(self._ids)

    def __len__(self):
        return len(self._ids)


class Index:
    """An inverted index over some foods: word -> ids, and the sorted vocabulary for prefixes and typos.

    It keeps each food's ranking data (Entry) too, unless `rows_of` is given: then only the postings are kept and
    `entries_of` works out the entries of the foods a search found from their rows, read through `rows_of(ids)`,
    remembering up to ENTRIES_KEPT of them.
    """

    def __init__(self, rows, rows_of=None):
        self.rows_of = rows_of
        self.entries = {}
        self.penalties = bytearray()  # KIND_PENALTY by food id, when entries are not all kept
        self.postings = Postings()
        for food_id, name, text, kind in rows:
            if rows_of is None:
                self.entries[food_id] = Entry.of(food_id, name, text, kind)
            else:
                if food_id >= len(self.penalties):
                    self.penalties.extend(bytes(food_id + 1 - len(self.penalties)))
                self.penalties[food_id] = KIND_PENALTY[kind]
            for part in text.split(", "):  # Entry.words, without working out the rest of the entry
                for word in part.split():
                    self.postings.add(word, food_id)
        self.vocabulary = sorted(self.postings)

    def static_score(self, food_id):
        """Entry.static_score, without working out the entry."""
        if self.rows_of is None:
            return self.entries[food_id].static_score
        return -self.penalties[food_id]

    def entries_of(self, food_ids):
        """{food id: Entry} of these foods."""
        found = {food_id: self.entries[food_id] for food_id in food_ids if food_id in self.entries}
        if len(found) < len(food_ids):
            for food_id, name, text, kind in self.rows_of([food_id for food_id in food_ids if food_id not in found]):
                found[food_id] = entry = Entry.of(food_id, name, text, kind)
                if len(self.entries) >= ENTRIES_KEPT:
                    self.entries.clear()
                self.entries[food_id] = entry
        return found

    def expansions(self, term):
        """The index words a query word stands for, each with its cost: 0 exact, 2 prefix, 3 typo."""
        found = {term: 0} if term in self.postings else {}
        if len(term) >= MIN_PREFIX_LENGTH:
            start = bisect_left(self.vocabulary, term)
            for word in self.vocabulary[start:]:
                if not word.startswith(term):
                    break
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
        """The foods matching the most query words, each with the sum of its words' costs: {food id: cost}, and how
        many query words they match, the words hit, and {food id: the other name that found it}."""
        # Costs by query word position, {food id: cost} each: a few dicts, where a dict a food would take some
        # 200 bytes for each of the thousands of foods a common word ("chicken", "coo") finds.
        by_position = [{} for _ in query.terms]
        hit_words = set()
        for position, term in enumerate(query.terms):
            costs = by_position[position]
            for word, cost in self.expansions(term).items():
                hit_words.add(word)
                for food_id in self.postings.ids(word):
                    if food_id not in costs or cost < costs[food_id]:
                        costs[food_id] = cost
        found_by = {}
        for group in query.groups(self):
            for alternative in group.alternatives:
                first, *others = (self.postings.ids(word) for word in alternative)
                food_ids = set(first).intersection(*others)
                if food_ids:
                    hit_words.update(alternative)
                for food_id in food_ids:
                    # Named only where the other name did the finding: "Turnips, raw" needs no "turnip:".
                    if group.name and not all(food_id in by_position[position]
                                              and by_position[position][food_id] <= group.cost
                                              for position in group.positions):
                        found_by.setdefault(food_id, group.name)
                    for position in group.positions:
                        costs = by_position[position]
                        costs[food_id] = min(group.cost, costs.get(food_id, group.cost))
        # A food lacking a query word only counts when no food has them all ("oat milk" -> "Milk, ...").
        if len(by_position) == 1:
            matched, most = by_position[0], 1 if by_position[0] else 0
        else:
            counts = Counter()
            for costs in by_position:
                counts.update(costs.keys())
            most = max(counts.values(), default=0)
            matched = {food_id: sum(costs[food_id] for costs in by_position if food_id in costs)
                       for food_id, count in counts.items() if count == most}
        return matched, most, hit_words, {food_id: name for food_id, name in found_by.items() if food_id in matched}


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
                    rows = Food.objects.filter(owner=None).values_list("pk", "name", "search_text", "kind")
                    self._index, self._stamp = Index(rows.iterator(chunk_size=5000), _shared_rows), stamp
        return self._index


def _shared_rows(food_ids):
    rows = Food.objects.filter(owner=None).values_list("pk", "name", "search_text", "kind")
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


def _score(entry, cost, hit_words, recent, terms):
    """Higher is better. `cost` is the sum of the matched query words' costs (0 exact, 2 prefix, 3 typo each)."""
    score = entry.static_score - cost
    # Only a query of two words or more has a head ("chocolate" of "milk chocolate") to get the wrong way round.
    if len(terms) > 1 and len(entry.compound) > 1 and terms[-1] in entry.compound[:-1] \
            and entry.compound[-1] in terms[:-1]:
        score -= REVERSED_COMPOUND_COST
    if entry.food_id in recent:
        score += RECENT_BONUS
    if not entry.subject.isdisjoint(hit_words):
        score += SUBJECT_BONUS  # the name is about this: "Spinach, raw", not "Pasta, spinach"
    # An unmatched word naming the food ("Almond chicken") or another dish ("Chicken, feet") weighs more than
    # all qualifiers together ("Nuts, almonds, blanched, unsalted").
    plain_subject = entry.subject - hit_words - CLASS_WORDS - entry.neutral - entry.processed
    score -= OTHER_DISH_COST * len(plain_subject | (entry.other_dish - hit_words))
    if entry.processed and entry.processed.isdisjoint(hit_words):
        score -= PROCESSED_COST
    qualifiers = entry.qualifiers - hit_words - entry.other_dish - entry.processed
    neutral = qualifiers & entry.neutral
    score -= min(QUALIFIERS_CAP, NEUTRAL_COST * len(neutral) + QUALIFIER_COST * len(qualifiers - neutral))
    return score


def _best_of(candidates, recent, terms):
    """The MAX_RESULTS best candidates, ranked: missing query words weigh most, then the score; ties go to the
    shorter name, then the older row.

    Candidates are scored in the order of the best score they could have, a batch at a time, and no further than
    one that could not beat the last of the best found so far: a word matching thousands of foods ("chicken" among
    150,000) ranks them having worked out the entries of a few dozen.
    """
    candidates.sort(key=lambda candidate: candidate[:2])
    ranked = []
    for start in range(0, len(candidates), SCORED_A_BATCH):
        if len(ranked) >= MAX_RESULTS:
            ranked.sort()
            if candidates[start][:2] > ranked[MAX_RESULTS - 1][:2]:
                break
        batch = candidates[start:start + SCORED_A_BATCH]
        entries = {}
        for index in {id(index): index for *_, index, _ in batch}.values():
            entries.update(index.entries_of([food_id for _, _, food_id, _, of, _ in batch if of is index]))
        for missing, _, food_id, cost, _, hit_words in batch:
            entry = entries[food_id]
            ranked.append((missing, -_score(entry, cost, hit_words, recent, terms), len(entry.words), food_id))
    ranked.sort()
    return ranked


def search(text, user):
    """The foods best matching `text` among shared foods and `user`'s own, best first, portions prefetched.

    Each food found through an other name carries it as `matched_name` ("capsicum"), else "".
    """
    query = Query(text)
    if not query.terms:
        return []
    custom_rows = Food.objects.filter(owner=user).values_list("pk", "name", "search_text", "kind")
    recent_entries = user.meal_entries.filter(food__isnull=False).order_by("-date", "-pk")
    recent = set(recent_entries.values_list("food_id", flat=True)[:RECENT_ENTRIES])
    candidates = []
    matched_names = {}
    for index in (shared_index.get(), Index(custom_rows)):
        matched, most, hit_words, found_by = index.matches(query)
        matched_names.update(found_by)
        for food_id, cost in matched.items():
            best = _best_possible(index.static_score(food_id), cost, food_id in recent)
            candidates.append((-most, -best, food_id, cost, index, hit_words))
    ranked = _best_of(candidates, recent, query.terms)
    best_ids = [food_id for *_, food_id in ranked[:MAX_RESULTS]]
    # Only what a result shows: building model instances is most of a search's cost.
    portions = Portion.objects.only("food", "description", "grams").order_by("position", "pk")
    foods = (
        Food.objects.filter(pk__in=best_ids)
        .only("name", "category", "source", "source_id", "owner", "magnesium_mg")
        .prefetch_related(Prefetch("portions", queryset=portions))
    )
    by_id = {food.pk: food for food in foods}
    for food in foods:
        food.matched_name = matched_names.get(food.pk, "")
    return [by_id[food_id] for food_id in best_ids if food_id in by_id]


def detail_urls():
    """pk -> the food's page, reversing the URL once for a whole result list rather than once per food."""
    marker = 2**31 - 1
    prefix, suffix = reverse("foods:detail", args=[marker]).split(str(marker))
    return lambda pk: f"{prefix}{pk}{suffix}"


def as_json(food, url_of=None):
    """One search result for the type-ahead: figures as decimal strings ("592", "28.35"), null when unknown.

    `url_of` (from detail_urls) names the food's page; without it the food reverses its own.
    """
    return {
        "id": food.pk,
        "name": food.name,
        "matched_name": food.matched_name,
        "category": food.category,
        "source": food.source,
        "source_label": food.source_label,
        "source_id": food.source_id,
        "magnesium_mg_per_100g": _decimal_text(food.magnesium_mg),
        "portions": [
            {"id": portion.pk, "description": portion.description, "grams": _decimal_text(portion.grams)}
            for portion in food.portions.all()
        ],
        "url": url_of(food.pk) if url_of else food.get_absolute_url(),
    }


def _decimal_text(value):
    # A string keeps the exact decimal a float would blur, without the stored trailing zeros ("592", not "592.000").
    return None if value is None else plain(value)
