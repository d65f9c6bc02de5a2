"""The dependency audit's policy (ops/audit_deps.py, make audit-deps) on reports shaped as pip-audit and
npm audit write them: what fails the build, what is only listed, and an audit that could not run is
said so instead of passing as clean."""

from pathlib import Path

import pytest
from ops.audit_deps import Side, read_npm_audit, read_pip_audit, verdict

from ops import audit_deps

PIP_REPORT = {
    "dependencies": [
        {"name": "fastapi", "version": "0.115.0", "vulns": []},
        {
            "name": "jinja2",
            "version": "3.1.2",
            "vulns": [{"id": "PYSEC-2024-1", "aliases": ["GHSA-aaaa-bbbb-cccc"], "fix_versions": ["3.1.3"]}],
        },
        {"name": "ecdsa", "version": "0.19.1", "vulns": [{"id": "GHSA-nofx-0000-0000", "fix_versions": []}]},
        {
            "name": "starlette",
            "version": "0.40.0",
            "vulns": [{"id": "PYSEC-2025-9", "aliases": ["CVE-2025-1"], "fix_versions": ["0.41.0"]}],
        },
        {"name": "thidua-private", "skip_reason": "Dependency not found on PyPI and could not be audited"},
    ]
}
NPM_REPORT = {
    "vulnerabilities": {
        "react-router": {
            "severity": "high",
            "range": "<7.5.2",
            "fixAvailable": True,
            "via": [{"source": 1, "url": "https://github.com/advisories/GHSA-rrrr-0000-0000"}],
        },
        "i18next": {
            "severity": "moderate",
            "range": "<26",
            "fixAvailable": True,
            "via": [{"source": 2, "url": "https://github.com/advisories/GHSA-mmmm-0000-0000"}],
        },
        "legacy": {"severity": "critical", "range": "*", "fixAvailable": False, "via": ["deep-dep"]},
    },
    "metadata": {"dependencies": {"prod": 18}},
}


def test_a_python_vulnerability_with_a_fix_fails_unless_ignored_with_a_reason() -> None:
    side = read_pip_audit(Side("py"), PIP_REPORT, {"CVE-2025-1": "the affected function is not used"})
    assert side.packages == 5 and side.audited == 4
    assert side.findings == ["jinja2 3.1.2: PYSEC-2024-1 / GHSA-aaaa-bbbb-cccc; fixed in 3.1.3"]
    assert any("GHSA-nofx-0000-0000 (no fixed version yet)" in n for n in side.notes)
    assert any("(ignored: the affected function is not used)" in n for n in side.notes)
    assert any("thidua-private" in n for n in side.notes)
    assert verdict([side], strict=False) == 1


def test_only_fixable_high_or_critical_npm_advisories_fail() -> None:
    side = read_npm_audit(Side("npm"), NPM_REPORT, {})
    assert side.audited == 18
    assert side.findings == ["react-router <7.5.2 (high): GHSA-rrrr-0000-0000; `npm audit fix` can fix it"]
    assert len(side.notes) == 2  # the moderate one, and the critical one that has no fix
    ignored = read_npm_audit(Side("npm"), NPM_REPORT, {"GHSA-rrrr-0000-0000": "not reachable from our code"})
    assert ignored.findings == [] and verdict([ignored], strict=True) == 0


def test_an_audit_that_could_not_run_says_so_and_fails_when_strict(
    capsys: pytest.CaptureFixture[str],
) -> None:
    nothing_known = {"dependencies": [{"name": "fastapi", "skip_reason": "Dependency not found on PyPI"}]}
    python = read_pip_audit(Side("Python"), nothing_known, {})
    npm = read_npm_audit(Side("npm"), {"message": "405 Method Not Allowed - POST .../advisories/bulk"}, {})
    assert python.not_audited and npm.not_audited
    assert verdict([python, npm], strict=False) == 0
    assert verdict([python, npm], strict=True) == 2
    said = capsys.readouterr().out
    assert "Python: NOT AUDITED" in said and "npm: NOT AUDITED: npm audit: 405" in said


def test_an_ignore_entry_needs_a_reason(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    listed = tmp_path / "audit-ignore.txt"
    listed.write_text("# comment\nGHSA-aaaa-bbbb-cccc  no fix yet; only the CLI uses it\n")
    monkeypatch.setattr(audit_deps, "IGNORE_FILE", listed)
    assert audit_deps.ignored() == {"GHSA-aaaa-bbbb-cccc": "no fix yet; only the CLI uses it"}
    listed.write_text("GHSA-aaaa-bbbb-cccc\n")
    with pytest.raises(SystemExit, match="needs a reason"):
        audit_deps.ignored()
