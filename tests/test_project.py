"""A project of one's own: the new-project command, package defaults, the
JSON Schema for editors, the field reference, `verschil`, `--organisatie`,
the build summary, the live preview and the cache."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import jsonschema
import pytest
from ruamel.yaml import YAML

from big8 import __version__, cache, scaffold
from big8.build import run_build
from big8.checks import RULES
from big8.cli import main
from big8.codes import INPUT_CODES
from big8.pipeline import run_check
from big8.reference import reference_pages
from big8.resources import Resources
from big8.schema_export import as_json_data, json_schema, undescribed
from big8.validate import SCHEMA_OF_KIND
from conftest import REPO, clean_text, variant

PROGRAMME = "programmes/programma.yaml"
POLICY = "policy/beleid.yaml"


def big8(*arguments: str, cwd: Path) -> subprocess.CompletedProcess:
    """The installed command, as a user runs it."""
    return subprocess.run([sys.executable, "-m", "big8", *arguments], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, "BIG8_CACHE": "uit"})


# ---------------------------------------------------------------- a new project

def test_new_project_checks_and_builds_with_the_installed_package_alone(tmp_path):
    done = big8("nieuw", "project", "dinkelland", "--organisatie", "Gemeente Dinkelland", "--jaar", "2027",
                cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    project = tmp_path / "dinkelland"
    assert not (project / "schemas").exists() and not (project / "templates").exists()
    checked = big8("check", cwd=project)
    assert checked.returncode == 0, checked.stdout
    assert "0 fouten" in checked.stdout
    built = big8("build", "--stil", cwd=project)
    assert built.returncode == 0, built.stderr
    for path in ("build/site/index.html", "build/word/programma-2027.docx", "build/pdf/beleid-2027-2030.pdf",
                 "build/site/dinkelland/programma-2027/index.html"):
        assert (project / path).is_file(), path


def test_new_project_files(tmp_path):
    assert main(["nieuw", "project", str(tmp_path / "p"), "--organisatie", "Gemeente Dinkelland", "--jaar", "2027"]) == 0
    project = tmp_path / "p"
    yaml = YAML(typ="safe")
    for name in (".gitlab-ci.yml", ".github/workflows/big8.yml", ".pre-commit-config.yaml", "mkdocs.yml", "big8.yaml"):
        yaml.load((project / name).read_text(encoding="utf-8"))  # valid YAML
    gitlab = yaml.load((project / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert "big8 check" in gitlab["controle"]["script"] and "big8 build --stil" in gitlab["pages"]["script"]
    hook = yaml.load((project / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert hook["repos"][0]["hooks"][0]["entry"] == "big8 check"
    for name in ("policy/organisaties.yaml", "policy/beleid-2027-2030.yaml", "programmes/uitvoeringsprogramma-2027.yaml"):
        first = (project / name).read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../big8.schema.json"
    skeleton = (project / "policy" / "beleid-2027-2030.yaml").read_text(encoding="utf-8")
    for line in skeleton.splitlines():
        if re.match(r"^[a-z_]+:", line):  # every top-level key says what goes there
            assert "#" in line, line
    assert json.loads((project / "big8.schema.json").read_text(encoding="utf-8"))["$schema"].endswith("2020-12/schema")


def test_ci_installs_the_big8_the_project_was_made_with(tmp_path):
    assert main(["nieuw", "project", str(tmp_path / "p"), "--organisatie", "Gemeente Dinkelland"]) == 0
    project = tmp_path / "p"
    yaml = YAML(typ="safe")
    gitlab = yaml.load((project / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    github = yaml.load((project / ".github/workflows/big8.yml").read_text(encoding="utf-8"))
    assert "pip install -r vereisten.txt" in gitlab["controle"]["script"]
    assert {"run": "pip install -r vereisten.txt"} in github["jobs"]["controle"]["steps"]
    requirements = [line for line in (project / "vereisten.txt").read_text(encoding="utf-8").splitlines()
                    if line and not line.startswith("#")]
    assert requirements == [scaffold.install_requirement()[0]]


@pytest.mark.parametrize("recorded, expected", [
    (None, ("big8==VERSIE", True)),
    ('{"url": "https://git.example.nl/vth/big8.git", "vcs_info": {"vcs": "git", "commit_id": "abc123"}}',
     ("big8 @ git+https://git.example.nl/vth/big8.git@abc123", True)),
    ('{"url": "https://example.nl/big8-0.2.0.tar.gz", "archive_info": {}}',
     ("big8 @ https://example.nl/big8-0.2.0.tar.gz", True)),
    ('{"url": "file:///home/x/big8", "dir_info": {"editable": true}}', ("big8==VERSIE", False)),
])
def test_install_requirement_follows_how_big8_was_installed(monkeypatch, recorded, expected):
    from importlib import metadata

    class Distribution:
        def read_text(self, name):
            return recorded

    monkeypatch.setattr(metadata, "distribution", lambda name: Distribution())
    requirement, exact = scaffold.install_requirement()
    assert (requirement, exact) == (expected[0].replace("VERSIE", __version__), expected[1])


def test_new_project_never_overwrites(tmp_path, capsys):
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "eigen.txt").write_text("van de gebruiker")
    assert main(["nieuw", "project", str(tmp_path / "p"), "--organisatie", "Gemeente X"]) == 2
    assert "bestaat al en is niet leeg" in capsys.readouterr().err
    assert sorted(p.name for p in (tmp_path / "p").iterdir()) == ["eigen.txt"]


def test_a_project_overrides_only_what_it_contains(project):
    root = project(clean=True)
    shutil.rmtree(root / "schemas")
    own = root / "templates" / "document"
    own.mkdir(parents=True)
    text = (REPO / "templates" / "document" / "beleid.md.j2").read_text(encoding="utf-8")
    (own / "beleid.md.j2").write_text(text.replace("# Focuspunten\n", "# Onze focuspunten\n"), encoding="utf-8")
    assert run_build(str(root), "build", quiet=True, only=["site"]) == 0
    pages = {p.name for p in (root / "build" / "site" / "voorbeeldstad" / "vb-beleid").glob("*.html")}
    assert any("onze-focuspunten" in name for name in pages)
    assert any("capaciteit" in name for name in
               (p.name for p in (root / "build" / "site" / "voorbeeldstad" / "vb-up-2025").glob("*.html")))


@pytest.mark.parametrize("schema, expected", [
    ("soort: {type: string, allowed: [beleid]\nid: x\n",
     ("B8-L09", "schemas/beleid.yaml:2:1", "schema kan niet worden gelezen: did not find expected ',' or '}'")),
    ("soort: {type: string, allowed: 'vocabulaire:soortn'}\n",
     ("B8-L09", "project", "schema's kunnen niet worden gelezen: onbekende vocabulaire 'soortn' (niet in "
      "vocabulaire.yaml)")),
])
def test_a_broken_own_schema_is_a_located_error(tmp_path, schema, expected):
    root = tmp_path / "project"
    shutil.copytree(REPO / "tests" / "fixtures" / "projecten" / "schoon", root)
    (root / "schemas").mkdir()
    (root / "schemas" / "beleid.yaml").write_text(schema, encoding="utf-8")
    result = run_check(str(root))
    assert [(d.code, str(d.location), d.message) for d in result.diagnostics] == [expected]


def test_the_package_carries_its_defaults(tmp_path):
    from setuptools import build_meta

    wheel = build_meta.build_wheel(str(tmp_path))
    names = zipfile.ZipFile(tmp_path / wheel).namelist()
    for expected in ("big8/standaard/schemas/beleid.yaml", "big8/standaard/schemas/vocabulaire.yaml",
                     "big8/standaard/templates/document/beleid.md.j2", "big8/standaard/templates/word/reference.docx",
                     "big8/standaard/templates/pdf/big8.typ", "big8/standaard/templates/nieuw/beleid.yaml.j2",
                     "big8/standaard/templates/site/overrides/main.html", "big8/standaard/mkdocs.yml"):
        assert expected in names, expected


# ---------------------------------------------------------------- editor and reference

@pytest.fixture(scope="module")
def schema() -> dict:
    return json_schema(Resources(str(REPO)))


def test_json_schema_accepts_all_bundled_content(schema):
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    yaml = YAML(typ="safe")
    files = sorted(REPO.glob("policy/*.yaml")) + sorted(REPO.glob("programmes/*.yaml"))
    assert files
    for path in files:
        errors = [e.message for e in validator.iter_errors(as_json_data(yaml.load(path.read_text(encoding="utf-8"))))]
        assert errors == [], (path.name, errors[:3])


def test_json_schema_rejects_a_misspelt_key(schema):
    data = as_json_data(YAML(typ="safe").load((REPO / "tests/fixtures/projecten/schoon/policy/beleid.yaml")
                                                .read_text(encoding="utf-8")))
    data["doelen"]["beleidsdoelen"][0]["indicatoren"][0]["streefwaard"] = 90
    errors = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(data)]
    assert errors == ["Additional properties are not allowed ('streefwaard' was unexpected)"]


def test_schema_command_prints_the_schema(capsys):
    assert main(["-C", str(REPO), "schema"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["properties"]["soort"]["enum"] == list(SCHEMA_OF_KIND)
    taakvelden = printed["$defs"]["taakveld_in_scope"]["properties"]["taakveld"]
    assert "bouwen" in taakvelden["enum"] and "Bouwen" in taakvelden["enumDescriptions"]


def test_every_field_has_a_dutch_description():
    assert undescribed(Resources(str(REPO))) == [], "geef deze velden een regel in schemas/velden.yaml"


def test_descriptions_reach_the_editor_and_the_reference(schema):
    streefwaarde = schema["$defs"]["indicator"]["properties"]["streefwaarde"]
    assert streefwaarde["title"] == "Streefwaarde" and streefwaarde["description"].startswith("De streefwaarde als getal")
    page = reference_pages(Resources(str(REPO)))["referentie/onderdelen.md"]
    assert "## Sectie {#sectie}\n\nEen tekstonderdeel van een document: een titel," in page
    assert "De streefwaarde als getal in de eenheid van de indicator" in page


def test_every_code_has_an_explanation():
    used = set()
    for path in (REPO / "src" / "big8").rglob("*.py"):
        used |= set(re.findall(r"B8-[LSKTC]\d\d", path.read_text(encoding="utf-8")))
    assert used <= set(INPUT_CODES), used - set(INPUT_CODES)


def test_field_reference_and_codes_are_on_the_site(tmp_path):
    root = tmp_path / "p"
    main(["nieuw", "project", str(root), "--organisatie", "Gemeente Dinkelland", "--jaar", "2027"])
    assert run_build(str(root), "build", quiet=True, only=["site"]) == 0
    site = root / "build" / "site"
    reference = (site / "referentie" / "beleid.html").read_text(encoding="utf-8")
    assert "focuspunten[].probleem" in reference and "kwaliteitsthema" in reference
    parts = (site / "referentie" / "onderdelen.html").read_text(encoding="utf-8")
    assert "streefwaarde" in parts and "kleiner-dan" in parts
    codes = (site / "referentie" / "meldingen.html").read_text(encoding="utf-8")
    for code in list(INPUT_CODES) + list(RULES):
        assert f'id="{code.lower()}"' in codes, code
    control = (site / "controle" / "index.html").read_text(encoding="utf-8")
    assert 'href="../referentie/meldingen.html#b8-001"' in control


# ---------------------------------------------------------------- verschil

def git(root: Path, *arguments: str) -> None:
    subprocess.run(["git", "-C", str(root), *arguments], check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@x", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@x"})


def test_verschil_names_goals_and_hours_by_meaning(project, capsys):
    root = project(clean=True)
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-qm", "eerste")
    for relative, old, new in ((POLICY, "streefwaarde: 95\n          streefwaarde_tekst: Minstens 95%",
                                "streefwaarde: 90\n          streefwaarde_tekst: Minstens 90%"),
                               (PROGRAMME, "        uren: 2000", "        uren: 2400")):
        path = root / relative
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    git(root, "commit", "-qam", "tweede")
    assert main(["-C", str(root), "verschil", "HEAD~1", "HEAD"]) == 0
    out = capsys.readouterr().out
    assert "doel 'Vergunningen worden tijdig verleend.': streefwaarde van 'Aandeel vergunningen binnen de termijn' " \
           "Minstens 95% → Minstens 90%" in out
    assert "geplande uren Toezicht en handhaving / Bouwen en ruimtelijke ordening: 3.000 uur → 3.400 uur (+400 uur)" \
        in out
    assert main(["-C", str(root), "verschil"]) == 0
    assert "Geen inhoudelijke wijzigingen" in capsys.readouterr().out
    assert main(["-C", str(root), "verschil", "HEAD~1", "--format", "word", "--uitvoer", str(root / "w.docx")]) == 0
    with zipfile.ZipFile(root / "w.docx") as docx:
        assert "Minstens 90%" in docx.read("word/document.xml").decode("utf-8")


def test_verschil_outside_git_is_a_usage_error(project, capsys):
    root = project(clean=True)
    assert main(["-C", str(root), "verschil"]) == 2
    assert "git-repository" in capsys.readouterr().err


# ---------------------------------------------------------------- only what is mine

def test_check_for_one_organisation(project, capsys):
    """A municipality sees its own documents and those of the service it takes
    part in, not those of another municipality."""
    organisations = clean_text("policy/organisaties.yaml") + "  - id: elders\n    naam: Gemeente Elders\n    type: gemeente\n"
    text = clean_text(POLICY).replace("id: vb-beleid", "id: elders-beleid").replace("organisatie: voorbeeldstad",
                                                                                   "organisatie: elders")
    text = re.sub(r"(id|hoofddoel|focuspunt): ((?:fp|ad|hd|bd|ind)[a-z-]*)", r"\1: elders-\2", text)
    service = text.replace("elders-beleid", "od-beleid").replace("organisatie: elders", "organisatie: od-voorbeeld")
    service = service.replace("elders-", "od-")
    root = project({"policy/organisaties.yaml": organisations, "policy/elders.yaml": text,
                    "policy/od.yaml": service}, clean=True)
    assert main(["-C", str(root), "check", "--organisatie", "voorbeeldstad", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {f["organisatie"] for f in data["bevindingen"]} <= {"voorbeeldstad", "od-voorbeeld"}
    assert main(["-C", str(root), "check", "--organisatie", "voorbeeldsta"]) == 2
    assert "bedoelde u 'voorbeeldstad'?" in capsys.readouterr().err
    assert run_build(str(root), "build", quiet=True, only=["word"], organisation="voorbeeldstad") == 0
    assert sorted(p.name for p in (root / "build" / "word").iterdir()) == [
        "ibt-voorbeeldstad-2025.docx", "od-beleid.docx", "vb-beleid.docx", "vb-up-2025.docx"]


def test_build_ends_with_the_findings_per_document(project, capsys):
    root = project(variant(POLICY, ("      focuspunt: fp-veiligheid\n", "")), clean=True)
    assert run_build(str(root), "build", quiet=False, only=["word"]) == 0
    err = capsys.readouterr().err
    assert "bevindingen per document" in err
    assert "vb-beleid (VTH-beleid Voorbeeldstad 2024-2027): 1 waarschuwing" in err
    assert "policy/beleid.yaml:14:9: waarschuwing: focuspunt 'Veiligheid' heeft geen doel [B8-003]" in err


def test_site_alone_keeps_the_previous_downloads(project):
    root = project(clean=True)
    assert run_build(str(root), "build", quiet=True) == 0
    before = (root / "build" / "pdf" / "vb-beleid.pdf").read_bytes()
    assert run_build(str(root), "build", quiet=True, only=["site"]) == 0
    assert (root / "build" / "pdf" / "vb-beleid.pdf").read_bytes() == before
    assert (root / "build" / "site" / "downloads" / "vb-beleid.pdf").read_bytes() == before
    page = (root / "build" / "site" / "voorbeeldstad" / "vb-beleid" / "index.html").read_text(encoding="utf-8")
    assert "downloads/vb-beleid.pdf" in page


# ---------------------------------------------------------------- preview and cache

def test_preview_rebuilds_only_the_changed_document_and_shows_its_findings(project):
    from big8.preview import Preview

    root = project(clean=True)
    preview = Preview(str(root))
    try:
        preview.rebuild()
        assert preview.last_rendered == 2
        path = root / POLICY
        path.write_text(path.read_text(encoding="utf-8").replace("Minstens 95%", "Minstens 96%"), encoding="utf-8")
        preview.rebuild()
        assert preview.last_rendered == 2 or preview.last_rendered == 1
        page = (Path(preview.site) / "voorbeeldstad" / "vb-beleid" / "index.html").read_text(encoding="utf-8")
        assert "streefwaarde 95 wijkt af van de tekst" in page
        path.write_text(path.read_text(encoding="utf-8").replace("status: vastgesteld", "status: vastgestled"),
                        encoding="utf-8")
        preview.rebuild()
        page = (Path(preview.site) / "index.html").read_text(encoding="utf-8")
        assert "Fouten in de inhoud" in page and "vastgestled" in page
    finally:
        preview.close()


def test_cache_gives_the_same_findings_and_notices_a_change(project, monkeypatch, tmp_path):
    monkeypatch.setenv("BIG8_CACHE", str(tmp_path / "cache"))
    root = project(clean=True)
    first = [d.format() for d in run_check(str(root)).diagnostics]
    assert any((tmp_path / "cache").rglob("*"))
    assert [d.format() for d in run_check(str(root)).diagnostics] == first
    path = root / POLICY
    path.write_text(path.read_text(encoding="utf-8").replace("status: vastgesteld", "status: vastgestled"),
                    encoding="utf-8")
    assert any("vastgestled" in d.message for d in run_check(str(root)).diagnostics)
    assert cache.folder() == str(tmp_path / "cache")
