#!/usr/bin/env bash
# Peer benchmark: `fluentpress check` against Mozilla's compare-locales on the same synthetic
# project (src/synth.rs), same target locales. Prints the median wall time of RUNS runs of each,
# the ratio, each tool's peak resident memory (GNU time's "Maximum resident set size"), and the
# missing messages each tool finds per locale, which must agree (the script fails otherwise).
#
#   bash benches/peers.sh                       # 20 locales × 3,000 messages, 5 runs
#   LOCALES=5 MESSAGES=1000 RUNS=3 bash benches/peers.sh
#   MESSAGES=200 RUNS=3 bash benches/peers.sh --app   # the application corpus (fp-synth --app)
#   bash benches/peers.sh --cases               # compare-locales' own test cases, side by side
#
# `--app` compares on a synthetic application corpus instead (Firefox's shapes: bundles, terms,
# a source tree outside the project, `ja-JP-mac`): missing and obsolete messages and terms, per
# file and id, must be the same in both tools.
#
# `--cases` runs both tools on the situations of compare-locales' own Fluent check tests,
# rewritten as tiny projects under tests/fixtures/compare-locales/ (see benches/peers-cases.sh).
#
# Needs: python3, and compare-locales (tested with 9.0.5): when it is not on PATH it is
# installed with pip into a virtual environment under target/ (this needs PyPI); GNU time at
# /usr/bin/time (Debian package `time`). See benches/README.md for the figures and what they mean.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v compare-locales >/dev/null; then
    venv=target/peers-venv
    if [ ! -x "$venv/bin/compare-locales" ]; then
        python3 -m venv "$venv" && "$venv/bin/pip" install --quiet compare-locales==9.0.5 ||
            { echo "peers.sh: could not install compare-locales into $venv (pip install compare-locales)" >&2; exit 2; }
    fi
    PATH="$(pwd)/$venv/bin:$PATH"
fi

if [ "${1:-}" = "--app" ]; then
    exec bash benches/peers-app.sh
fi
if [ "${1:-}" = "--cases" ]; then
    exec bash benches/peers-cases.sh
fi

LOCALES=${LOCALES:-20}
MESSAGES=${MESSAGES:-3000}
RUNS=${RUNS:-5}
WORK=${WORK:-target/peers}

[ -x /usr/bin/time ] || { echo "peers.sh: /usr/bin/time not found (apt-get install time)" >&2; exit 2; }

cargo build --release --quiet --bin fluentpress --example fp-synth
root=$(pwd)
fp="$root/target/release/fluentpress"

rm -rf "$WORK"
mkdir -p "$WORK"
project="$root/$WORK/project"
"$root/target/release/examples/fp-synth" "$project" --locales "$LOCALES" --messages "$MESSAGES"
# The target locale tags, in the order the generator configured them.
mapfile -t tags < <(sed -n 's/^  - tag: //p' "$project/fluentpress.yaml")

# compare-locales reads the project from an l10n.toml (benches/l10n-toml.sh).
source "$root/benches/l10n-toml.sh"
write_l10n_toml "$project" "${tags[@]}"

# Runs "$@" in $project once; appends the wall time (seconds) to $1's times file and keeps GNU
# time's report. Exit status 1 (problems found) is expected from both tools.
measure() {
    local name=$1
    shift
    local start end status=0
    start=$(date +%s%N)
    (cd "$project" && /usr/bin/time -v -o "$root/$WORK/$name.time" "$@") > "$root/$WORK/$name.out" 2> "$root/$WORK/$name.err" || status=$?
    end=$(date +%s%N)
    if [ "$status" -gt 1 ]; then
        echo "peers.sh: $name exited $status:" >&2
        cat "$root/$WORK/$name.err" >&2
        exit 2
    fi
    echo "$(( (end - start) / 1000 ))" >> "$root/$WORK/$name.times"
    sed -n 's/.*Maximum resident set size (kbytes): //p' "$root/$WORK/$name.time" >> "$root/$WORK/$name.rss"
    # CPU time (user + system), which other work on the machine disturbs less than wall time.
    awk -F': ' '/User time|System time/ { t += $2 } END { print t }' "$root/$WORK/$name.time" >> "$root/$WORK/$name.cpu"
}

for _ in $(seq "$RUNS"); do
    measure fluentpress "$fp" check --format json "${tags[@]}"
    measure compare-locales compare-locales --json "$root/$WORK/compare-locales.json" l10n.toml locales "${tags[@]}"
done

python3 - "$root/$WORK" "$LOCALES" "$MESSAGES" "$RUNS" <<'PY'
import json, statistics, sys
work, locales, messages, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])

def stats(name):
    times = [int(l) / 1e6 for l in open(f"{work}/{name}.times")]
    rss = [int(l) / 1024 for l in open(f"{work}/{name}.rss")]
    cpu = [float(l) for l in open(f"{work}/{name}.cpu")]
    return statistics.median(times), max(rss), statistics.median(cpu)

fp_time, fp_rss, fp_cpu = stats("fluentpress")
cl_time, cl_rss, cl_cpu = stats("compare-locales")
print(f"synthetic project: {locales} target locales x {messages} messages, median of {runs} runs")
print(f"  fluentpress check   wall {fp_time * 1000:9.1f} ms   CPU {fp_cpu * 1000:8.0f} ms   peak RSS {fp_rss:6.1f} MiB")
print(f"  compare-locales     wall {cl_time * 1000:9.1f} ms   CPU {cl_cpu * 1000:8.0f} ms   peak RSS {cl_rss:6.1f} MiB")
print(f"  ratio: fluentpress check is {cl_time / fp_time:.0f}x faster (wall), {cl_cpu / fp_cpu:.0f}x less CPU time")

# Missing messages per locale, as ids, from both tools' JSON.
fp = json.load(open(f"{work}/fluentpress.out"))
fp_missing = {}
for d in fp["diagnostics"]:
    if d["code"] == "missing-message":
        fp_missing.setdefault(d["locale"], set()).add(d["message_id"])
cl = json.load(open(f"{work}/compare-locales.json"))[0]
cl_missing = {}
for locale, files in cl["details"].items():
    for entries in files.values():
        for entry in entries:
            if "missingEntity" in entry:
                cl_missing.setdefault(locale, set()).add(entry["missingEntity"])
summary_fp = {l["locale"]: l["missing"] for l in fp["locales"]}
summary_cl = {l: s.get("missing", 0) for l, s in cl["summary"].items()}
agree = True
print("  missing messages per locale (fluentpress / compare-locales):")
for locale in sorted(summary_fp):
    a, b = fp_missing.get(locale, set()), cl_missing.get(locale, set())
    same = a == b and summary_fp[locale] == summary_cl.get(locale) == len(a)
    agree &= same
    print(f"    {locale:6} {summary_fp[locale]:5} / {summary_cl.get(locale, 0):5}  {'same ids' if same else 'DIFFERENT'}")
if not agree:
    sys.exit("peers.sh: the tools disagree on missing messages")
PY
