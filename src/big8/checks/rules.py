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
         "dezelfde organisatie (of van een regio of omgevingsdienst waaraan zij deelneemt).",
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
]}


def known_codes() -> set[str]:
    return set(RULES)
