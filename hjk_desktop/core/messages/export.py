"""Catalogue entries of the exported files: column headers, notes, legend, the Om/About sheet, sheet names."""

MESSAGES: dict[str, dict[str, str]] = {
    "export.unit": {"nb": "Enhet", "en": "Unit"},
    "export.note": {"nb": "Merknad", "en": "Note"},
    "export.rank": {"nb": "Rang i teksten", "en": "Rank in the text"},
    "export.approx": {"nb": "omtrentlig", "en": "approximate"},
    "export.derived": {"nb": "beregnet", "en": "computed"},
    "export.legend_approx": {
        "nb": "≈ foran et tall: omtrentlig verdi (teksten gir den i ord eller som et rundt tall).",
        "en": "≈ before a number: approximate value (given in words or as a round figure).",
    },
    "export.legend_derived": {
        "nb": "Kursiv: beregnet verdi; formelen står i merknadskolonnen.",
        "en": "Italic: computed value; the formula is in the note column.",
    },
    "export.legend_missing": {
        "nb": "–: tallet er ikke oppgitt. Det betyr ikke null.",
        "en": "–: the number is not given. It does not mean zero.",
    },
    "export.legend_scale": {
        "nb": "Prosentverdier er lagret som tall fra 0 til 100, slik rapporten oppgir dem.",
        "en": "Percentages are stored as numbers from 0 to 100, as the report gives them.",
    },
    "export.sheet.about": {"nb": "Om", "en": "About"},
    "export.sheet.values": {"nb": "Verdier", "en": "Values"},
    "export.sheet.table": {"nb": "Tabell", "en": "Table"},
    "about.title": {"nb": "Om denne filen", "en": "About this file"},
    "about.source": {"nb": "Kilde", "en": "Source"},
    "about.homepage": {"nb": "Nettside", "en": "Web page"},
    "about.package": {"nb": "Datapakke", "en": "Data package"},
    "about.exported": {"nb": "Eksportert", "en": "Exported"},
    "about.program": {"nb": "Program", "en": "Program"},
    "about.sheets": {"nb": "Ark i filen", "en": "Sheets in this file"},
    "about.values_sheet": {
        "nb": "Alle verdier i datapakken, med plassering, status og formel",
        "en": "Every value in the data package, with locator, status and formula",
    },
    "about.rules": {"nb": "Slik skal tallene leses", "en": "How to read the numbers"},
    "about.rule1": {
        "nb": "Hvert tall kommer fra datapakken, som henter det fra rapportens tekst, figurer eller tabeller. Ingenting er anslått av dette programmet.",
        "en": "Every number comes from the data package, which takes it from the report's text, figures or tables. This program estimates nothing.",
    },
    "about.rule2": {
        "nb": "Kolonnen locator i arket Verdier viser hvor i rapporten tallet står: 3:p2 er kapittel 3, avsnitt 2; 5:tabell1:r2c1 er tabell 1, rad 2, kolonne 1.",
        "en": "The locator column of the Values sheet says where the number is in the report: 3:p2 is chapter 3, paragraph 2; 5:tabell1:r2c1 is table 1, row 2, column 1.",
    },
    "about.rule3": {
        "nb": "Et tall som mangler vises som – (eller en tom celle i CSV). Det betyr at tallet ikke er oppgitt, ikke at det er null.",
        "en": "A missing number is shown as – (or an empty cell in CSV). It means the number is not given, not that it is zero.",
    },
    "about.rule4": {
        "nb": "≈ betyr omtrentlig: rapporten gir verdien i ord eller som et rundt tall. Cellen er likevel et tall.",
        "en": "≈ means approximate: the report gives the value in words or as a round figure. The cell is still a number.",
    },
    "about.rule5": {
        "nb": "Kursiv og status derived betyr beregnet: verdien er summen eller differansen av oppgitte verdier, og formelen viser hvilke.",
        "en": "Italic and status derived mean computed: the value is the sum or difference of stated values, and the formula names them.",
    },
    "about.rule6": {
        "nb": "Prosent lagres som tall fra 0 til 100, slik rapporten oppgir dem, ikke som Excel-prosent.",
        "en": "Percentages are stored as numbers from 0 to 100, as the report gives them, not as Excel percentages.",
    },
    "about.rule7": {
        "nb": "Hvert figurark viser standardutvalget i programmet: alle tillitsvalgte og rundene figuren selv gjelder.",
        "en": "Each exhibit sheet shows the program's default selection: all representatives and the exhibit's own rounds.",
    },
}

ABOUT_RULES = tuple(f"about.rule{i}" for i in range(1, 8))  # in the order the Om sheet lists them

MESSAGES.update({
    # the export formats (core/export_formats.py): the dialog's list and its file-dialog filters
    "format.csv": {"nb": "CSV (tabell)", "en": "CSV (table)"},
    "format.xlsx": {"nb": "Excel-arbeidsbok (tabell)", "en": "Excel workbook (table)"},
    "format.png": {"nb": "PNG-bilde (figur)", "en": "PNG image (chart)"},
    "format.svg": {"nb": "SVG-vektor (figur)", "en": "SVG vector (chart)"},
    "format.csv.files": {"nb": "CSV-filer", "en": "CSV files"},
    "format.xlsx.files": {"nb": "Excel-arbeidsbøker", "en": "Excel workbooks"},
    "format.png.files": {"nb": "PNG-bilder", "en": "PNG images"},
    "format.svg.files": {"nb": "SVG-bilder", "en": "SVG images"},
})
