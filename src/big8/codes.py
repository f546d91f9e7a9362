"""Every input-error code big8 reports, with what it means.

The consistency rules (B8-0xx) live in `checks/rules.py`; these are the
codes of the stages before them: reading (L), the schema (S), linking (K),
what a text may do (T) and the settings file (C). The README table and the
field reference on the site come from here, and a test checks that every
code the code uses is listed, so the documentation cannot fall behind.
"""

from __future__ import annotations

INPUT_CODES: dict[str, str] = {
    "B8-L01": "bestand of map bestaat niet of is niet leesbaar (exitcode 2); een map die niet te lezen is, "
              "wordt nooit stilzwijgend overgeslagen",
    "B8-L02": "bestand groter dan 2 MB",
    "B8-L03": "YAML-syntaxfout (o.a. tabs, dubbele punten, haakjes, aanhalingstekens) of een YAML-tag die niet "
              "wordt ondersteund",
    "B8-L04": "bestand is geen UTF-8",
    "B8-L05": "bestand is leeg of bevat alleen commentaar",
    "B8-L06": "te groot na het uitbreiden van aliassen (meer dan 250.000 waarden of 4.000.000 tekens), een tekst "
              "langer dan 50.000 tekens, of dieper dan 200 niveaus",
    "B8-L07": "bestand begint niet met sleutels",
    "B8-L08": "dubbele sleutel in één mapping (met de regel van de eerste)",
    "B8-L09": "schema's kunnen niet worden gelezen",
    "B8-L10": "geen gewoon bestand (een apparaat, pijp of socket; exitcode 2)",
    "B8-L11": "afbeelding in figuren/ is geen echt PNG- of JPEG-bestand (waarschuwing)",
    "B8-S01": "'soort' ontbreekt",
    "B8-S02": "'soort' is onbekend",
    "B8-S03": "onbekende sleutel, met de sleutel die waarschijnlijk bedoeld is",
    "B8-S04": "verplichte sleutel ontbreekt",
    "B8-S05": "verkeerd type (met tip voor '1,66' → 1.66 en '1.234.567' → 1234567)",
    "B8-S06": "waarde niet toegestaan (met de dichtstbijzijnde toegestane)",
    "B8-S07": "ongeldig of te lang id of verwijzing (het patroon geldt voor de hele waarde)",
    "B8-S08": "getal buiten bereik, of een periode die terugloopt",
    "B8-S09": "lege waarde",
    "B8-S10": "twee sleutels die elkaar uitsluiten staan er allebei, of een andere schemaregel",
    "B8-S11": "'2.000' uren, aantal of normuren: een Nederlands duizendtal dat YAML als 2 leest (fout)",
    "B8-S12": "geen gewoon getal: .nan, .inf, 0x10, 0o17, 1_000, 010, of groter dan een miljard",
    "B8-S13": "datum die niet bestaat (2023-02-30) of niet tussen 1900 en 2100 ligt",
    "B8-S14": "'fte: 1.500' is dubbelzinnig: 1,5 of 1500 (waarschuwing)",
    "B8-K01": "dubbel id van een organisatie",
    "B8-K02": "dubbel document-id",
    "B8-K03": "dubbel id binnen een document",
    "B8-K04": "verwijzing naar een onbekende organisatie",
    "B8-K05": "verwijzing naar een onbekend beleid",
    "B8-K06": "verwijzing naar een onbekend doel, indicator, focuspunt of urenregel",
    "B8-K07": "id dat gereserveerd is voor een pagina van de website (zoals 'controle')",
    "B8-K08": "onbekende wettelijke eis onder wettelijke_eisen (de eisen staan in de veldenreferentie en het "
              "IBT-rapport)",
    "B8-K09": "een wettelijke eis wijst naar een passage die niet in het document staat",
    "B8-T01": "link die niet naar http(s) of mailto gaat, of een link zonder tekst",
    "B8-T02": "afbeelding die niet uit figuren/ van het project komt, niet bestaat of geen alternatieve tekst heeft",
    "B8-T03": "verwijzingslink ([tekst][naam] met [naam]: adres), die niet wordt ondersteund",
    "B8-T04": "lijst die dieper dan 6 niveaus genest is",
    "B8-T05": "voetnoot zonder tekst, of tekst van een voetnoot die nergens wordt genoemd",
    "B8-C01": "big8.yaml kan niet worden gelezen of heeft een verkeerde opbouw",
    "B8-C02": "onbekende regel in big8.yaml",
    "B8-C03": "onbekende ernst in big8.yaml",
    "B8-C04": "onbekende sleutel in big8.yaml, met de sleutel die waarschijnlijk bedoeld is",
    "B8-C05": "onbekende organisatie in big8.yaml",
}


def input_codes_table() -> str:
    """The README's table of input-error codes."""
    lines = ["| code | soort fout |", "|---|---|"]
    lines += [f"| {code} | {meaning} |" for code, meaning in INPUT_CODES.items()]
    return "\n".join(lines)
