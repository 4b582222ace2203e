from foods import figures


def figure(value, kind="mg"):
    """Any figure at its kind's precision (foods.figures): {{ total|figure("mg") }} -> "382 mg", None -> "no data".

    A kind may name its unit after it: {{ food.magnesium_mg|figure("source mg") }} -> "257.6 mg", as USDA gives it.
    """
    kind, _, unit = kind.partition(" ")
    return figures.show(value, kind, unit or None)
