<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="nb_NO">
<context>
    <name>AboutDialog</name>
    <message>
        <source>Om hjk-desktop</source>
        <translation>About hjk-desktop</translation>
    </message>
    <message>
        <source>&lt;b&gt;Oppgitt&lt;/b&gt;: tallet står i rapportens tekst, figurer eller tabeller, med sted (kapittel og avsnitt).</source>
        <translation>&lt;b&gt;Stated&lt;/b&gt;: the number appears in the report&apos;s text, figures or tables, with its place (chapter and section).</translation>
    </message>
    <message>
        <source>&lt;b&gt;≈ Omtrentlig&lt;/b&gt;: teksten gir tallet i ord eller som et omtrentlig nivå; vi viser det med ≈.</source>
        <translation>&lt;b&gt;≈ Approximate&lt;/b&gt;: the text gives the number in words or as a rough level; we show it with ≈.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Beregnet&lt;/b&gt; (kursiv): regnet ut fra oppgitte tall; formelen vises i verktøytipset.</source>
        <translation>&lt;b&gt;Derived&lt;/b&gt; (italics): worked out from stated numbers; the tooltip shows the formula.</translation>
    </message>
    <message>
        <source>&lt;b&gt;– Mangler&lt;/b&gt;: teksten gir ikke tallet; det vises aldri som 0, og grunnen står i verktøytipset.</source>
        <translation>&lt;b&gt;– Missing&lt;/b&gt;: the text does not give the number; it is never shown as 0, and the tooltip says why.</translation>
    </message>
    <message>
        <source>Utforsk tallene fra LOs tillitsvalgtpanel om hjemmekontor (februar og juni 2021).</source>
        <translation>Explore the numbers from LO&apos;s panel of union representatives on home office (February and June 2021).</translation>
    </message>
    <message>
        <source>Kilde</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Slik vises tallene</source>
        <translation>How the numbers are shown</translation>
    </message>
    <message>
        <source>Usikkerhet</source>
        <translation>Uncertainty</translation>
    </message>
    <message>
        <source>95 %-intervallene (Wilson for én andel, Newcombes hybridmetode for en differanse) vises bare der N er kjent. De er nominelle: panelet er rekruttert via forbundenes e-postlister og er ikke et sannsynlighetsutvalg, så intervallene sier hvor mye tilfeldig variasjon alene kunne gi, ikke hvor representative tallene er.</source>
        <translation>The 95% intervals (Wilson for a single share, Newcombe&apos;s hybrid method for a difference) are shown only where N is known. They are nominal: the panel is recruited through the unions&apos; e-mail lists and is not a probability sample, so the intervals say how much chance variation alone could produce, not how representative the numbers are.</translation>
    </message>
</context>
<context>
    <name>Accessibility</name>
    <message>
        <source>Kolonneoverskrifter</source>
        <translation>Column headers</translation>
    </message>
    <message>
        <source>Radoverskrifter</source>
        <translation>Row headers</translation>
    </message>
</context>
<context>
    <name>ChapterTree</name>
    <message>
        <source>Kapitler og figurer</source>
        <translation>Chapters and exhibits</translation>
    </message>
    <message>
        <source>Velg et kapittel eller en figur med piltastene</source>
        <translation>Choose a chapter or an exhibit with the arrow keys</translation>
    </message>
</context>
<context>
    <name>ChartPane</name>
    <message>
        <source>Skjul tekstbeskrivelse</source>
        <translation>Hide text description</translation>
    </message>
    <message>
        <source>Vis tekstbeskrivelse</source>
        <translation>Show text description</translation>
    </message>
    <message>
        <source>Viser eller skjuler figuren som tekst: tallene og hvilke som mangler</source>
        <translation>Shows or hides the chart as text: the numbers and which ones are missing</translation>
    </message>
    <message>
        <source>Tekstbeskrivelse av figuren</source>
        <translation>Text description of the chart</translation>
    </message>
    <message>
        <source>Figur</source>
        <translation>Chart</translation>
    </message>
    <message>
        <source>Figur med tekstbeskrivelse</source>
        <translation>Chart with text description</translation>
    </message>
</context>
<context>
    <name>ChartView</name>
    <message>
        <source>Velg en figur eller tabell i lista.</source>
        <translation>Choose a figure or table in the list.</translation>
    </message>
</context>
<context>
    <name>ControlsPanel</name>
    <message>
        <source>Utvalg</source>
        <translation>Segment</translation>
    </message>
    <message>
        <source>Gruppe</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>Runde</source>
        <translation>Round</translation>
    </message>
    <message>
        <source>Visning</source>
        <translation>Display</translation>
    </message>
    <message>
        <source>Vis differanse</source>
        <translation>Show difference</translation>
    </message>
    <message>
        <source>Desimaltegn:</source>
        <translation>Decimal mark:</translation>
    </message>
    <message>
        <source>Komma (12,5)</source>
        <translation>Comma (12,5)</translation>
    </message>
    <message>
        <source>Punktum (12.5)</source>
        <translation>Point (12.5)</translation>
    </message>
    <message>
        <source>Utvalg og visning</source>
        <translation>Selection and display</translation>
    </message>
    <message>
        <source>ingen tall for dette utvalget i rapportens tekst</source>
        <translation>no numbers for this segment in the report&apos;s text</translation>
    </message>
    <message>
        <source>Begge side om side</source>
        <translation>Both side by side</translation>
    </message>
    <message>
        <source>ingen tall fra denne runden i rapportens tekst</source>
        <translation>no numbers from this round in the report&apos;s text</translation>
    </message>
    <message>
        <source>rapportens tekst gir tall fra bare én runde</source>
        <translation>the report&apos;s text gives numbers from one round only</translation>
    </message>
    <message>
        <source>Uten tid</source>
        <translation>No date</translation>
    </message>
    <message>
        <source>Vis differanse gjelder en figur eller tabell: velg en i innholdet</source>
        <translation>Show difference applies to a figure or table: pick one in the contents</translation>
    </message>
    <message>
        <source>Vis differanse sammenligner to kolonner, her er det bare én: kryss av ett utvalg, en gruppe eller begge rundene til</source>
        <translation>Show difference compares two columns and there is only one here: tick one more segment, group or both rounds</translation>
    </message>
    <message>
        <source>Vis differanse sammenligner nøyaktig to kolonner, her er det %1: ta bort Alle eller andre valg til bare to står igjen</source>
        <translation>Show difference compares exactly two columns and there are %1 here: untick All or other choices until only two remain</translation>
    </message>
    <message>
        <source>Et kapittel har ingen utvalg å velge: velg en figur eller tabell</source>
        <translation>A chapter has no selections to make: pick a figure or table</translation>
    </message>
</context>
<context>
    <name>ExhibitFindings</name>
    <message>
        <source>Funn i rapporten (%1)</source>
        <translation>Findings in the report (%1)</translation>
    </message>
</context>
<context>
    <name>ExhibitHeader</name>
    <message>
        <source>Merknader om sammenlikning</source>
        <translation>Notes on comparison</translation>
    </message>
    <message>
        <source>Kapittel %1, %2</source>
        <translation>Chapter %1, %2</translation>
    </message>
    <message>
        <source>N = %1</source>
        <translation>N = %1</translation>
    </message>
    <message>
        <source>N ikke oppgitt</source>
        <translation>N not given</translation>
    </message>
    <message>
        <source>de andre kolonnene: N ikke oppgitt</source>
        <translation>the other columns: N not given</translation>
    </message>
    <message>
        <source>N ikke oppgitt for noen kolonne</source>
        <translation>N not given for any column</translation>
    </message>
    <message>
        <source>Runde: %1</source>
        <translation>Round: %1</translation>
    </message>
    <message>
        <source>Runder: %1</source>
        <translation>Rounds: %1</translation>
    </message>
    <message>
        <source>Grupper: %1</source>
        <translation>Groups: %1</translation>
    </message>
    <message>
        <source>Gruppe: %1</source>
        <translation>Group: %1</translation>
    </message>
    <message>
        <source>Samlet fra teksten (ingen figur i rapporten)</source>
        <translation>Compiled from the text (no figure in the report)</translation>
    </message>
    <message>
        <source>Noen tall fra samme spørsmål i en annen runde</source>
        <translation>Some numbers from the same question in another round</translation>
    </message>
    <message>
        <source>Se også %1: spørsmålet var formulert annerledes, så tallene kan ikke sammenlignes direkte.</source>
        <translation>See also %1: the question was worded differently, so the numbers cannot be compared directly.</translation>
    </message>
    <message>
        <source>Åpner %1</source>
        <translation>Opens %1</translation>
    </message>
    <message>
        <source>Kapittel %1: %2</source>
        <translation>Chapter %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n figur(er), tabell(er) og nøkkeltall</source>
        <translation>
            <numerusform>%n exhibit (figure, table or key figures)</numerusform>
            <numerusform>%n exhibits (figures, tables and key figures)</numerusform>
        </translation>
    </message>
    <message>
        <source>Velg et kapittel eller en figur</source>
        <translation>Choose a chapter or an exhibit</translation>
    </message>
</context>
<context>
    <name>ExhibitTableModel</name>
    <message>
        <source>Antall svar (N)</source>
        <translation>Number of responses (N)</translation>
    </message>
    <message>
        <source>Beregnet differanse: %1</source>
        <translation>Derived difference: %1</translation>
    </message>
    <message>
        <source>Beregnet: %1</source>
        <translation>Derived: %1</translation>
    </message>
    <message>
        <source>Oppgitt i teksten</source>
        <translation>Given in the text</translation>
    </message>
    <message>
        <source>≈ omtrentlig verdi</source>
        <translation>≈ approximate value</translation>
    </message>
    <message>
        <source>Sted i rapporten: %1</source>
        <translation>Place in the report: %1</translation>
    </message>
    <message>
        <source>N = %1</source>
        <translation>N = %1</translation>
    </message>
</context>
<context>
    <name>ExhibitTableView</name>
    <message>
        <source>Tabell med tallene i figuren</source>
        <translation>Table of the numbers in the chart</translation>
    </message>
    <message>
        <source>Piltaster flytter mellom cellene, Skift+piltast velger flere, Ctrl+C kopierer</source>
        <translation>Arrow keys move between cells, Shift+arrow selects more, Ctrl+C copies</translation>
    </message>
    <message>
        <source>Kolonneoverskrifter</source>
        <translation>Column headers</translation>
    </message>
    <message>
        <source>Radnumre</source>
        <translation>Row numbers</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Filen finnes allerede.</source>
        <translation>The file already exists.</translation>
    </message>
    <message>
        <source>Du har ikke skrivetilgang til denne mappen eller filen.</source>
        <translation>You may not write to this folder or file.</translation>
    </message>
    <message>
        <source>Det er ikke plass på disken.</source>
        <translation>There is no space left on the disk.</translation>
    </message>
    <message>
        <source>Mappen finnes ikke.</source>
        <translation>The folder does not exist.</translation>
    </message>
    <message>
        <source>Stien er en mappe, ikke en fil.</source>
        <translation>The path is a folder, not a file.</translation>
    </message>
    <message>
        <source>Komma kan ikke være både skilletegn og desimaltegn.</source>
        <translation>The comma cannot be both the separator and the decimal mark.</translation>
    </message>
    <message>
        <source>Skrivingen mislyktes.</source>
        <translation>Writing failed.</translation>
    </message>
    <message>
        <source>Filen som lå der fra før, er ikke endret.</source>
        <translation>The file that was there before has not been changed.</translation>
    </message>
    <message>
        <source>Erstatte fil?</source>
        <translation>Replace file?</translation>
    </message>
    <message>
        <source>Disse filene finnes allerede og blir erstattet:</source>
        <translation>These files already exist and will be replaced:</translation>
    </message>
    <message>
        <source>Eksporten mislyktes</source>
        <translation>The export failed</translation>
    </message>
    <message>
        <source>Eksporter</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>&amp;Format:</translation>
    </message>
    <message>
        <source>Semikolon ( ; )</source>
        <translation>Semicolon ( ; )</translation>
    </message>
    <message>
        <source>Komma ( , )</source>
        <translation>Comma ( , )</translation>
    </message>
    <message>
        <source>&amp;Skilletegn:</source>
        <translation>&amp;Separator:</translation>
    </message>
    <message>
        <source>Komma (12,5)</source>
        <translation>Comma (12,5)</translation>
    </message>
    <message>
        <source>Punktum (12.5)</source>
        <translation>Point (12.5)</translation>
    </message>
    <message>
        <source>&amp;Desimaltegn:</source>
        <translation>&amp;Decimal mark:</translation>
    </message>
    <message>
        <source>Skriv tittel og kilde i en egen tekstfil ved siden av</source>
        <translation>Write the title and source to a separate text file next to it</translation>
    </message>
    <message>
        <source>&amp;Velg …</source>
        <translation>&amp;Choose …</translation>
    </message>
    <message>
        <source>&amp;Fil:</source>
        <translation>F&amp;ile:</translation>
    </message>
    <message>
        <source>Avbryt</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>&amp;Eksporter</source>
        <translation>&amp;Export</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Skilletegn</source>
        <translation>Separator</translation>
    </message>
    <message>
        <source>Desimaltegn</source>
        <translation>Decimal mark</translation>
    </message>
    <message>
        <source>Fil</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Velg fil</source>
        <translation>Choose file</translation>
    </message>
    <message>
        <source>Komma kan ikke være både skilletegn og desimaltegn. Velg semikolon eller punktum.</source>
        <translation>The comma cannot be both the separator and the decimal mark. Choose semicolon or point.</translation>
    </message>
    <message>
        <source>Velg en fil.</source>
        <translation>Choose a file.</translation>
    </message>
    <message>
        <source>Tallene skrives uten ≈ og uten tusenskille; manglende verdier blir tomme celler, aldri 0. Kolonnen Merknad forklarer omtrentlige, beregnede og manglende verdier.</source>
        <translation>Numbers are written without ≈ and without thousands separators; missing values become empty cells, never 0. The Note column explains approximate, derived and missing values.</translation>
    </message>
    <message>
        <source>Tall lagres som tall (prosent fra 0 til 100). Tittel og kilde står over og under tabellen.</source>
        <translation>Numbers are stored as numbers (per cent from 0 to 100). The title and source are above and below the table.</translation>
    </message>
    <message>
        <source>Figuren slik den vises, i dobbel oppløsning.</source>
        <translation>The chart as shown, at twice the resolution.</translation>
    </message>
    <message>
        <source>Figuren som vektorgrafikk, én form per stolpe.</source>
        <translation>The chart as vector graphics, one shape per bar.</translation>
    </message>
    <message>
        <source>Eksporter til fil</source>
        <translation>Export to file</translation>
    </message>
    <message>
        <source>Eksporter alt</source>
        <translation>Export all</translation>
    </message>
</context>
<context>
    <name>ExportProgress</name>
    <message>
        <source>Eksporterer alle figurer og tabeller …</source>
        <translation>Exporting every figure and table …</translation>
    </message>
    <message>
        <source>Avbryt</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Eksporter alt</source>
        <translation>Export all</translation>
    </message>
</context>
<context>
    <name>FindingsList</name>
    <message>
        <source>Funn i rapporten</source>
        <translation>Findings in the report</translation>
    </message>
    <message>
        <source>Enter eller klikk åpner funnet med tallene merket, Ctrl+C kopierer det</source>
        <translation>Enter or a click opens the finding with its numbers marked; Ctrl+C copies it</translation>
    </message>
    <message>
        <source>Kopier funn med kilde</source>
        <translation>Copy finding with source</translation>
    </message>
</context>
<context>
    <name>LoadProgress</name>
    <message>
        <source>Åpner datapakken %1 …</source>
        <translation>Opening the data package %1 …</translation>
    </message>
    <message>
        <source>Avbryt</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Åpner datapakke</source>
        <translation>Opening data package</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>hjk-desktop – LOs tillitsvalgtpanel om hjemmekontor 2021</source>
        <translation>hjk-desktop – LO&apos;s union representative panel on home office 2021</translation>
    </message>
    <message>
        <source>Innhold</source>
        <translation>Contents</translation>
    </message>
    <message>
        <source>Utvalg og visning</source>
        <translation>Selection and display</translation>
    </message>
    <message>
        <source>Kilde for tallet</source>
        <translation>Source of the number</translation>
    </message>
    <message>
        <source>&amp;Åpne datapakke…</source>
        <translation>&amp;Open data package…</translation>
    </message>
    <message>
        <source>Åpne en annen datapakke (mappe med datapackage.json)</source>
        <translation>Open another data package (a folder with datapackage.json)</translation>
    </message>
    <message>
        <source>&amp;Avslutt</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;Kopier</source>
        <translation>&amp;Copy</translation>
    </message>
    <message>
        <source>Kopier valgte celler, eller hele tabellen når ingenting er valgt</source>
        <translation>Copy the selected cells, or the whole table when nothing is selected</translation>
    </message>
    <message>
        <source>Kopier som &amp;Markdown</source>
        <translation>Copy as &amp;Markdown</translation>
    </message>
    <message>
        <source>Kopier tabellen som Markdown-tekst</source>
        <translation>Copy the table as Markdown text</translation>
    </message>
    <message>
        <source>Kopier &amp;figur</source>
        <translation>Copy c&amp;hart</translation>
    </message>
    <message>
        <source>Kopier figuren som bilde</source>
        <translation>Copy the chart as an image</translation>
    </message>
    <message>
        <source>&amp;Innhold</source>
        <translation>&amp;Contents</translation>
    </message>
    <message>
        <source>&amp;Utvalg og visning</source>
        <translation>&amp;Selection and display</translation>
    </message>
    <message>
        <source>Gå til innholdslisten</source>
        <translation>Go to the contents list</translation>
    </message>
    <message>
        <source>&amp;Tilbakestill oppsett</source>
        <translation>&amp;Reset layout</translation>
    </message>
    <message>
        <source>&amp;Hurtigtaster</source>
        <translation>&amp;Keyboard shortcuts</translation>
    </message>
    <message>
        <source>&amp;Om hjk-desktop</source>
        <translation>&amp;About hjk-desktop</translation>
    </message>
    <message>
        <source>&amp;Eksporter…</source>
        <translation>&amp;Export…</translation>
    </message>
    <message>
        <source>Lagre tabellen som CSV eller Excel, eller figuren som PNG eller SVG</source>
        <translation>Save the table as CSV or Excel, or the chart as PNG or SVG</translation>
    </message>
    <message>
        <source>Eksporter &amp;alt…</source>
        <translation>Export &amp;all…</translation>
    </message>
    <message>
        <source>Lagre alle figurer og tabeller, alle tall med kilde og datareglene i én Excel-bok</source>
        <translation>Save every figure and table, every number with its source and the data rules in one Excel workbook</translation>
    </message>
    <message>
        <source>Vis 95 %-&amp;usikkerhet (nominell)</source>
        <translation>Show 95 % &amp;uncertainty (nominal)</translation>
    </message>
    <message>
        <source>Feilstolper der N er kjent. Nominelle: panelet er ikke et sannsynlighetsutvalg.</source>
        <translation>Error bars where N is known. Nominal: the panel is not a probability sample.</translation>
    </message>
    <message>
        <source>Ta med &amp;kilde når én celle kopieres</source>
        <translation>Include the &amp;source when copying one cell</translation>
    </message>
    <message>
        <source>Kopierer du ett tall, følger kilden med som fotnote</source>
        <translation>When you copy a single number, its source comes along as a footnote</translation>
    </message>
    <message>
        <source>&amp;Kilde for tallet</source>
        <translation>&amp;Source of the number</translation>
    </message>
    <message>
        <source>&amp;Søk…</source>
        <translation>&amp;Search…</translation>
    </message>
    <message>
        <source>Søk i kapitler, spørsmål og svar (Ctrl+F)</source>
        <translation>Search chapters, questions and answers (Ctrl+F)</translation>
    </message>
    <message>
        <source>&amp;Fil</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;Rediger</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>&amp;Vis</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>&amp;Hjelp</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;Språk (Language)</source>
        <translation>&amp;Language (Språk)</translation>
    </message>
    <message>
        <source>Statuslinje</source>
        <translation>Status bar</translation>
    </message>
    <message>
        <source>Kopierte %1 celler</source>
        <translation>Copied %1 cells</translation>
    </message>
    <message>
        <source>Kopierte hele tabellen</source>
        <translation>Copied the whole table</translation>
    </message>
    <message>
        <source>Velg en figur eller tabell først</source>
        <translation>Choose a figure or table first</translation>
    </message>
    <message>
        <source>Lagret %1</source>
        <translation>Saved %1</translation>
    </message>
    <message>
        <source>Kopierte tabellen som Markdown</source>
        <translation>Copied the table as Markdown</translation>
    </message>
    <message>
        <source>Kopierte figuren som bilde</source>
        <translation>Copied the chart as an image</translation>
    </message>
    <message>
        <source>Åpne datapakke</source>
        <translation>Open data package</translation>
    </message>
    <message>
        <source>Datapakke (datapackage.json)</source>
        <translation>Data package (datapackage.json)</translation>
    </message>
    <message>
        <source>Åpningen ble avbrutt; den forrige pakken vises fortsatt.</source>
        <translation>Opening was cancelled; the previous package is still shown.</translation>
    </message>
    <message>
        <source>Datapakken kan ikke brukes</source>
        <translation>The data package cannot be used</translation>
    </message>
    <message>
        <source>Datapakken har %1 feil og ble ikke åpnet. Den forrige pakken vises fortsatt.</source>
        <translation>The data package has %1 error(s) and was not opened. The previous package is still shown.</translation>
    </message>
    <message>
        <source>Flytt i innholdslisten</source>
        <translation>Move in the contents list</translation>
    </message>
    <message>
        <source>Pil opp / pil ned</source>
        <translation>Up arrow / down arrow</translation>
    </message>
    <message>
        <source>Åpne eller lukk et kapittel</source>
        <translation>Expand or collapse a chapter</translation>
    </message>
    <message>
        <source>Pil høyre / pil venstre</source>
        <translation>Right arrow / left arrow</translation>
    </message>
</context>
<context>
    <name>ProvenancePanel</name>
    <message>
        <source>Kilde for tallet</source>
        <translation>Source of the number</translation>
    </message>
    <message>
        <source>Hvor tallet kommer fra</source>
        <translation>Where the number comes from</translation>
    </message>
    <message>
        <source>Kopier tallet med kilde</source>
        <translation>Copy the number with its source</translation>
    </message>
    <message>
        <source>Legger tallet, hva det gjelder og hvor i rapporten det står, på utklippstavlen som én linje</source>
        <translation>Puts the number, what it is about and where it is in the report on the clipboard as one line</translation>
    </message>
    <message>
        <source>Velg et tall i figuren eller tabellen for å se hvor i rapporten det står.</source>
        <translation>Choose a number in the chart or the table to see where it is in the report.</translation>
    </message>
    <message>
        <source>Tallene formelen bygger på</source>
        <translation>The numbers the formula uses</translation>
    </message>
</context>
<context>
    <name>SearchDialog</name>
    <message>
        <source>Søk</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>Søk i kapitler, figurer, spørsmål, svaralternativer og funn</source>
        <translation>Search chapters, figures, questions, response options and findings</translation>
    </message>
    <message>
        <source>Søketekst</source>
        <translation>Search text</translation>
    </message>
    <message>
        <source>Søkeresultater</source>
        <translation>Search results</translation>
    </message>
    <message>
        <source>Antall treff</source>
        <translation>Number of hits</translation>
    </message>
    <message>
        <source>Bygger søkeindeksen …</source>
        <translation>Building the search index …</translation>
    </message>
    <message>
        <source>Avbryt</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Kapittel</source>
        <translation>Chapter</translation>
    </message>
    <message>
        <source>Figur/tabell</source>
        <translation>Figure/table</translation>
    </message>
    <message>
        <source>Spørsmål</source>
        <translation>Question</translation>
    </message>
    <message>
        <source>Svaralternativ</source>
        <translation>Answer option</translation>
    </message>
    <message>
        <source>Utvalg</source>
        <translation>Segment</translation>
    </message>
    <message>
        <source>Gruppe</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>Funn</source>
        <translation>Findings</translation>
    </message>
    <message>
        <source>kapittel %1</source>
        <translation>chapter %1</translation>
    </message>
    <message>
        <source>Skriv for å søke. Enter åpner treffet.</source>
        <translation>Type to search. Enter opens the hit.</translation>
    </message>
    <message>
        <source>Ingen treff</source>
        <translation>No hits</translation>
    </message>
    <message>
        <source>De første %1 av %2 treff. Skriv mer for å snevre inn.</source>
        <translation>The first %1 of %2 hits. Type more to narrow the search.</translation>
    </message>
    <message numerus="yes">
        <source>%n treff</source>
        <translation>
            <numerusform>%n hit</numerusform>
            <numerusform>%n hits</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Hurtigtaster</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <source>Handling</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Tast</source>
        <translation>Key</translation>
    </message>
</context>
<context>
    <name>StatusLine</name>
    <message>
        <source>Kapitteloversikt: %1 – %2</source>
        <translation>Chapter overview: %1 – %2</translation>
    </message>
    <message numerus="yes">
        <source>%n figurer og tabeller</source>
        <translation>
            <numerusform>%n figure or table</numerusform>
            <numerusform>%n figures and tables</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rader</source>
        <translation>
            <numerusform>%n row</numerusform>
            <numerusform>%n rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n kolonner</source>
        <translation>
            <numerusform>%n column</numerusform>
            <numerusform>%n columns</numerusform>
        </translation>
    </message>
    <message>
        <source>Viser %1: %2 × %3</source>
        <translation>Showing %1: %2 × %3</translation>
    </message>
    <message numerus="yes">
        <source>%n oppgitt</source>
        <translation>
            <numerusform>%n given</numerusform>
            <numerusform>%n given</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n omtrentlige (≈)</source>
        <translation>
            <numerusform>%n approximate (≈)</numerusform>
            <numerusform>%n approximate (≈)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n beregnet</source>
        <translation>
            <numerusform>%n derived</numerusform>
            <numerusform>%n derived</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n mangler (–)</source>
        <translation>
            <numerusform>%n missing (–)</numerusform>
            <numerusform>%n missing (–)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>Datapakken kan ikke brukes</source>
        <translation>The data package cannot be used</translation>
    </message>
    <message>
        <source>Datapakken i %1 har %2 feil.</source>
        <translation>The data package in %1 has %2 error(s).</translation>
    </message>
</context>
</TS>
