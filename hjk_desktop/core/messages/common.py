"""Catalogue entries shared by several parts of the core: names of exhibits, missing values, units."""

MESSAGES: dict[str, dict[str, str]] = {
    "exhibit.figure": {"nb": "Figur", "en": "Figure"},
    "exhibit.table": {"nb": "Tabell", "en": "Table"},
    "exhibit.key_figures": {"nb": "Nøkkeltall", "en": "Key figures"},
    # why a cell is missing (codes.Reason)
    "reason.not_stated": {"nb": "Ikke oppgitt i rapportens tekst", "en": "Not given in the report's text"},
    "reason.not_asked": {"nb": "Rapporten har ingen tall fra denne runden", "en": "The report gives no numbers from this round"},
    "reason.no_segment_data": {"nb": "Ingen tall for dette utvalget", "en": "No numbers for this segment"},
    "reason.no_population_data": {"nb": "Ingen tall for denne gruppen", "en": "No numbers for this group"},
    # units (codes.Unit) as a word in a table column
    "unit.percent": {"nb": "prosent", "en": "percent"},
    "unit.count": {"nb": "antall", "en": "count"},
    "word.chapter": {"nb": "kapittel", "en": "chapter"},
    "word.and": {"nb": " og ", "en": " and "},
    "source.line": {
        "nb": "Kilde: Ødegård & Andersen (2021), LOs tillitsvalgtpanel om hjemmekontor, Fafo-notat 2021:20. {homepage}",
        "en": "Source: Ødegård & Andersen (2021), LOs tillitsvalgtpanel om hjemmekontor, Fafo-notat 2021:20. {homepage}",
    },
    "percent.suffix": {"nb": " %", "en": "%"},
}
