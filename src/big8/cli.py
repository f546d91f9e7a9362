"""The command line: `big8 check`, `big8 build`, `big8 regels`.

A thin layer: it parses arguments, calls the pipeline and prints. Expected
failures end in one clear Dutch message and an exit code (0 in orde,
1 fouten in de inhoud, 2 gebruiks- of leesproblemen); a traceback only with
--debug.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

from . import __version__
from .cli_output import check_json, print_check
from .diagnostics import FOUT, WAARSCHUWING, count_by_severity
from .pipeline import CheckResult, UnknownOrganisation, known_organisation, restrict_to_organisation, run_check

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


class DutchArgumentParser(argparse.ArgumentParser):
    """argparse with Dutch section titles and error messages."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "argumenten"
        self._optionals.title = "opties"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                          help="toon deze hulp en stop")

    def format_usage(self) -> str:
        return super().format_usage().replace("usage:", "gebruik:", 1)

    def format_help(self) -> str:
        return super().format_help().replace("usage:", "gebruik:", 1)

    def error(self, message: str):
        replacements = {
            "the following arguments are required": "deze argumenten ontbreken",
            "unrecognized arguments": "onbekende argumenten",
            "invalid choice": "ongeldige keuze",
            "expected one argument": "verwacht één waarde",
            "argument ": "argument ",
            "choose from": "kies uit",
        }
        for english, dutch in replacements.items():
            message = message.replace(english, dutch)
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: fout: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = DutchArgumentParser(
        prog="big8",
        description="Beleid als code voor VTH: valideert beleid en uitvoeringsprogramma's, controleert of de "
                    "operationele cyclus het beleid dient (Big-8) en publiceert website, Word en PDF.")
    parser.add_argument("--versie", action="version", version=f"big8 {__version__}", help="toon de versie en stop")
    parser.add_argument("-C", "--map", default=".", metavar="MAP",
                        help="projectmap met policy/, programmes/ en schemas/ (standaard: de huidige map)")
    parser.add_argument("--debug", action="store_true", help="toon bij een interne fout de volledige traceback")
    commands = parser.add_subparsers(dest="command", metavar="OPDRACHT", parser_class=DutchArgumentParser,
                                     title="opdrachten")

    check = commands.add_parser("check", help="valideer en controleer de inhoud",
                                description="Valideert alle bestanden onder policy/ en programmes/ (of de "
                                            "opgegeven paden), lost verwijzingen op en voert de "
                                            "consistentieregels uit. Schrijft niets.")
    check.add_argument("paden", nargs="*", metavar="PAD", help="bestanden of mappen (standaard: policy/ en programmes/)")
    check.add_argument("--format", choices=["tekst", "json"], default="tekst",
                       help="uitvoer als tekst voor mensen of als JSON voor CI en andere programma's")
    check.add_argument("--strikt", action="store_true", help="behandel waarschuwingen als fouten (exitcode 1)")
    check.add_argument("--geen-info", action="store_true", help="toon geen info-meldingen (zoals de capaciteitsbalans)")
    check.add_argument("--kleur", choices=["auto", "altijd", "nooit"], default="auto",
                       help="kleur in de uitvoer (standaard: alleen op een terminal)")
    check.add_argument("--organisatie", metavar="ID",
                       help="toon alleen de bevindingen over de documenten van deze organisatie (en van de regio's "
                            "waaraan zij deelneemt)")

    build = commands.add_parser("build", help="controleer en publiceer website, Word en PDF naar build/",
                                description="Controleert eerst; bij fouten wordt niets gepubliceerd. Daarna "
                                            "worden de website, een Word- en een PDF-bestand per document "
                                            "gemaakt onder build/. Een mislukte build laat build/ ongemoeid.")
    build.add_argument("--stil", "--quiet", dest="quiet", action="store_true", help="geen voortgangsweergave")
    build.add_argument("--uitvoer", default="build", metavar="MAP", help="uitvoermap (standaard: build)")
    build.add_argument("--alleen", choices=["site", "word", "pdf"], action="append",
                       help="maak alleen deze uitvoer (meermaals te geven); met alleen 'site' blijven Word en PDF "
                            "van de vorige build staan")
    build.add_argument("--organisatie", metavar="ID",
                       help="publiceer alleen de documenten van deze organisatie (en van de regio's waaraan zij "
                            "deelneemt)")

    commands.add_parser("regels", help="toon alle consistentieregels met code en standaard-ernst",
                        description="Toont de consistentieregels als Markdown-tabel.")

    commands.add_parser("schema", help="druk het JSON Schema af voor aanvullen in de editor",
                        description="Drukt één JSON Schema (draft 2020-12) af voor elke soort document, met een "
                                    "Nederlandse titel en omschrijving bij elk veld en de toegestane waarden. Sla het "
                                    "op als big8.schema.json; 'big8 nieuw project' doet dat al.")

    preview = commands.add_parser(
        "bekijk", help="toon de website op uw eigen computer en werk haar bij bij elke opslag",
        description="Start een webserver op uw eigen computer (alleen voor u bereikbaar) met de website. Bij elke "
                    "opslag van een bestand in policy/, programmes/ of figuren/ controleert big8 opnieuw, werkt "
                    "alleen de gewijzigde documenten bij en laadt de browser de pagina opnieuw. De bevindingen "
                    "van de controle staan bovenaan de pagina's van elk document.")
    preview.add_argument("--poort", type=int, default=8008, help="poort van de webserver (standaard: 8008)")
    preview.add_argument("--adres", default="127.0.0.1", help="adres (standaard: 127.0.0.1, alleen deze computer)")
    preview.add_argument("--organisatie", metavar="ID", help="toon alleen de documenten van deze organisatie")

    difference = commands.add_parser(
        "verschil", help="wat is er inhoudelijk veranderd tussen twee versies",
        description="Vergelijkt twee versies van de documenten op inhoud: doelen, indicatoren en focuspunten "
                    "toegevoegd, verwijderd of anders geformuleerd; streefwaarden (oud → nieuw, per doel); "
                    "capaciteit en geplande uren per taakveld (met het verschil); strategieën en status. "
                    "Zonder versies: de werkmap tegenover de laatste commit; met één versie: die tegenover de "
                    "werkmap.")
    difference.add_argument("argumenten", nargs="*", metavar="VERSIE of PAD",
                            help="git-versies (zoals HEAD~1, main, een tag) en daarna eventueel paden")
    difference.add_argument("--format", choices=["tekst", "markdown", "word", "pdf"], default="tekst",
                            help="tekst voor de terminal, Markdown, of een wijzigingsoverzicht in Word of PDF")
    difference.add_argument("--uitvoer", metavar="BESTAND", help="bestand voor --format word of pdf")

    new = commands.add_parser("nieuw", help="maak een nieuw project of een nieuw document",
                              description="Maakt een nieuw project, of een document uit een bestaand document.")
    kinds = new.add_subparsers(dest="soort", metavar="SOORT", parser_class=DutchArgumentParser, title="soorten")
    project = kinds.add_parser("project", help="een nieuw project in een lege map",
                               description="Maakt een werkend project: organisaties.yaml, een beleid en een "
                                           "programma met uitleg bij elke sleutel, big8.yaml, CI voor GitLab en "
                                           "GitHub en een pre-commit-hook. 'big8 check' en 'big8 build' slagen "
                                           "meteen.")
    project.add_argument("projectmap", metavar="MAP", help="de map van het project (nieuw of leeg)")
    project.add_argument("--organisatie", required=True, metavar="NAAM", help='bijvoorbeeld "Gemeente Dinkelland"')
    project.add_argument("--id", metavar="ID", help="kort id van de organisatie (standaard: uit de naam)")
    project.add_argument("--jaar", type=int, metavar="JAAR",
                         help="het eerste jaar van beleid en programma (standaard: volgend jaar)")
    programme = kinds.add_parser("programma", help="het programma van volgend jaar uit dat van dit jaar",
                                 description="Schrijft een nieuw uitvoeringsprogramma uit een bestaand: alle "
                                             "commentaar, de volgorde en de aanhalingstekens blijven; id, jaar en "
                                             "jaartallen in titels worden bijgewerkt, de status wordt concept en de "
                                             "vaststelling vervalt. Heeft het programma een jaarverslag, dan staan "
                                             "de gerealiseerde uren en de aanbevelingen als commentaar bij de regels "
                                             "waar ze over gaan. Overschrijft nooit een bestand.")
    programme.add_argument("--van", required=True, metavar="PROGRAMMA-ID", help="het programma om van uit te gaan")
    programme.add_argument("--jaar", required=True, type=int, metavar="JAAR", help="het jaar van het nieuwe programma")
    for name, description in (("monitoring", "een lege monitoringsrapportage bij een programma"),
                              ("jaarverslag", "een leeg jaarverslag bij een programma")):
        report = kinds.add_parser(name, help=description,
                                  description=description[0].upper() + description[1:] + ": elke urenregel, "
                                  "indicator, focuspunt, verbeterpunt en rij van de doelentabel om in te vullen, met "
                                  "de planning als commentaar. Overschrijft nooit een bestand.")
        report.add_argument("--programma", required=True, metavar="PROGRAMMA-ID", help="het programma")
        if name == "monitoring":
            report.add_argument("--periode", required=True, metavar="PERIODE",
                                help="voorjaar, najaar, eerste-kwartaal ... vierde-kwartaal, eerste-halfjaar, ...")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        return _dispatch(args)
    except KeyboardInterrupt:
        print("big8: onderbroken", file=sys.stderr)
        return 130
    except Exception as error:  # an internal error: a bug in big8, not in the user's content
        if args.debug:
            raise
        print(f"big8: interne fout: {type(error).__name__}: {error}\n"
              "    tip: dit is een fout in big8, niet in uw bestanden; draai opnieuw met --debug en meld de "
              "uitvoer", file=sys.stderr)
        return 3


def _dispatch(args) -> int:
    from .config import find_root

    if args.command == "nieuw":
        return _new(args)
    root = find_root(args.map)
    if not os.path.isdir(root):
        print(f"big8: fout: map '{args.map}' bestaat niet", file=sys.stderr)
        return EXIT_USAGE
    if args.command == "regels":
        print(rules_table())
        return EXIT_OK
    if args.command == "schema":
        from .resources import Resources
        from .schema_export import json_schema

        print(json.dumps(json_schema(Resources(root)), ensure_ascii=False, indent=1))
        return EXIT_OK
    if args.command == "verschil":
        return _difference(args, root)
    if args.command == "bekijk":
        from .preview import serve

        return serve(root, args.adres, args.poort, args.organisatie)
    if args.command == "check":
        result = run_check(root, [_in_project(root, path) for path in args.paden] or None)
        if args.organisatie:
            try:
                result = restrict_to_organisation(result, known_organisation(result, args.organisatie))
            except UnknownOrganisation as unknown:
                print(f"big8: fout: onbekende organisatie '{unknown.organisation}'\n    tip: {unknown.hint}",
                      file=sys.stderr)
                return EXIT_USAGE
        if args.format == "json":
            print(json.dumps(check_json(result), ensure_ascii=False, indent=2, sort_keys=False, default=str))
        else:
            print_check(result, show_info=not args.geen_info, colour=_use_colour(args.kleur))
        return exit_code(result, strict=args.strikt)
    if args.command == "build":
        from .build import run_build

        return run_build(root, args.uitvoer, quiet=args.quiet, only=args.alleen, organisation=args.organisatie)
    return EXIT_USAGE


def _in_project(root: str, path: str) -> str:
    """A path given on the command line: relative to the project folder (-C),
    as with git -C, or else to the current folder."""
    if os.path.isabs(path) or not os.path.lexists(os.path.join(root, path)):
        return path
    return os.path.join(root, path)


def _difference(args, root: str) -> int:
    from .diff import GitProblem, as_markdown, as_text, compare, write_document

    revisions: list[str] = []
    paths: list[str] = []
    for argument in args.argumenten:
        if paths or os.path.exists(os.path.join(root, argument)):
            paths.append(os.path.relpath(os.path.abspath(argument), root) if os.path.exists(argument) else argument)
        else:
            revisions.append(argument)
    if len(revisions) > 2:
        print("big8: fout: geef hoogstens twee versies", file=sys.stderr)
        return EXIT_USAGE
    old, new = (revisions + ["HEAD"])[0] if revisions else "HEAD", revisions[1] if len(revisions) == 2 else None
    if args.format in ("word", "pdf") and not args.uitvoer:
        print(f"big8: fout: --format {args.format} vraagt om --uitvoer BESTAND", file=sys.stderr)
        return EXIT_USAGE
    try:
        comparison = compare(root, old, new, paths or None)
    except GitProblem as problem:
        print(f"big8: fout: {problem}\n    tip: draai big8 verschil in een git-repository en geef bestaande "
              "versies (zoals HEAD~1)", file=sys.stderr)
        return EXIT_USAGE
    if args.format == "tekst":
        print(as_text(comparison))
    elif args.format == "markdown":
        print(as_markdown(comparison), end="")
    else:
        write_document(comparison, args.format, args.uitvoer, root)
        print(f"big8: wijzigingsoverzicht geschreven naar {args.uitvoer}")
    return EXIT_OK


def _new(args) -> int:
    if args.soort == "project":
        from .scaffold import ProjectExists, create_project

        try:
            written = create_project(args.projectmap, args.organisatie, args.id, args.jaar)
        except ProjectExists:
            print(f"big8: fout: de map '{args.projectmap}' bestaat al en is niet leeg\n    tip: kies een nieuwe map; big8 "
                  "overschrijft nooit bestanden", file=sys.stderr)
            return EXIT_USAGE
        print(f"big8: project gemaakt in {args.projectmap}/:")
        for path in written:
            print(f"  {path}")
        print(f"Volgende stap: cd {args.projectmap} && big8 check")
        return EXIT_OK
    if args.soort in ("programma", "monitoring", "jaarverslag"):
        return _new_document(args)
    print("big8: fout: geef aan wat er nieuw moet: 'big8 nieuw project MAP --organisatie NAAM'", file=sys.stderr)
    return EXIT_USAGE


def _new_document(args) -> int:
    from .config import find_root
    from .successor import CannotCreate, new_report, next_programme, write_new

    root = find_root(args.map)
    result = run_check(root)
    if result.project is None:
        print_check(result, show_info=False, stream=sys.stderr)
        print("big8: fout: los eerst de fouten in de inhoud op; daarna kan big8 een nieuw document maken",
              file=sys.stderr)
        return EXIT_CONTENT
    try:
        if args.soort == "programma":
            path, text = next_programme(result.project, args.van, args.jaar)
        else:
            path, text = new_report(result.project, args.programma, args.soort, getattr(args, "periode", None))
        write_new(path, text)
    except CannotCreate as problem:
        print(f"big8: fout: {problem.message}\n    tip: {problem.hint}", file=sys.stderr)
        return EXIT_USAGE
    print(f"big8: geschreven: {os.path.relpath(path, root)}\nVolgende stap: big8 check {os.path.relpath(path, root)}")
    return EXIT_OK


def exit_code(result: CheckResult, strict: bool = False) -> int:
    if result.io_problem:
        return EXIT_USAGE
    counts = count_by_severity(result.diagnostics)
    if counts[FOUT] or (strict and counts[WAARSCHUWING]):
        return EXIT_CONTENT
    return EXIT_OK


def _use_colour(choice: str) -> bool:
    if choice != "auto":
        return choice == "altijd"
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def rules_table() -> str:
    from .checks import RULES

    lines = ["| code | naam | standaard | wat wordt gecontroleerd | waarom |", "|---|---|---|---|---|"]
    for rule in RULES.values():
        lines.append(f"| {rule.code} | {rule.name} | {rule.severity} | {rule.checks} | {rule.why} |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
