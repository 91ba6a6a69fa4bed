"""Catalogue entries of the report's findings: the chapter story's labels and the Funn/Findings export sheet."""

MESSAGES: dict[str, dict[str, str]] = {
    "story.numbers": {"nb": "Tall", "en": "Numbers"},
    "story.source": {"nb": "Kilde", "en": "Source"},
    "story.findings": {"nb": "Funn i rapporten", "en": "Findings of the report"},
    "story.percent": {"nb": "{n} %", "en": "{n}%"},
    "export.sheet.findings": {"nb": "Funn", "en": "Findings"},
    "export.findings.id": {"nb": "Id", "en": "Id"},
    "export.findings.chapter": {"nb": "Kapittel", "en": "Chapter"},
    "export.findings.exhibit": {"nb": "Figur/tabell", "en": "Figure/table"},
    "export.findings.kind": {"nb": "Type", "en": "Kind"},
    "export.findings.text": {"nb": "Funn", "en": "Finding"},
    "export.findings.locator": {"nb": "Sted i teksten", "en": "Place in the text"},
    "export.findings.places": {"nb": "Sted i teksten, i ord", "en": "Place in the text, in words"},
    "export.findings.values": {"nb": "Verdier (id)", "en": "Values (id)"},
    "export.findings.status": {"nb": "Status", "en": "Status"},
    "export.findings.note": {"nb": "Merknad", "en": "Note"},
    "about.findings_sheet": {
        "nb": "Rapportens funn i egne ord, med sted i teksten og verdiene som bærer tallene",
        "en": "The report's findings in our own words, with their place in the text and the values that carry their numbers",
    },
}
