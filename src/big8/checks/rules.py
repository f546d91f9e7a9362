"""The consistency rules: code, default severity, and what each checks.

The README's rule table is generated from RULES (`big8 regels`), so the
documentation cannot drift from the code.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..diagnostics import FOUT, INFO, WAARSCHUWING, Diagnostic
from ..model import Document


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: str
    checks: str  # what it checks, one Dutch sentence
    why: str  # why, with the legal or policy source where there is one

    def finding(self, document: Document, path: tuple, message: str, hint: str = "",
                data: dict | None = None, key: bool = False) -> Diagnostic:
        return Diagnostic(self.code, self.severity, message, document.location(path, key=key), hint,
                          document.id, document.organisation, data or {})


_KWALITEITSVERORDENING = ("De kwaliteitsverordening (Verordening uitvoering en handhaving omgevingsrecht) eist doelen "
                          "op ten minste dienstverlening, uitvoeringskwaliteit en financiën; zie Enschede § 3.1 en "
                          "Losser § 4.2.")

RULES: dict[str, Rule] = {rule.code: rule for rule in [
    Rule("B8-001", "beleid-van-kracht", FOUT,
         "Het beleid dat een uitvoeringsprogramma uitvoert is vastgesteld, geldt in het programmajaar en is van "
         "dezelfde organisatie (of van een regio of omgevingsdienst waaraan zij deelneemt). Is het programma zelf "
         "nog een concept, dan is een niet vastgesteld beleid een waarschuwing.",
         "Het uitvoeringsprogramma werkt het geldende beleid uit (procescriteria van art. 13.5 t/m 13.11 "
         "Omgevingsbesluit; in de Big-8 de schakel tussen strategische en operationele cyclus)."),
    Rule("B8-002", "indicator-bij-doel", FOUT,
         "Een regel van de doelentabel noemt een indicator die bij het genoemde doel hoort.",
         "Anders meet het programma een ander doel dan het zegt te dienen."),
    Rule("B8-003", "focuspunt-meetbaar", WAARSCHUWING,
         "Elk focuspunt van het beleid heeft ten minste één doel met een indicator met streefwaarde.",
         "Een focuspunt zonder meetbaar doel kan in het jaarverslag niet worden geëvalueerd (procescriteria "
         "art. 13.5 t/m 13.11 Omgevingsbesluit; Big-8 'doelen stellen')."),
    Rule("B8-004", "focuspunt-in-programma", WAARSCHUWING,
         "Elk focuspunt van het beleid wordt in het uitvoeringsprogramma opgepakt of met reden uitgesteld.",
         "Het beleid laat jaarlijks in het uitvoeringsprogramma bepalen welke focuspunten worden opgepakt "
         "(Enschede § 2.4)."),
    Rule("B8-005", "uitstel-met-reden", FOUT,
         "Een uitgesteld focuspunt heeft een reden.",
         "Uitstel zonder reden is voor college en IBT niet te beoordelen."),
    Rule("B8-006", "kwaliteitsthema-meetbaar", WAARSCHUWING,
         "De thema's dienstverlening, uitvoeringskwaliteit en financiën hebben elk ten minste één doel met een "
         "indicator met streefwaarde.",
         _KWALITEITSVERORDENING),
    Rule("B8-007", "indicator-volledig", WAARSCHUWING,
         "Elke indicator heeft een eenheid, een richting (minimaal, maximaal, gelijk) en een streefwaarde.",
         "Zonder die drie is niet vast te stellen of een gerealiseerde waarde het doel haalt."),
    Rule("B8-008", "streefwaarde-past", FOUT,
         "De streefwaarde past bij de eenheid: een percentage ligt tussen 0 en 100, dagen en aantallen zijn niet "
         "negatief, ja/nee is true of false.",
         "Een streefwaarde die niet bij haar eenheid past, is een tikfout of een verkeerde eenheid."),
    Rule("B8-009", "streefwaarde-tekst", WAARSCHUWING,
         "De streefwaarde zoals geschreven (streefwaarde_tekst) noemt hetzelfde getal en dezelfde richting als "
         "de velden streefwaarde en richting.",
         "De tekst staat in het document dat het college vaststelt; de velden rekent big8 na."),
    Rule("B8-010", "capaciteitsbalans", INFO,
         "Per taakveld en discipline: beschikbare uren (formatie in fte × productieve uren per fte) tegenover de "
         "geplande uren, met overschot of tekort in uren en als aandeel.",
         "Procescriteria (art. 13.5 t/m 13.11 Omgevingsbesluit): het uitvoeringsprogramma toont dat de benodigde "
         "en beschikbare middelen in balans zijn."),
    Rule("B8-011", "capaciteitstekort", WAARSCHUWING,
         "Er zijn meer uren gepland dan de formatie beschikbaar maakt.",
         "Een tekort betekent dat het programma niet uitvoerbaar is zonder extra middelen of minder taken "
         "(procescriteria art. 13.5 t/m 13.11 Omgevingsbesluit)."),
    Rule("B8-012", "formatie-zonder-planning", WAARSCHUWING,
         "Een formatieregel heeft geen urentabel voor hetzelfde taakveld en dezelfde discipline (tenzij een "
         "andere organisatie de taken uitvoert).",
         "Beschikbare capaciteit zonder planning is niet te verantwoorden."),
    Rule("B8-013", "planning-zonder-formatie", WAARSCHUWING,
         "Een urentabel heeft geen formatieregel voor hetzelfde taakveld en dezelfde discipline.",
         "Geplande uren zonder formatie zijn niet gedekt."),
    Rule("B8-014", "juridische-capaciteit", INFO,
         "De juridische capaciteit per taakveld in uren, tegenover juridische uren in de urentabellen.",
         "De juridische capaciteit staat naast de formatie en hoort bij de balans van middelen."),
    Rule("B8-015", "programma-kern", WAARSCHUWING,
         "Een uitvoeringsprogramma heeft capaciteit, geplande uren (urentabellen) en een doelentabel; zonder alle "
         "drie is het een fout.",
         "Art. 13.8 Omgevingsbesluit: het programma bevat de voorgenomen werkzaamheden, met de doelen en "
         "prioriteiten van het beleid; art. 13.10: de benodigde en beschikbare middelen."),
    Rule("B8-016", "concept-met-vaststelling", WAARSCHUWING,
         "Een document met status concept heeft geen vaststellingsdatum.",
         "Een concept met een datum van vaststelling is ofwel vastgesteld, ofwel onjuist gedateerd; college en "
         "lezer moeten weten welk van beide."),
    Rule("B8-017", "jaartal-in-titel", WAARSCHUWING,
         "Geen titel in een uitvoeringsprogramma noemt het vorige jaar (zonder het programmajaar).",
         "Een programma wordt vaak gemaakt uit dat van vorig jaar (big8 nieuw programma); een titel met het oude "
         "jaartal is dan vergeten bij te werken."),
    Rule("B8-020", "totaal-klopt", WAARSCHUWING,
         "Elk totaal dat een document noemt (totaal_fte, totaal_uren, de uren van een regel met deelregels) is "
         "gelijk aan de som van zijn regels.",
         "Een totaal dat niet klopt ondergraaft de bewering dat capaciteit en planning in balans zijn."),
    Rule("B8-030", "toezichtprofiel-uren", WAARSCHUWING,
         "De uren die volgen uit een toezichtprofiel (aantal objecten × uren per inspectie × frequentie) passen "
         "binnen de uren van de bijbehorende urenregel.",
         "Het toezichtprofiel is de onderbouwing van de geplande toezichturen (risicogericht toezicht, "
         "procescriteria art. 13.5 t/m 13.11 Omgevingsbesluit)."),
    Rule("B8-031", "toezichtprofiel-onvolledig", INFO,
         "Een toezichtprofiel zonder aantallen objecten of zonder gekoppelde urenregel kan niet worden "
         "nagerekend.",
         "Zonder aantallen blijft de onderbouwing van de toezichturen onvolledig."),
    Rule("B8-040", "activiteit-zonder-doel", WAARSCHUWING,
         "Geplande uren in een urentabel dienen een doel of focuspunt van het beleid.",
         "Het IBT vroeg Oldenzaal (verbeterpunt 5) te laten zien hoe activiteiten bijdragen aan de beleidsdoelen; "
         "procescriteria art. 13.5 t/m 13.11 Omgevingsbesluit."),
    Rule("B8-041", "doel-zonder-activiteit", WAARSCHUWING,
         "Elk doel van het beleid wordt door ten minste één activiteit met geplande uren gediend.",
         "Een doel zonder activiteit wordt dat jaar niet nagestreefd; zeg dat dan expliciet."),
    Rule("B8-050", "uren-realisatie", INFO,
         "Per taakveld (en in het rapport per urenregel en urentabel): gerealiseerde uren (in een monitoringsrapportage "
         "ook de prognose voor het hele jaar) tegenover de geplande uren, met de afwijking in uren en procent, en "
         "tegenover de beschikbare capaciteit.",
         "Art. 13.11 Omgevingsbesluit: jaarlijks rapporteren in welke mate het programma is uitgevoerd."),
    Rule("B8-051", "afwijking-zonder-toelichting", WAARSCHUWING,
         "Wijken de gerealiseerde uren (in een monitoringsrapportage de prognose) van een urenregel meer dan de "
         "drempel af van de planning (standaard 10%, 'drempels: afwijking_procent' in big8.yaml), dan staat er een "
         "toelichting bij.",
         "Een afwijking zonder uitleg zegt het college niet of het programma bijgestuurd moet worden."),
    Rule("B8-052", "streefwaarde-gehaald", INFO,
         "Een indicator van de doelentabel heeft een gerealiseerde waarde die de streefwaarde voor het jaar haalt, "
         "volgens haar richting (minimaal, maximaal, kleiner dan, groter dan, gelijk) en eenheid.",
         "Art. 13.11 Omgevingsbesluit: rapporteren in welke mate de uitvoering heeft bijgedragen aan de doelen."),
    Rule("B8-053", "streefwaarde-niet-gehaald", WAARSCHUWING,
         "Een indicator van de doelentabel haalt zijn streefwaarde niet, of is niet te beoordelen (geen of meer "
         "streefwaarden, geen richting).",
         "Een doel dat niet is gehaald, vraagt om bijsturing in het volgende programma of in de strategie."),
    Rule("B8-054", "indicator-zonder-waarde", WAARSCHUWING,
         "Elke indicator van de doelentabel van het programma heeft in de rapportage een gerealiseerde waarde.",
         "Zonder waarde is niet te zeggen of het doel is bereikt (art. 13.11 Omgevingsbesluit)."),
    Rule("B8-055", "doel-niet-gerapporteerd", WAARSCHUWING,
         "De rapportage zegt iets over elke rij van de doelentabel (een stand of een waarde van haar indicator) en "
         "over elk focuspunt dat het programma dit jaar oppakt.",
         "Art. 13.11 Omgevingsbesluit: de bijdrage aan de doelen; een doel waarover niets wordt gezegd, valt uit de "
         "cyclus."),
    Rule("B8-056", "verwijzing-in-rapportage", FOUT,
         "Elke urenregel, urentabel, formatieregel, indicator, focuspunt, verbeterpunt en rij van de doelentabel die "
         "een rapportage noemt, bestaat in het programma (of zijn beleid).",
         "Gerealiseerde cijfers bij iets wat niet gepland was, zijn niet na te rekenen."),
    Rule("B8-057", "prognose-boven-capaciteit", WAARSCHUWING,
         "De prognose voor het hele jaar van een monitoringsrapportage blijft per taakveld binnen de beschikbare uren "
         "van het programma.",
         "Een prognose boven de capaciteit betekent dat het programma zonder bijsturing niet wordt uitgevoerd "
         "(art. 13.10 Omgevingsbesluit)."),
    Rule("B8-058", "jaarverslag-zonder-strategie", WAARSCHUWING,
         "Een jaarverslag heeft een conclusie of aanbeveling voor de strategie of het beleid.",
         "Art. 13.11, tweede lid, Omgevingsbesluit: naar aanleiding van de rapportage wordt de strategie bezien en zo "
         "nodig aangepast."),
    Rule("B8-059", "waarde-past", FOUT,
         "Een gerealiseerde waarde past bij de eenheid van haar indicator (een percentage ligt tussen 0 en 100, ...).",
         "Een waarde die niet bij haar eenheid past, is een tikfout of een andere meting."),
    Rule("B8-060", "delen-tellen-op", WAARSCHUWING,
         "In een regionaal programma tellen de delen per deelnemer van een urenregel (uren en aantallen) op tot de "
         "regel, en elk deel hoort bij een deelnemer van de dienst.",
         "Een omgevingsdienst verrekent de uren per deelnemer; delen die niet optellen, worden dubbel of niet "
         "betaald."),
    Rule("B8-061", "opgedragen-taakveld-in-regionaal-programma", WAARSCHUWING,
         "Een taakveld dat een gemeente aan een omgevingsdienst heeft opgedragen, heeft in het regionale programma "
         "van die dienst een deel voor die gemeente.",
         "Het regionale programma krijgt een detailinvulling per bevoegd gezag (ODT-zelfevaluatie); zonder deel "
         "is niet te zien wat de dienst voor de gemeente doet (art. 13.8 Omgevingsbesluit)."),
    Rule("B8-062", "uren-gemeente-en-regio", WAARSCHUWING,
         "Het programma van een gemeente dat zijn deel in een regionaal programma noemt (regionaal_programma), plant "
         "per taakveld bij de dienst evenveel uren als dat deel.",
         "Gemeente en dienst stellen elk een programma vast; als ze verschillende uren noemen, is één van beide "
         "niet uitvoerbaar of niet betaald."),
    Rule("B8-063", "uniforme-strategie-vastgesteld", WAARSCHUWING,
         "Elke deelnemer van een omgevingsdienst die bevoegd gezag is, heeft het uniforme beleid voor de taken van "
         "de dienst vastgesteld, of het beleid noemt haar als deelnemer die dat niet deed.",
         "Art. 13.5, tweede lid, Omgevingsbesluit: de deelnemers van een omgevingsdienst stellen voor de taken van "
         "de dienst een uniforme strategie vast."),
    Rule("B8-064", "uitvoering-wederzijds", WAARSCHUWING,
         "Wat een gemeente aan een omgevingsdienst opdraagt en wat de dienst zegt voor wie zij uitvoert, komt overeen "
         "(alleen waar de dienst haar uitvoering beschrijft).",
         "Zonder overeenstemming is niet duidelijk wie een taak uitvoert; dat raakt de procescriteria "
         "(art. 13.9 Omgevingsbesluit: taken en bevoegdheden vastgelegd)."),
    Rule("B8-066", "bijdrage-klopt", INFO,
         "De rekensom van een bijdrage per deelnemer in een samenwerkingsagenda, zoals de bron haar geeft: "
         "deelnemers × bijdrage tegen wat zij dekt, delen tegen het (afgeronde) totaal, fte tegen uren en euro's met "
         "het genoemde tarief, voorbeelden naar rato.",
         "Een gelijke bijdrage per deelnemer is een afspraak tussen de colleges; de som moet kloppen voordat zij "
         "haar vaststellen."),
    Rule("B8-067", "bijdrage-rekent-niet", WAARSCHUWING,
         "Een rekensom van een bijdrage in een samenwerkingsagenda klopt niet (op de decimalen die de bron schrijft).",
         "Een bijdrage die niet optelt, dekt de functies niet waarvoor zij is bedoeld."),
    Rule("B8-068", "rollen-per-fase", INFO,
         "Elk product van de cyclus dat de rollen noemen (beleid, uitvoeringsprogramma, jaarverslag, monitoring) "
         "heeft voor elke fase (voorbereiden, opstellen, vaststellen) een partij.",
         "Zonder partij per fase is niet duidelijk wie een product van de Big-8-cyclus voorbereidt, opstelt of "
         "vaststelt."),
    Rule("B8-069", "twee-leads", WAARSCHUWING,
         "Geen product van de cyclus heeft in één fase twee partijen in de lead.",
         "Twee partijen in de lead is geen partij in de lead."),
    Rule("B8-070", "programma-tijdig", WAARSCHUWING,
         "Het uitvoeringsprogramma is vastgesteld voor zijn jaar begint, of voor de termijn die big8.yaml onder "
         "ibt noemt (uitvoeringsprogramma_uiterlijk).",
         "Art. 13.8 Omgevingsbesluit (art. 7.3 Bor): het programma zegt welke werkzaamheden in het jaar worden "
         "verricht; provincies toetsen in het IBT of het op tijd is vastgesteld."),
    Rule("B8-071", "beleid-actueel", WAARSCHUWING,
         "Het beleid dat een programma uitvoert, is niet ouder dan beleid_actueel_jaren (standaard 4) voor het "
         "programmajaar.",
         "Art. 13.11, tweede lid, Omgevingsbesluit (art. 7.2, achtste lid, Bor): de strategie wordt bezien en zo "
         "nodig aangepast; het IBT vraagt om actueel beleid."),
    Rule("B8-072", "jaarverslag-tijdig", WAARSCHUWING,
         "Het jaarverslag is vastgesteld voor de termijn die big8.yaml onder ibt noemt (jaarverslag_uiterlijk, in "
         "het jaar na het programmajaar).",
         "Art. 13.11 Omgevingsbesluit (art. 7.7 Bor): jaarlijks rapporteren; provincies stellen er een termijn "
         "voor."),
    Rule("B8-065", "tekort-op-bezetting", WAARSCHUWING,
         "De geplande uren passen in de formatie, maar niet in de bezetting (de formatie min de vacatures), waar het "
         "programma de bezetting noemt; de vacature wordt genoemd.",
         "Art. 13.10 Omgevingsbesluit: de benodigde en beschikbare capaciteit zijn in balans; een vacature levert "
         "geen uren."),
]}


def _requirement_rules() -> list[Rule]:
    """One rule per legal requirement big8 can judge (src/big8/wet/ibt-vereisten.yaml)."""
    from .ibt import article_label, catalogue, has_own_rule

    how = {"ja": "uit de gegevens", "deels": "uit de gegevens of de aangewezen passage"}
    return [Rule(row["code"], row["id"], WAARSCHUWING, f"{row['samenvatting']} (IBT; {how[row['toetsbaar']]})",
                 f"{article_label(row)[0].upper()}{article_label(row)[1:]}.")
            for row in catalogue() if has_own_rule(row)]


RULES.update((rule.code, rule) for rule in _requirement_rules())


def known_codes() -> set[str]:
    return set(RULES)
