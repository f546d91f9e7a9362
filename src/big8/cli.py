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
from .pipeline import CheckResult, run_check

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

    build = commands.add_parser("build", help="controleer en publiceer website, Word en PDF naar build/",
                                description="Controleert eerst; bij fouten wordt niets gepubliceerd. Daarna "
                                            "worden de website, een Word- en een PDF-bestand per document "
                                            "gemaakt onder build/. Een mislukte build laat build/ ongemoeid.")
    build.add_argument("--stil", "--quiet", dest="quiet", action="store_true", help="geen voortgangsweergave")
    build.add_argument("--uitvoer", default="build", metavar="MAP", help="uitvoermap (standaard: build)")
    build.add_argument("--alleen", choices=["site", "word", "pdf"], action="append",
                       help="maak alleen deze uitvoer (meermaals te geven)")

    commands.add_parser("regels", help="toon alle consistentieregels met code en standaard-ernst",
                        description="Toont de consistentieregels als Markdown-tabel.")
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

    root = find_root(args.map)
    if not os.path.isdir(root):
        print(f"big8: fout: map '{args.map}' bestaat niet", file=sys.stderr)
        return EXIT_USAGE
    if args.command == "regels":
        print(rules_table())
        return EXIT_OK
    if args.command == "check":
        result = run_check(root, args.paden or None)
        if args.format == "json":
            print(json.dumps(check_json(result), ensure_ascii=False, indent=2, sort_keys=False, default=str))
        else:
            print_check(result, show_info=not args.geen_info, colour=_use_colour(args.kleur))
        return exit_code(result, strict=args.strikt)
    if args.command == "build":
        from .build import run_build

        return run_build(root, args.uitvoer, quiet=args.quiet, only=args.alleen)
    return EXIT_USAGE


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
