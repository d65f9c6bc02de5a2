"""Known vulnerabilities in the dependencies (make audit-deps; part of make test).

- Python: pip-audit over the project's virtualenv (the app and its test tools; the project itself, an
  editable install, is skipped). The advisory database pip-audit reads gives no severity, so every
  vulnerability that has a fixed version fails the audit: the fix is an upgrade away.
- Browser app: npm audit --omit=dev (what ships to the browser); high and critical advisories that
  npm can fix fail the audit.
Advisories that cannot be fixed yet, or do not apply, go in ops/audit-ignore.txt with the reason.

Prints each finding and the counts. Exit 0: nothing to fix; 1: something to fix (listed). When an
advisory service does not answer, the audit of that side says NOT AUDITED and why; with
AUDIT_DEPS_STRICT=1 that fails too (exit 2), for machines that must prove an audit ran.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
IGNORE_FILE = Path(__file__).with_name("audit-ignore.txt")
FAILING_NPM_SEVERITIES = {"high", "critical"}


@dataclass
class Side:
    name: str
    packages: int = 0
    audited: int = 0
    findings: list[str] = field(default_factory=list)  # to fix: fail
    notes: list[str] = field(default_factory=list)  # known, not failing (no fix, low severity, ignored)
    not_audited: str | None = None


def ignored() -> dict[str, str]:
    """ID -> reason. Every line is `ID reason...`; an entry without a reason is an error."""
    entries = {}
    if not IGNORE_FILE.exists():
        return entries
    for number, line in enumerate(IGNORE_FILE.read_text(encoding="utf-8").splitlines(), start=1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        vuln_id, _, reason = line.partition(" ")
        if not reason.strip():
            sys.exit(f"{IGNORE_FILE.name}:{number}: {vuln_id} needs a reason after the ID")
        entries[vuln_id] = reason.strip()
    return entries


def audit_python(ignore: dict[str, str]) -> Side:
    side = Side("Python (pip-audit, .venv)")
    command = [sys.executable, "-m", "pip_audit", "--local", "--skip-editable", "--format", "json"]
    command += ["--progress-spinner", "off", "--desc", "off", "--aliases", "on", "--timeout", "30"]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    try:
        report = json.loads(done.stdout)
    except ValueError:
        side.not_audited = f"pip-audit failed ({done.returncode}): {done.stderr.strip()[-500:]}"
        return side
    return read_pip_audit(side, report, ignore)


def read_pip_audit(side: Side, report: dict[str, Any], ignore: dict[str, str]) -> Side:
    skipped = []
    for dep in report.get("dependencies", []):
        side.packages += 1
        if "skip_reason" in dep:
            skipped.append(dep["name"])
            continue
        side.audited += 1
        for vuln in dep.get("vulns", []):
            ids = [vuln["id"], *vuln.get("aliases", [])]
            label = f"{dep['name']} {dep['version']}: {' / '.join(ids)}"
            reason = next((ignore[i] for i in ids if i in ignore), None)
            if reason:
                side.notes.append(f"{label} (ignored: {reason})")
            elif vuln.get("fix_versions"):
                side.findings.append(f"{label}; fixed in {', '.join(vuln['fix_versions'])}")
            else:
                side.notes.append(f"{label} (no fixed version yet)")
    if side.packages and not side.audited:
        side.not_audited = (
            f"the advisory service knew none of the {side.packages} packages "
            f"(pip-audit: {report['dependencies'][0].get('skip_reason', '')})"
        )
    elif skipped:
        side.notes.append(f"not audited (unknown to the advisory service): {', '.join(skipped)}")
    return side


def audit_npm(ignore: dict[str, str]) -> Side:
    side = Side("browser app (npm audit --omit=dev, frontend)")
    done = subprocess.run(
        ["npm", "audit", "--omit=dev", "--json"],
        cwd=ROOT / "frontend",
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        report = json.loads(done.stdout)
    except ValueError:
        side.not_audited = f"npm audit failed ({done.returncode}): {done.stderr.strip()[-500:]}"
        return side
    return read_npm_audit(side, report, ignore)


def read_npm_audit(side: Side, report: dict[str, Any], ignore: dict[str, str]) -> Side:
    if "vulnerabilities" not in report:
        error = report.get("error", {})
        side.not_audited = f"npm audit: {report.get('message') or error.get('summary') or 'no report'}"
        return side
    side.packages = side.audited = int(report.get("metadata", {}).get("dependencies", {}).get("prod", 0))
    for name, vuln in sorted(report["vulnerabilities"].items()):
        advisories = [v for v in vuln.get("via", []) if isinstance(v, dict)]
        ids = [str(v.get("url", "")).rsplit("/", 1)[-1] or str(v.get("source")) for v in advisories]
        # An entry without advisories of its own is vulnerable through the packages named in "via".
        source = ", ".join(ids) or "through " + ", ".join(str(v) for v in vuln.get("via", []))
        label = f"{name} {vuln.get('range', '')} ({vuln['severity']}): {source}"
        reason = next((ignore[i] for i in ids if i in ignore), None)
        if reason:
            side.notes.append(f"{label} (ignored: {reason})")
        elif vuln["severity"] in FAILING_NPM_SEVERITIES and vuln.get("fixAvailable"):
            side.findings.append(f"{label}; `npm audit fix` can fix it")
        else:
            side.notes.append(label)
    return side


def verdict(sides: list[Side], strict: bool) -> int:
    """Prints each side's findings; 1 when something is to fix, 2 when strict and a side went unaudited."""
    for side in sides:
        if side.not_audited:
            print(f"{side.name}: NOT AUDITED: {side.not_audited}")
            continue
        print(
            f"{side.name}: {side.audited} of {side.packages} packages audited; "
            f"{len(side.findings)} to fix, {len(side.notes)} other note(s)"
        )
        for line in side.findings:
            print(f"  FIX   {line}")
        for line in side.notes:
            print(f"  note  {line}")
    if any(side.findings for side in sides):
        return 1
    return 2 if strict and any(side.not_audited for side in sides) else 0


def main() -> int:
    ignore = ignored()
    return verdict([audit_python(ignore), audit_npm(ignore)], os.environ.get("AUDIT_DEPS_STRICT") == "1")


if __name__ == "__main__":
    sys.exit(main())
