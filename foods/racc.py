"""A food's typical portion: the household measure closest to the FDA's reference amount for its class.

The FDA's nutrient content claims ("excellent source", 21 CFR 101.54) count per
Reference Amount Customarily Consumed (RACC), set per class of food in 21 CFR
101.12(b) Table 2 (as revised in 2016, 81 FR 34000). USDA lists household measures
in no particular order ("1 cup" of molasses comes first), so the measure a person
eats is taken to be the one whose weight is closest to the reference amount, on a
log scale (half and double are equally far), and only within 0.4 to 2.5 times it:
a food with no measure in that range has no typical portion.

Figures: the ones marked "sure" are Table 2 rows as we know them; the others are
our best reading of the table (or a stated simplification) and say so. A reference
amount in mL is taken as the same number of grams (water-like drinks).
Classes are tried in order, the first whose pattern matches wins. A pattern is
searched in "lower-case name / lower-case category" ("nuts, almonds / nut and seed
products"), so it can ask for a word in the name, the category, or both.
"""

import math
import re
from dataclasses import dataclass
from decimal import Decimal

CFR = "21 CFR 101.12(b) Table 2"
LOWEST_RATIO = 0.4
HIGHEST_RATIO = 2.5
UNSPECIFIED = "Quantity not specified"


@dataclass(frozen=True)
class ReferenceAmount:
    label: str
    grams: Decimal | None  # None: an ingredient eaten only once cooked or prepared, never as it is
    pattern: str
    basis: str

    def matches(self, text):
        return re.search(self.pattern, text) is not None


NOT_EATEN_AS_IS = "an ingredient eaten only once cooked or prepared: its cooked entry stands for it"

REFERENCE_AMOUNTS = (
    # Before the ingredients: cocoa powder is eaten as a spoonful stirred into a drink or food.
    ReferenceAmount("cocoa powder", Decimal(5), r"^cocoa, dry powder|^cocoa powder",
                    f"{CFR} has no row we are sure of; 1 tbsp of unsweetened cocoa weighs about 5 g (not sure)"),
    ReferenceAmount("ingredient", None,
                    r"mature seeds, raw|\buncooked\b|\bunprepared\b|\bflour\b|\bmeal\b|\bdehydrated\b|\bpowder"
                    r"|\bdry (form|mix)\b|\b(dried|dry)\b.* / .*(dairy|milk|egg|vegetable|soup|beverage)"
                    # SR28 names uncooked grains plainly ("Buckwheat", "Oats", "Rice bran, crude").
                    r"|^(?!.*\b(cooked|boiled|canned|prepared|puffed|sprouted|baked|fried)\b).* / cereal grains",
                    NOT_EATEN_AS_IS),
    ReferenceAmount("nut and seed butters", Decimal(32), r"\b(peanut|almond|cashew|nut|seed|sesame) butter\b|tahini",
                    f"{CFR}, nut and seed butters, pastes or creams: 2 tbsp (32 g of peanut butter) (sure)"),
    ReferenceAmount("nuts and seeds", Decimal(30),
                    r"/ (nut and seed products|nuts and seeds)$|^peanuts\b|^soybeans, mature seeds, (dry )?roasted",
                    f"{CFR}, nuts and seeds, plain: 30 g (sure)"),
    ReferenceAmount("ingredient", None,
                    r"^(?!.*\b(cooked|boiled|canned|roasted|prepared|sprouted)\b).*\b(raw|dry|uncooked)\b"
                    r".* / .*(cereal grains|legume|beans, peas|pasta, noodles|^rice$)",
                    NOT_EATEN_AS_IS),
    ReferenceAmount("hummus and dips", Decimal(30), r"\bhummus\b|\bdips?\b",
                    f"{CFR}, dips (legume-, dairy- or vegetable-based): 2 tbsp, about 30 g (fairly sure)"),
    ReferenceAmount("soy sauce and condiments", Decimal(15),
                    r"\bsoy sauce\b|\bmiso\b|^sauce, (teriyaki|fish|hoisin|oyster)|/ soy-based condiments",
                    f"{CFR}, minor condiments and soy sauce: 1 tbsp, about 15 g (fairly sure)"),
    ReferenceAmount("tofu and tempeh", Decimal(85), r"\btofu\b|\btempeh\b|soybean curd\b(?! cheese)",
                    f"{CFR}, legumes, bean cake (tofu), tempeh: 85 g (sure)"),
    ReferenceAmount("cheese", Decimal(30), r"\bcheese\b.* / .*(dairy|cheese|legume)",
                    f"{CFR}, cheese, all others (hard and semisoft): 30 g (sure)"),
    ReferenceAmount("beans and legumes, cooked", Decimal(130), r"/ .*(legume|beans, peas)",
                    f"{CFR}, beans, plain or in sauce, cooked or canned: 130 g (sure)"),
    ReferenceAmount("hot cereals, prepared", Decimal(240), r"/ (oatmeal|grits and other cooked cereals)$"
                    r"|^cereals, .*\b(cooked|prepared)\b",
                    f"{CFR}, cereals requiring further preparation: 1 cup prepared, about 240 g (sure of the cup)"),
    ReferenceAmount("ready-to-eat cereals", Decimal(40), r"/ (breakfast cereals|ready-to-eat cereal)",
                    f"{CFR}, breakfast cereals ready to eat: 15, 40 or 60 g by weight per cup (sure); "
                    f"we use the medium 40 g for all, whose 16 to 100 g range holds most cereals' cup"),
    ReferenceAmount("grains, prepared", Decimal(140), r"/ .*(cereal grains|pasta|rice|cooked grains)",
                    f"{CFR}, grains (rice, barley...) and pasta, plain, prepared: 140 g (sure)"),
    ReferenceAmount("breads", Decimal(50), r"/ (baked products|yeast breads|bagels|rolls and buns|tortillas$)",
                    f"{CFR}, breads (except sweet quick breads), bagels, rolls: 50 g (sure)"),
    ReferenceAmount("avocado", Decimal(50), r"^avocados?\b",
                    f"{CFR}, avocado: 50 g (sure: the 2016 revision raised it from 30 g)"),
    ReferenceAmount("fruit juices", Decimal(240), r"\bjuices?\b.* / .*(fruit|juice)",
                    f"{CFR}, juices, nectars, fruit drinks: 240 mL (sure)"),
    ReferenceAmount("dried fruits", Decimal(40), r"\b(dried|raisins|prunes|dates)\b.* / .*fruit",
                    f"{CFR}, dried fruit: 40 g (sure)"),
    ReferenceAmount("fruits", Decimal(140), r"/ .*(fruit|apples|bananas|berries|grapes|mango|melons|peaches|pears"
                                            r"|pineapple|strawberries)",
                    f"{CFR}, fruits, all others, fresh, canned or frozen: 140 g (sure)"),
    ReferenceAmount("vegetables", Decimal(85), r"/ (.*vegetable|spinach|broccoli|cabbage|carrots|corn$|onions"
                                              r"|string beans|tomatoes|other starchy|other dark green)",
                    f"{CFR}, vegetables, all others without sauce: 85 g (sure)"),
    ReferenceAmount("yogurt", Decimal(170), r"\byogurt\b",
                    f"{CFR}, yogurt: 170 g (sure: the 2016 revision lowered it from 225 g)"),
    ReferenceAmount("milk", Decimal(240), r"^(milk|soymilk)\b|/ (milk, |plant-based milk)",
                    f"{CFR}, milk and milk-based drinks, plant-based milks: 240 mL (sure)"),
    ReferenceAmount("eggs", Decimal(50), r"^eggs?\b.* / .*(dairy and egg|eggs)",
                    f"{CFR}, eggs: 50 g, one large egg (sure)"),
    ReferenceAmount("fish, shellfish and meat", Decimal(85),
                    r"/ (finfish|fish$|shellfish|poultry products|beef|pork|lamb|chicken, whole|turkey, duck"
                    r"|ground beef)",
                    f"{CFR}, fish, shellfish, meat and poultry, cooked: 85 g (sure; raw cuts are 114 g, "
                    f"a simplification we accept: few raw cuts are rich in magnesium)"),
    ReferenceAmount("syrups, honey and molasses", Decimal(20), r"\b(molasses|syrups?|honey)\b",
                    f"{CFR}, honey, jams, syrups (except pancake syrup), molasses: 1 tbsp, "
                    f"about 20 g of molasses (sure of the tbsp)"),
    ReferenceAmount("chocolate and candies", Decimal(30), r"\b(chocolate|candies|candy)\b.* / .*(sweets|candy)",
                    f"{CFR}, candies, all others: 30 g (not sure: 40 g in the 1993 table; "
                    f"both pick the 1 oz measure of a chocolate)"),
    ReferenceAmount("soups", Decimal(245), r"/ .*soup", f"{CFR}, soups, all varieties: 245 g (sure)"),
    ReferenceAmount("snacks", Decimal(30), r"/ (snacks|popcorn|potato chips|pretzels|tortilla, corn)",
                    f"{CFR}, snacks (chips, pretzels, popcorn...): 30 g (sure)"),
    ReferenceAmount("drinks", Decimal(360), r"/ .*(beverages|coffee|tea$|soft drinks|water|drinks)",
                    f"{CFR}, carbonated and noncarbonated beverages, coffee, tea: 360 mL (fairly sure: the 2016 "
                    f"revision raised it from 240 mL)"),
)


def reference_amount(name, category):
    """The ReferenceAmount of a food's class, or None when none of the classes fits it."""
    text = f"{name.lower()} / {category.lower()}"
    return next((amount for amount in REFERENCE_AMOUNTS if amount.matches(text)), None)


def typical_portion(name, category, portions):
    """Of `portions` (each with .grams), the one closest to the reference amount within 0.4-2.5x of it, or None.

    FNDDS's "Quantity not specified" is a default weight for a survey answer, not a measure anyone named.
    """
    amount = reference_amount(name, category)
    if amount is None or amount.grams is None:
        return None
    in_range = [
        p for p in portions
        if p.description != UNSPECIFIED and LOWEST_RATIO <= p.grams / amount.grams <= HIGHEST_RATIO
    ]
    return min(in_range, key=lambda p: abs(math.log(p.grams / amount.grams)), default=None)
