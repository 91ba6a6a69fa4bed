"""Catalogue entries of the table the user sees and copies: headers, series labels, caption parts, copy notes."""

MESSAGES: dict[str, dict[str, str]] = {
    "table.label": {"nb": "Spørsmål / svar", "en": "Question / response"},
    "table.diff": {"nb": "Differanse (prosentpoeng)", "en": "Difference (percentage points)"},
    "table.diff_count": {"nb": "Differanse", "en": "Difference"},
    "table.lo": {"nb": "95 % KI (nominelt), nedre", "en": "95% CI (nominal), lower"},
    "table.hi": {"nb": "95 % KI (nominelt), øvre", "en": "95% CI (nominal), upper"},
    "table.reading": {"nb": "Lesning", "en": "Reading"},
    "table.n_unknown": {"nb": "N ukjent", "en": "N unknown"},
    "table.dependent": {"nb": "overlappende utvalg – intervall gjelder ikke", "en": "overlapping samples – no interval applies"},
    "table.not_percent": {"nb": "bare for prosent", "en": "percentages only"},
    "table.wilson": {"nb": "Wilson-intervall, 95 %", "en": "Wilson interval, 95%"},
    "table.newcombe": {"nb": "Newcombe-intervall (metode 10), 95 %", "en": "Newcombe interval (method 10), 95%"},
    "table.compiled": {"nb": "samlet fra teksten", "en": "compiled from the text"},
    "series.value": {"nb": "Verdi", "en": "Value"},
    "series.no_round": {"nb": "uten tid", "en": "no time given"},
    "clipboard.approx": {
        "nb": "≈ omtrentlig verdi (teksten gir den i ord eller som «rundt»)",
        "en": "≈ approximate value (given in words or as 'about' in the text)",
    },
    "clipboard.derived": {"nb": "beregnet fra oppgitte verdier", "en": "computed from stated values"},
    "clipboard.missing": {"nb": "– ikke oppgitt i teksten", "en": "– not given in the text"},
    "clipboard.missing_empty": {"nb": "tom celle: ikke oppgitt i teksten", "en": "empty cell: not given in the text"},
}
