"""How fast is `big8 check` on the bundled content?

Measures, on this machine: the start-up of the command (import), the check
itself in-process (load -> validate -> link -> check; median of N runs), the
whole command as a user runs it, and peak memory. Run:

    .venv/bin/python benchmarks/bench_check.py
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RUNS = 15


def main() -> None:
    started = time.perf_counter()
    from big8.pipeline import run_check

    imported = time.perf_counter() - started
    run_check(ROOT)  # warm the schema cache, as a single command run also loads schemas once
    timings = []
    for _ in range(RUNS):
        begin = time.perf_counter()
        result = run_check(ROOT)
        timings.append(time.perf_counter() - begin)
    command = []
    for _ in range(5):
        begin = time.perf_counter()
        subprocess.run([sys.executable, "-m", "big8", "-C", ROOT, "check"], capture_output=True, check=False)
        command.append(time.perf_counter() - begin)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"bestanden: {len(result.files)}, bevindingen: {len(result.diagnostics)}")
    print(f"opstarten (import): {imported:.3f} s")
    print(f"controle in het proces: mediaan {statistics.median(timings):.3f} s, "
          f"min {min(timings):.3f} s, max {max(timings):.3f} s ({RUNS} keer)")
    print(f"hele opdracht 'big8 check': mediaan {statistics.median(command):.3f} s (5 keer)")
    print(f"piekgeheugen: {peak:.0f} MB")


if __name__ == "__main__":
    main()
