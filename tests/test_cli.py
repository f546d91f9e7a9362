"""The command line: Dutch help, exit codes, output formats; check never writes."""

from __future__ import annotations

import hashlib
import json

import pytest

from big8.cli import main
from conftest import REPO, variant


def run(capsys, *args) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_help_is_dutch(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["--help"])
    assert stopped.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("gebruik: big8")
    for text in ("opdrachten", "opties", "toon deze hulp en stop", "valideer en controleer de inhoud"):
        assert text in out


@pytest.mark.parametrize("command", ["check", "build", "regels"])
def test_every_command_has_dutch_help(capsys, command):
    with pytest.raises(SystemExit):
        main([command, "--help"])
    out = capsys.readouterr().out
    assert out.startswith(f"gebruik: big8 {command}")
    assert "toon deze hulp en stop" in out


def test_usage_error_exits_2_in_dutch(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["check", "--format", "xml"])
    assert stopped.value.code == 2
    assert "big8 check: fout: argument --format: ongeldige keuze: 'xml'" in capsys.readouterr().err


def test_clean_project_exits_0_with_summary(project, capsys):
    code, out, _ = run(capsys, "-C", str(project(clean=True)), "check")
    assert code == 0
    assert out.rstrip().endswith("big8: 3 bestanden gecontroleerd: 0 fouten, 0 waarschuwingen, 3 info — "
                                 "de inhoud is geldig")
    assert "== programmes/programma.yaml (vb-up-2025)" in out


def test_content_error_exits_1(project, capsys):
    root = project(variant("policy/beleid.yaml", ("status: vastgesteld", "status: vastgestled")), clean=True)
    code, out, _ = run(capsys, "-C", str(root), "check")
    assert code == 1
    assert "policy/beleid.yaml:9:9: fout: 'vastgestled' is geen toegestane waarde voor 'status' [B8-S06]" in out


def test_strict_turns_warnings_into_exit_1(project, capsys):
    root = project(variant("policy/beleid.yaml", ("      focuspunt: fp-veiligheid\n", "")), clean=True)
    assert run(capsys, "-C", str(root), "check")[0] == 0
    assert run(capsys, "-C", str(root), "check", "--strikt")[0] == 1


def test_json_output_is_versioned_and_complete(project, capsys):
    root = project(variant("policy/beleid.yaml", ("      focuspunt: fp-veiligheid\n", "")), clean=True)
    code, out, _ = run(capsys, "-C", str(root), "check", "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert (data["formaat"], data["versie"], data["geldig"]) == ("big8-check", 1, True)
    assert data["samenvatting"] == {"fout": 0, "waarschuwing": 1, "info": 3}
    warning = next(f for f in data["bevindingen"] if f["ernst"] == "waarschuwing")
    assert warning == {"code": "B8-003", "ernst": "waarschuwing", "melding": "focuspunt 'Veiligheid' heeft geen doel",
                       "tip": "voeg een beleidsdoel met 'focuspunt: fp-veiligheid' en een indicator met streefwaarde toe",
                       "bestand": "policy/beleid.yaml", "regel": 14, "kolom": 9, "document": "vb-beleid",
                       "organisatie": "voorbeeldstad", "gegevens": None}
    assert {"capaciteit", "totalen", "toezichtprofielen", "traceerbaarheid"} <= set(data["rapport"])


def test_text_and_json_give_the_same_findings(capsys):
    _, text, _ = run(capsys, "-C", str(REPO), "check")
    _, out, _ = run(capsys, "-C", str(REPO), "check", "--format", "json")
    from_json = {f"{f['bestand']}:{f['regel']}:{f['kolom']}: {f['ernst']}: {f['melding']} [{f['code']}]"
                 for f in json.loads(out)["bevindingen"]}
    from_text = {line for line in text.splitlines() if " [B8-" in line}
    assert from_json == from_text


def test_colour_only_when_asked(project, capsys):
    root = str(project(clean=True))
    assert "\033[" not in run(capsys, "-C", root, "check")[1]
    assert "\033[36minfo\033[0m" in run(capsys, "-C", root, "check", "--kleur", "altijd")[1]


def test_check_never_writes(capsys):
    def snapshot():
        files = sorted(p for p in (REPO / "policy").rglob("*") if p.is_file())
        files += sorted(p for p in (REPO / "programmes").rglob("*") if p.is_file())
        return {str(p): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns) for p in files}

    before = snapshot()
    run(capsys, "-C", str(REPO), "check")
    assert snapshot() == before


def test_rules_command_lists_every_rule(capsys):
    from big8.checks import RULES

    code, out, _ = run(capsys, "regels")
    assert code == 0
    for rule in RULES.values():
        assert f"| {rule.code} | {rule.name} | {rule.severity} |" in out


def test_readme_documents_every_rule():
    from big8.checks import RULES

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for rule in RULES.values():
        assert f"| {rule.code} |" in readme, f"{rule.code} ontbreekt in de README"


def test_folder_without_content_is_a_usage_problem(tmp_path, capsys):
    (tmp_path / "schemas").mkdir()
    code, out, _ = run(capsys, "-C", str(tmp_path), "check")
    assert code == 2
    assert "fout: geen YAML-bestanden gevonden onder policy/ en programmes/ [B8-L01]" in out
    assert "tip: draai big8 in de projectmap of geef die op met -C MAP" in out
