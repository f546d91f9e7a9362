"""A converter job in a process of its own: `python -m big8.outputs.worker MB`.

Reads one job as JSON on stdin, limits its own address space to MB
megabytes first, then runs typst (PDF or PNG) or mkdocs and writes the
files the job names. The parent (tools.py) kills it when it takes too
long. A failure is one line on stderr and exit code 1.
"""

from __future__ import annotations

import datetime
import json
import resource
import sys


def main() -> int:
    megabytes = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    if megabytes:
        limit = megabytes * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    job = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    try:
        if job["soort"] == "typst":
            _typst(job)
        elif job["soort"] == "mkdocs":
            _mkdocs(job)
        else:
            raise ValueError(f"onbekende taak {job['soort']!r}")
    except MemoryError:
        print("MemoryError", file=sys.stderr)
        return 1
    except Exception as exc:  # reported to the parent as text
        print(str(exc) or type(exc).__name__, file=sys.stderr)
        return 1
    return 0


def _typst(job: dict) -> None:
    import typst

    date = datetime.date.fromisoformat(job["datum"])
    timestamp = datetime.datetime.combine(date, datetime.time(0, 0), tzinfo=datetime.UTC)
    for task in job["taken"]:
        options = dict(root=task["wortel"], font_paths=[], ignore_system_fonts=True, format=task["formaat"])
        if task["formaat"] == "pdf":
            options.update(sys_inputs=task.get("invoer", {}), pdf_standards=task.get("standaarden", []),
                           timestamp=timestamp)
        else:
            options.update(ppi=task.get("ppi", 150))
        try:
            output = typst.compile(task["bron"].encode("utf-8"), **options)
        except typst.TypstError as exc:
            raise RuntimeError(f"{exc.message}\n{exc.diagnostic}") from exc
        with open(task["doel"], "wb") as handle:
            handle.write(output)


def _mkdocs(job: dict) -> None:
    from big8.outputs.site import write_site

    previous = job.get("vorige_bron"), job.get("vorige_site")
    write_site(job["bron"], job["doel"], job["config"], datetime.date.fromisoformat(job["datum"]),
               theme_dirs=job.get("thema_mappen", []),
               previous=previous if all(previous) else None)  # type: ignore[arg-type]


if __name__ == "__main__":
    sys.exit(main())
