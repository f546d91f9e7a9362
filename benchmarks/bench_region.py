"""How big8 scales with a region: 1, 4 and 16 municipalities, each with a
policy and ten years of programmes and jaarverslagen, and an omgevingsdienst
with a regional programme per year that splits its hours per deelnemer.

The region is synthetic (made from the clean test fixture, never committed
as content). Measured per size: `big8 check` without and with the cache,
its peak memory, a full `big8 build`, a rebuild with nothing changed, and a
rebuild after one changed programme (which should redo only that
programme's Word and PDF, and the site). Run:

    .venv/bin/python benchmarks/bench_region.py            # 1, 4 and 16
    .venv/bin/python benchmarks/bench_region.py 1 4        # some sizes
    .venv/bin/python benchmarks/bench_region.py --alleen-check 1 4 16
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURE = os.path.join(ROOT, "tests", "fixtures", "projecten", "schoon")
YEARS = range(2017, 2027)


def _read(relative: str) -> str:
    with open(os.path.join(FIXTURE, relative), encoding="utf-8") as handle:
        return handle.read()


def _write(folder: str, relative: str, text: str) -> None:
    path = os.path.join(folder, relative)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)


def generate(folder: str, municipalities: int) -> int:
    """A region in `folder`; returns the number of documents."""
    towns = [f"gemeente-{n:02d}" for n in range(1, municipalities + 1)]
    organisations = ["soort: organisaties", "organisaties:"]
    for town in towns:
        organisations += [f"  - id: {town}", f"    naam: Gemeente {town[-2:]}", "    type: gemeente",
                          "    bevoegd_gezag: true", "    taakvelden:", "      - taakveld: bouwen-en-ruimtelijke-ordening",
                          "      - taakveld: milieu", "        uitvoerder: od-regio"]
    organisations += ["  - id: od-regio", "    naam: Omgevingsdienst Regio", "    type: omgevingsdienst",
                      f"    deelnemers: [{', '.join(towns)}]"]
    _write(folder, "policy/organisaties.yaml", "\n".join(organisations) + "\n")
    policy, programme = _read("policy/beleid.yaml"), _read("programmes/programma.yaml")
    documents = 1
    for town in towns:
        own_policy = (policy.replace("id: vb-beleid", f"id: {town}-beleid")
                      .replace("organisatie: voorbeeldstad", f"organisatie: {town}")
                      .replace("van: 2024\n  tot: 2027", f"van: {YEARS[0]}\n  tot: {YEARS[-1]}")
                      .replace("2024-2027", f"{YEARS[0]}-{YEARS[-1]}")
                      .replace("datum: 2023-12-12", f"datum: {YEARS[0] - 1}-12-12"))
        _write(folder, f"policy/{town}-beleid.yaml", own_policy)
        documents += 1
        for year in YEARS:
            text = (programme.replace("id: vb-up-2025", f"id: {town}-up-{year}")
                    .replace("organisatie: voorbeeldstad", f"organisatie: {town}")
                    .replace("beleid: vb-beleid", f"beleid: {town}-beleid")
                    .replace("jaar: 2025", f"jaar: {year}").replace("uitvoerder: od-voorbeeld", "uitvoerder: od-regio"))
            text = re.sub(r"\b2025\b", str(year), text)
            _write(folder, f"programmes/{town}/programma-{year}.yaml", text)
            _write(folder, f"programmes/{town}/jaarverslag-{year}.yaml", _jaarverslag(town, year))
            documents += 2
    for year in YEARS:
        _write(folder, f"programmes/od-regio/programma-{year}.yaml", _regional_programme(towns, year))
        documents += 1
    _write(folder, "policy/od-beleid.yaml", _regional_policy(towns))
    return documents + 1


def _jaarverslag(town: str, year: int) -> str:
    return f"""soort: jaarverslag
id: {town}-jv-{year}
organisatie: {town}
programma: {town}-up-{year}
titel: Jaarverslag VTH {year}
status: vastgesteld
peildatum: {year}-12-31
urenregels:
  - urenregel: r-brandveilig
    gerealiseerd: 1950
  - urenregel: r-leges
    gerealiseerd: 1010
  - urenregel: r-vergunningen
    gerealiseerd: 1490
indicatoren:
  - indicator: ind-tijdig
    waarde: 96
    meetdatum: {year}-12-31
    bron: zaaksysteem
focuspunten:
  - focuspunt: fp-veiligheid
    stand: afgerond
conclusies:
  - id: c-1
    tekst: Het programma is uitgevoerd zoals gepland.
    betreft: strategie
"""


def _regional_policy(towns: list[str]) -> str:
    adoptions = "".join(f"  - organisatie: {t}\n    vastgesteld: true\n" for t in towns)
    return f"""soort: beleid
id: od-beleid
organisatie: od-regio
titel: Uniform VTH-beleid Regio
periode:
  van: {YEARS[0]}
  tot: {YEARS[-1]}
status: vastgesteld
uniform_voor: od-regio
vaststellingen:
{adoptions}"""


def _regional_programme(towns: list[str], year: int) -> str:
    shares = "".join(f"          - organisatie: {t}\n            uren: 100\n" for t in towns)
    return f"""soort: uitvoeringsprogramma
id: od-up-{year}
organisatie: od-regio
jaar: {year}
beleid: od-beleid
titel: Regionaal uitvoeringsprogramma {year}
status: vastgesteld
urentabellen:
  - id: od-milieu-{year}
    titel: Toezicht milieu {year}
    discipline: toezicht-en-handhaving
    taakveld: milieu
    regels:
      - id: od-controles
        product: Milieucontroles
        uren: {100 * len(towns)}
        per_deelnemer:
{shares}"""


def run(folder: str, *arguments: str, cache: str = "uit") -> tuple[float, int]:
    """Seconds and peak memory (MB) of one big8 command in its own process."""
    script = ("import resource, sys, time; from big8.cli import main; t = time.perf_counter(); "
              f"code = main({list(arguments)!r}); d = time.perf_counter() - t; "
              "m = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss; "
              "print(f'{d} {m} {code}', file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", script], cwd=folder, capture_output=True, text=True,
                          env={**os.environ, "BIG8_CACHE": cache})
    seconds, memory, code = done.stderr.strip().splitlines()[-1].split()
    assert code == "0", done.stderr[-2000:]  # the region is valid: a failing run measures nothing
    return float(seconds), int(memory) // 1024


def measure(municipalities: int, with_build: bool) -> dict:
    folder = tempfile.mkdtemp(prefix=f"big8-regio-{municipalities}-")
    cache_folder = tempfile.mkdtemp(prefix="big8-cache-")
    try:
        documents = generate(folder, municipalities)
        cold, memory = run(folder, "check", "--geen-info")
        run(folder, "check", "--geen-info", cache=cache_folder)
        warm, _ = run(folder, "check", "--geen-info", cache=cache_folder)
        result = {"gemeenten": municipalities, "documenten": documents, "check_koud_s": round(cold, 2),
                  "check_warm_s": round(warm, 2), "check_geheugen_mb": memory}
        if with_build:
            full, build_memory = run(folder, "build", "--stil", cache=cache_folder)
            unchanged, _ = run(folder, "build", "--stil", cache=cache_folder)
            path = os.path.join(folder, "programmes", "gemeente-01", f"programma-{YEARS[-1]}.yaml")
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(text.replace("uren: 1000\n", "uren: 1100\n", 1))
            one_changed, _ = run(folder, "build", "--stil", cache=cache_folder)
            result.update(build_s=round(full, 1), build_geheugen_mb=build_memory,
                          herbouw_ongewijzigd_s=round(unchanged, 2), herbouw_een_programma_s=round(one_changed, 2))
        return result
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(cache_folder, ignore_errors=True)


def main(arguments: list[str]) -> None:
    with_build = "--alleen-check" not in arguments
    sizes = [int(a) for a in arguments if a.isdigit()] or [1, 4, 16]
    results = []
    for size in sizes:
        started = time.perf_counter()
        results.append(measure(size, with_build))
        print(json.dumps(results[-1]), f"({time.perf_counter() - started:.0f} s)", flush=True)
    print("\n| gemeenten | documenten | check (koud) | check (cache) | geheugen check"
          + (" | build | geheugen build | herbouw, niets veranderd | herbouw, één programma veranderd |"
             if with_build else " |"))
    print("|---:|---:|---:|---:|---:" + ("|---:|---:|---:|---:|" if with_build else "|"))
    for r in results:
        line = (f"| {r['gemeenten']} | {r['documenten']} | {r['check_koud_s']} s | {r['check_warm_s']} s | "
                f"{r['check_geheugen_mb']} MB")
        if with_build:
            line += (f" | {r['build_s']} s | {r['build_geheugen_mb']} MB | {r['herbouw_ongewijzigd_s']} s | "
                     f"{r['herbouw_een_programma_s']} s |")
        print(line if with_build else line + " |")


if __name__ == "__main__":
    main(sys.argv[1:])
