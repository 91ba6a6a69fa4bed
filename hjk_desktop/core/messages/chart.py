"""Catalogue entries of the chart layout, its tooltips, its pages and its text description."""

MESSAGES: dict[str, dict[str, str]] = {
    # drawn on the plot
    "chart.not_given": {"nb": "ikke oppgitt", "en": "not given"},
    "chart.in_total": {"nb": "i alt", "en": "in total"},
    "chart.computed": {"nb": "(beregnet)", "en": "(computed)"},
    "chart.axis.percent": {"nb": "Prosent", "en": "Per cent"},
    "chart.axis.count": {"nb": "Antall", "en": "Count"},
    "chart.legend.derived": {"nb": "beregnet fra oppgitte tall", "en": "computed from stated numbers"},
    "chart.note.only_percent": {"nb": "Bare prosentene vises i diagrammet; antallene står i tabellen.",
                                "en": "Only the percentages are drawn; the counts are in the table."},
    "chart.note.missing": {"nb": "Grå ring: tallet står ikke i rapportens tekst.",
                           "en": "Grey ring: the number is not in the report's text."},
    "chart.note.totals_alone": {
        "nb": "Der teksten bare gir summen («… eller …»), vises summen som én søyle uten oppdeling.",
        "en": "Where the text gives only the sum (“… or …”), the sum is drawn as one bar without parts."},
    "chart.note.order": {"nb": "Rekkefølge i teksten:", "en": "Order in the text:"},
    "chart.note.from_pair": {"nb": "Noen tall er fra samme spørsmål i en annen runde, der ordlyden var en annen.",
                             "en": "Some numbers come from the same question in another round, where the wording differed."},
    # the difference view
    "chart.diff.higher": {"nb": "Høyere for {name}", "en": "Higher for {name}"},
    "chart.diff.n_unknown": {"nb": "N ukjent – ingen usikkerhet kan beregnes", "en": "N unknown – no uncertainty can be computed"},
    "chart.diff.axis.percent": {"nb": "Differanse i prosentpoeng", "en": "Difference in percentage points"},
    "chart.diff.axis.count": {"nb": "Differanse (antall)", "en": "Difference (count)"},
    "chart.diff.title": {"nb": "Differanse: {second} minus {first}", "en": "Difference: {second} minus {first}"},
    "chart.diff.note.bars": {"nb": "Søylene viser {second} minus {first}; differansen er beregnet fra de to tallene.",
                             "en": "The bars show {second} minus {first}; the difference is computed from the two numbers."},
    "chart.diff.note.intervals": {"nb": "Strekene viser et 95 %-intervall (Newcombe) der begge N er kjent.",
                                  "en": "The whiskers show a 95% interval (Newcombe) where both Ns are known."},
    "chart.diff.note.n_unknown": {
        "nb": "N ukjent – ingen usikkerhet kan beregnes: rapporten oppgir ikke N for begge tallene.",
        "en": "N unknown – no uncertainty can be computed: the report does not give N for both numbers."},
    "chart.diff.note.dependent": {
        "nb": ("Ingen usikkerhetsintervall: de to tallene bygger ikke på uavhengige utvalg (en del mot helheten, eller "
               "samme panel i to runder), og Newcombes intervall forutsetter det."),
        "en": ("No uncertainty interval: the two numbers do not come from independent samples (a part against the "
               "whole, or the same panel in two rounds), which Newcombe's interval assumes.")},
    "chart.n_unknown": {"nb": "N ukjent", "en": "N unknown"},
    "chart.n_unknown_rest": {"nb": "de andre kolonnene: N ukjent", "en": "the other columns: N unknown"},
    "chart.n_unknown_all": {"nb": "N ukjent for alle kolonnene", "en": "N unknown for every column"},
    "chart.diff.note.missing": {
        "nb": "Grå ring: ingen differanse, fordi minst ett av tallene ikke står i rapportens tekst.",
        "en": "Grey ring: no difference, because at least one of the numbers is not in the report's text."},
    # tooltips
    "chart.tip.group": {"nb": "Gruppe: {group}", "en": "Group: {group}"},
    "chart.tip.value": {"nb": "Verdi: {value}", "en": "Value: {value}"},
    "chart.tip.approx": {"nb": "(omtrentlig)", "en": "(approximate)"},
    "chart.tip.n_not_given": {"nb": "N ikke oppgitt", "en": "N not given"},
    "chart.tip.derived": {"nb": "Beregnet fra oppgitte tall: {formula}", "en": "Computed from stated numbers: {formula}"},
    "chart.tip.stated": {"nb": "Oppgitt i rapportens tekst", "en": "Given in the report's text"},
    "chart.tip.locator": {"nb": "Sted i rapporten: {locator}", "en": "Place in the report: {locator}"},
    "chart.tip.from": {"nb": "Fra: {source}", "en": "From: {source}"},
    "chart.tip.no_difference": {"nb": "Ingen differanse: minst ett av tallene mangler.",
                                "en": "No difference: at least one of the numbers is missing."},
    "chart.tip.difference": {"nb": "Differanse: {d} prosentpoeng", "en": "Difference: {d} percentage points"},
    "chart.tip.interval": {"nb": "95 %-intervall (nominelt): {lo} til {hi}", "en": "95% interval (nominal): {lo} to {hi}"},
    "chart.tip.reading": {"nb": "Lesning: {reading}", "en": "Reading: {reading}"},
    # the ranking and chapter pages
    "chart.ranking.explain": {
        "nb": "Figuren i rapporten har tall, men de er ikke gjengitt i teksten, og selve figuren har ikke kommet med. "
              "Teksten sier bare hvilke svar som kommer øverst, så her vises den rekkefølgen og ingen tall.",
        "en": "The figure in the report has numbers, but they are not repeated in the text, and the figure itself did "
              "not survive. The text only says which answers come first, so this shows that order and no numbers."},
    "chart.ranking.shared": {"nb": "(delt {rank}. plass)", "en": "(shared place {rank})"},
    "chart.ranking.rest": {"nb": "Nevnt uten plassering i teksten:", "en": "Mentioned in the text without a place:"},
    "chart.chapter.exhibits": {"nb": "Figurer og tabeller i kapitlet:", "en": "Figures and tables in the chapter:"},
    # the text description
    "chart.describe.axis": {"nb": "Verdiene er i {unit}.", "en": "Values are in {unit}."},
    "chart.describe.unit.percent": {"nb": "prosent", "en": "per cent"},
    "chart.describe.unit.count": {"nb": "antall", "en": "counts"},
    "chart.describe.missing": {"nb": "ikke oppgitt i teksten", "en": "not given in the text"},
    "chart.describe.approx": {"nb": "omtrent", "en": "about"},
    "chart.describe.derived": {"nb": "beregnet", "en": "derived"},
    "chart.describe.counts": {"nb": "{shown} verdier vist, {missing} mangler.", "en": "{shown} values shown, {missing} missing."},
    "chart.describe.diff.head": {"nb": "Differanse i prosentpoeng: {second} minus {first}.",
                                 "en": "Difference in percentage points: {second} minus {first}."},
    "chart.describe.diff.none": {"nb": "ingen differanse, minst ett tall mangler", "en": "no difference, a number is missing"},
    "chart.describe.diff.ci": {"nb": "95 %-intervall, nominelt: {lo} til {hi}; {reading}",
                               "en": "95% interval, nominal: {lo} to {hi}; {reading}"},
}
