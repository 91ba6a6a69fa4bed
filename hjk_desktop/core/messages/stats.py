"""Catalogue entries of the nominal uncertainty: the notes on method and sampling, readings, missing intervals."""

MESSAGES: dict[str, dict[str, str]] = {
    "stats.nominal_note": {
        "nb": (
            "Usikkerhetsintervallene er nominelle: panelet er satt sammen av tillitsvalgte som er rekruttert via "
            "forbundenes e-postlister, ikke trukket tilfeldig, så intervallene viser bare hvor mye tallet kunne "
            "variert ved rene tilfeldigheter."
        ),
        "en": (
            "The uncertainty intervals are nominal: the panel consists of representatives recruited through the "
            "unions' e-mail lists, not drawn at random, so the intervals only show how much a number could vary "
            "by chance alone."
        ),
    },
    "stats.method_note": {
        "nb": "95 % Wilson-intervall for én andel; Newcombes hybride score-intervall (metode 10, 1998) for en differanse.",
        "en": "95% Wilson interval for one share; Newcombe's hybrid score interval (method 10, 1998) for a difference.",
    },
    # codes.Reading
    "reading.clear": {"nb": "forskjellen er større enn usikkerheten", "en": "the difference is larger than the uncertainty"},
    "reading.chance": {"nb": "kan skyldes tilfeldigheter", "en": "may be due to chance"},
    # codes.IntervalReason
    "interval.n_unknown": {
        "nb": "N er ikke oppgitt, så usikkerheten kan ikke beregnes",
        "en": "N is not given, so the uncertainty cannot be computed",
    },
    "interval.dependent": {
        "nb": ("Ingen usikkerhet beregnet: de to tallene bygger på overlappende utvalg (en del mot helheten, eller samme "
               "panel i to runder), og intervallet forutsetter uavhengige utvalg"),
        "en": ("No uncertainty computed: the two numbers rest on overlapping samples (a part against the whole, or the "
               "same panel in two rounds), and the interval assumes independent samples"),
    },
    "interval.missing": {"nb": "Tallet mangler", "en": "The number is missing"},
    "interval.not_percent": {"nb": "Intervall gis bare for prosenttall", "en": "Intervals are given for percentages only"},
}
