"""pyproject.toml and environment.yml must list the same packages with the same bounds."""

import re
import tomllib

import yaml

from analysis import paths


def _normalise(requirement: str) -> tuple[str, str]:
    match = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$", requirement)
    name, spec = match.group(1).lower().replace("_", "-"), match.group(2).replace(" ", "")
    return name, ",".join(sorted(spec.split(","))) if spec else ""


def read_pyproject_requirements(text: str) -> dict[str, str]:
    return dict(_normalise(r) for r in tomllib.loads(text)["project"]["dependencies"])


def read_environment_requirements(text: str) -> dict[str, str]:
    deps = yaml.safe_load(text)["dependencies"]
    conda = [d for d in deps if isinstance(d, str) and not re.match(r"^(python|pip)\b", d)]
    return dict(_normalise(d) for d in conda)


def test_environment_yml_matches_pyproject():
    pyproject = read_pyproject_requirements((paths.PROJECT_DIR / "pyproject.toml").read_text())
    environment = read_environment_requirements((paths.PROJECT_DIR / "environment.yml").read_text())
    assert environment == pyproject


def test_environment_yml_installs_the_project_and_uses_conda_forge():
    env = yaml.safe_load((paths.PROJECT_DIR / "environment.yml").read_text())
    assert env["channels"] == ["conda-forge"]
    pip_sections = [d["pip"] for d in env["dependencies"] if isinstance(d, dict)]
    assert pip_sections == [["-e ."]]


def test_agreement_check_detects_a_changed_bound():
    pyproject = read_pyproject_requirements('[project]\ndependencies = ["pandas>=3.1,<3.2", "plotly>=7.1,<7.2"]')
    drifted = read_environment_requirements(
        "dependencies:\n  - python=3.11\n  - pandas>=3.1,<3.3\n  - plotly>=7.1,<7.2\n"
    )
    missing = read_environment_requirements("dependencies:\n  - pandas>=3.1,<3.2\n")
    assert drifted != pyproject
    assert missing != pyproject
