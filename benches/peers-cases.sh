#!/usr/bin/env bash
# `benches/peers.sh --cases`: the situations of compare-locales' own Fluent check tests, each
# rewritten here as a tiny fluentpress project (tests/fixtures/compare-locales/NN-name/), run
# through both tools side by side. Prints one row per case (what compare-locales reports, what
# `fluentpress check` reports, and whether they agree), then the totals:
#
#   fluentpress finds N of M cases compare-locales flags; agrees on K of its C clean ones
#
# Each case's `expect` file says what both tools report there; the script fails (exit 1) when a
# tool reports something else, so a fixture that no longer shows its situation, or a changed
# rule, is noticed. Where the tools disagree on whether a case has a problem, the `why:` line
# of its `expect` file says why fluentpress differs on purpose, and the script prints it.
# `cargo test --test cli compare_locales` checks fluentpress's side without compare-locales.
# Run through peers.sh, which finds or installs compare-locales; FLUENTPRESS=path runs that
# binary instead of building the debug one.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v compare-locales >/dev/null ||
    { echo "peers-cases.sh: compare-locales not found; run bash benches/peers.sh --cases" >&2; exit 2; }

WORK=${WORK:-target/peers-cases}
CASES=tests/fixtures/compare-locales

if [ -z "${FLUENTPRESS:-}" ]; then
    # The debug build: the cases are tiny, and `cargo test` builds the same binary.
    cargo build --quiet --bin fluentpress
    FLUENTPRESS=target/debug/fluentpress
fi
root=$(pwd)
fp=$(cd "$(dirname "$FLUENTPRESS")" && pwd)/$(basename "$FLUENTPRESS")
rm -rf "$WORK"
mkdir -p "$WORK"
source "$root/benches/l10n-toml.sh"

for case in "$CASES"/*/; do
    name=$(basename "$case")
    project="$root/$WORK/$name"
    cp -r "$case" "$project"
    tag=$(sed -n 's/^  - tag: //p' "$project/fluentpress.yaml")
    # compare-locales reads the same layout from an l10n.toml: locales/en-US is the reference,
    # locales/TAG the translation.
    write_l10n_toml "$project" "$tag"
    # Exit status 1 (problems found) is expected from both tools; more is a failure.
    status=0
    (cd "$project" && "$fp" check --format json > fluentpress.json 2> fluentpress.err) || status=$?
    if [ "$status" -gt 1 ]; then
        echo "peers-cases.sh: fluentpress check exited $status on $name:" >&2
        cat "$project/fluentpress.err" >&2
        exit 2
    fi
    status=0
    (cd "$project" && compare-locales --json compare-locales.json l10n.toml locales "$tag" > compare-locales.out 2>&1) || status=$?
    if [ "$status" -gt 1 ]; then
        echo "peers-cases.sh: compare-locales exited $status on $name:" >&2
        cat "$project/compare-locales.out" >&2
        exit 2
    fi
done

python3 - "$root/$WORK" "$root/$CASES" "$(compare-locales --version 2>&1 | head -n 1)" <<'PY'
import json, os, re, sys
work, cases, peer = sys.argv[1], sys.argv[2], sys.argv[3]

# compare-locales' messages, named by kind (its own names where it has them).
KINDS = [
    (r"^Missing message reference: ", "missing-msg-ref"),
    (r"^Obsolete message reference: ", "obsolete-msg-ref"),
    (r"^Missing term reference: ", "missing-term-ref"),
    (r"^Obsolete term reference: ", "obsolete-term-ref"),
    (r"^Attribute \".*\" is duplicated", "duplicate-attribute"),
    (r"^Variant key \".*\" is duplicated", "duplicate-variant"),
    (r"^Missing value", "missing-value"),
    (r"^Obsolete value", "obsolete-value"),
    (r"^Empty value", "empty-value"),
    (r"^Missing attribute: ", "missing-attribute"),
    (r"^Obsolete attribute: ", "obsolete-attribute"),
    (r"^Empty attribute: ", "empty-attribute"),
    (r"^Plural categories missing: ", "missing-plural"),
    (r"^reference is a CSS spec", "css-spec"),
    (r"(only in (reference|l10n)|units for .* don't match)", "css"),
    (r"^\ufffd in: ", "encoding"),
]

def kind(text):
    for pattern, name in KINDS:
        if re.search(pattern, text):
            return name
    return "other(" + text + ")"

def compare_locales(project):
    found = []
    report = json.load(open(f"{project}/compare-locales.json"))[0]
    for entries in report["details"].values():
        for entry in entries:
            for severity, text in entry.items():
                if severity in ("error", "warning"):
                    found.append(f"{severity}:{kind(text)}")
                elif severity in ("missingEntity", "obsoleteEntity", "missingFile", "obsoleteFile"):
                    found.append(severity)
    return sorted(found)

def fluentpress(project):
    report = json.load(open(f"{project}/fluentpress.json"))
    return sorted(d["code"] for d in report["diagnostics"])

def shown(findings):
    """`warning:css x2 warning:missing-msg-ref`: each kind once, with its count when repeated."""
    if not findings:
        return "clean"
    counts = {}
    for finding in findings:
        counts[finding] = counts.get(finding, 0) + 1
    return " ".join(f if n == 1 else f"{f} x{n}" for f, n in counts.items())

def expected(case):
    expect = {}
    for line in open(f"{cases}/{case}/expect", encoding="utf-8"):
        key, sep, value = line.rstrip("\n").partition(": ")
        if sep and key in ("compare-locales", "fluentpress", "why"):
            expect[key] = value
    for tool in ("compare-locales", "fluentpress"):
        words = expect[tool].split()
        expect[tool] = [] if words == ["clean"] else sorted(words)
    return expect

rows, unexpected, differences = [], [], []
counts = {"found": 0, "missed": 0, "clean": 0, "extra": 0}
for case in sorted(os.listdir(work)):
    project = f"{work}/{case}"
    cl, fp, expect = compare_locales(project), fluentpress(project), expected(case)
    verdict = {(True, True): "found", (True, False): "missed",
               (False, False): "clean", (False, True): "extra"}[(bool(cl), bool(fp))]
    counts[verdict] += 1
    notes = []
    if cl != expect["compare-locales"]:
        notes.append("compare-locales differs from expect")
    if fp != expect["fluentpress"]:
        notes.append("fluentpress differs from expect")
    if verdict in ("missed", "extra"):
        differences.append((case, verdict, expect.get("why", "(no why: line in expect)")))
    if notes:
        unexpected.append((case, cl, fp, expect))
    rows.append((case, shown(cl), shown(fp),
                 {"found": "agree", "clean": "agree", "missed": "DIFFER", "extra": "DIFFER"}[verdict]
                 + ("  (" + "; ".join(notes) + ")" if notes else "")))

width = max(len(r[0]) for r in rows)
cl_width = min(60, max(len(r[1]) for r in rows))
fp_width = max(len(r[2]) for r in rows)
print(f"{'case':{width}}  {peer:{cl_width}}  {'fluentpress':{fp_width}}  verdict")
for case, cl, fp, verdict in rows:
    print(f"{case:{width}}  {cl:{cl_width}}  {fp:{fp_width}}  {verdict}")
flagged = counts["found"] + counts["missed"]
clean = counts["clean"] + counts["extra"]
print()
print(f"{len(rows)} cases: fluentpress finds {counts['found']} of {flagged} cases compare-locales flags; "
      f"agrees on {counts['clean']} of its {clean} clean ones; "
      f"flags {counts['extra']} that compare-locales passes")
if differences:
    print("\nwhere they differ:")
    for case, verdict, why in differences:
        who = "compare-locales only" if verdict == "missed" else "fluentpress only"
        print(f"  {case} ({who}): {why.removeprefix('why: ')}")
if unexpected:
    print("\nnot what the expect files say:", file=sys.stderr)
    for case, cl, fp, expect in unexpected:
        print(f"  {case}: compare-locales {shown(cl)} (expected {shown(expect['compare-locales'])}), "
              f"fluentpress {shown(fp)} (expected {shown(expect['fluentpress'])})", file=sys.stderr)
    sys.exit(1)
PY
