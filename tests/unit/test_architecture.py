"""The layout tells the architecture, and import-linter holds it (contracts in pyproject.toml):
apps in layers (the kernel at the bottom, the site on top), inside each app views over
interfaces over services over models over domain, every domain/ plain Python, and no import
cycle between the parts of any package."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def lint_imports(*arguments: str) -> subprocess.CompletedProcess:
    command = [Path(sys.executable).parent / "lint-imports", "--no-cache", *arguments]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_every_import_contract_is_kept():
    result = lint_imports()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 4 kept, 0 broken." in result.stdout


def test_a_lower_app_importing_a_higher_one_breaks_the_layers(tmp_path):
    """The contracts can fail: the same check, on a copy of the configuration whose kernel is
    told to sit above members, finds the imports that say otherwise."""
    config = (ROOT / "pyproject.toml").read_text()
    flipped = config.replace(
        '    "wego.members",\n    "wego.accounts",\n    "wego.core",\n',
        '    "wego.core",\n    "wego.members",\n    "wego.accounts",\n',
    )
    assert flipped != config
    (tmp_path / "pyproject.toml").write_text(flipped)
    result = lint_imports("--config", str(tmp_path / "pyproject.toml"))
    assert result.returncode != 0
    assert "wego.members is not allowed to import wego.core" in result.stdout
