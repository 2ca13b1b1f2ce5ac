#!/usr/bin/env bash
# `benches/peers.sh --app`: fluentpress check against compare-locales on the synthetic
# application corpus (`fp-synth DIR --app`): the source in DIR/source/en-US, the project in
# DIR/l10n (bundles per group of files, `ja` in the folder `ja-JP-mac`). Prints both tools'
# median wall time and, per locale, the missing and obsolete messages and terms each finds;
# they must be the same, per file and id, or the script fails. Run through peers.sh, which
# finds or installs compare-locales.
set -euo pipefail
cd "$(dirname "$0")/.."

MESSAGES=${MESSAGES:-200}
RUNS=${RUNS:-3}
WORK=${WORK:-target/peers-app}

# PROFILE=debug skips the release build (counts only: its times are not worth quoting).
PROFILE=${PROFILE:-release}
if [ "$PROFILE" = release ]; then
    # `check` needs neither the PDF exporter nor the preview server: the lean build.
    cargo build --release --quiet --no-default-features --bin fluentpress --example fp-synth
else
    cargo build --quiet --no-default-features --bin fluentpress --example fp-synth
fi
root=$(pwd)
fp="$root/target/$PROFILE/fluentpress"
rm -rf "$WORK"
mkdir -p "$WORK"
corpus="$root/$WORK/corpus"
"$root/target/$PROFILE/examples/fp-synth" "$corpus" --app --messages "$MESSAGES"

# The folders of the target locales (compare-locales knows a locale by its folder: ja-JP-mac).
mapfile -t folders < <(awk '/^  - tag: / { if (t) print t; t = $3 } /^    folder: / { t = $2 } END { if (t) print t }' "$corpus/l10n/fluentpress.yaml")
{
    echo 'basepath = "."'
    printf 'locales = [%s]\n' "$(printf '"%s", ' "${folders[@]}" | sed 's/, $//')"
    echo
    echo '[env]'
    echo '    l = "{l10n_base}/{locale}/"'
    echo
    echo '[[paths]]'
    echo '    reference = "source/en-US/**"'
    echo '    l10n = "{l}**"'
} > "$corpus/l10n.toml"

# Runs "$@" in folder $2 as tool $1: its output in $WORK/$1.out, its wall time (ms) appended
# to $WORK/$1.times. Exit status 1 (problems found) is expected from both tools.
measure() {
    local name=$1 dir=$2 start end status=0
    shift 2
    start=$(date +%s%N)
    (cd "$dir" && "$@") > "$root/$WORK/$name.out" || status=$?
    end=$(date +%s%N)
    [ "$status" -le 1 ] || { echo "peers-app.sh: $name exited $status" >&2; exit 2; }
    echo $(( (end - start) / 1000000 )) >> "$root/$WORK/$name.times"
}
for _ in $(seq "$RUNS"); do
    measure fluentpress "$corpus/l10n" "$fp" check --format json
    measure compare-locales "$corpus" compare-locales --json "$root/$WORK/compare-locales.json" l10n.toml l10n/locales "${folders[@]}"
done

python3 - "$root/$WORK" "$corpus/l10n/fluentpress.yaml" "$RUNS" <<'PY'
import json, re, statistics, sys
work, config, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
# tag -> folder, from the generated configuration.
folders, tag = {}, None
for line in open(config):
    if m := re.match(r"  - tag: (\S+)", line):
        tag = m.group(1); folders[tag] = tag
    elif tag and (m := re.match(r"    folder: (\S+)", line)):
        folders[tag] = m.group(1)
tag_of = {f: t for t, f in folders.items()}

def below(path, folder):
    # The path below the locale folder: the same in the source and in every locale.
    for marker in (f"/{folder}/", "/en-US/"):
        if marker in "/" + path:
            return ("/" + path).split(marker, 1)[1]
    return path

fp = json.load(open(f"{work}/fluentpress.out"))
found = {"fluentpress": {}, "compare-locales": {}}
for d in fp["diagnostics"]:
    kind = {"missing-message": "missing", "obsolete-message": "obsolete"}.get(d["code"])
    if kind:
        key = (below(d["file"], folders[d["locale"]]), d["message_id"])
        found["fluentpress"].setdefault((d["locale"], kind), []).append(key)
cl = json.load(open(f"{work}/compare-locales.json"))[0]
def walk(tree, path, folder):
    # compare-locales nests its details by path segment: {"browser": {"about.ftl": [...]}}.
    if isinstance(tree, list):
        for entry in tree:
            for field, kind in (("missingEntity", "missing"), ("obsoleteEntity", "obsolete")):
                if field in entry:
                    found["compare-locales"].setdefault((tag_of[folder], kind), []).append(("/".join(path), entry[field]))
        return
    for name, subtree in tree.items():
        walk(subtree, path + name.split("/"), folder)
for folder, tree in cl["details"].items():
    walk(tree, [], folder)
summary_fp = {l["locale"]: l for l in fp["locales"]}
summary_cl = {tag_of[f]: s for f, s in cl["summary"].items()}
times = {name: statistics.median(int(l) for l in open(f"{work}/{name}.times")) for name in found}
print(f"application corpus: {len(folders)} target locales, median of {runs} runs")
for name, ms in times.items():
    print(f"  {name:16} wall {ms:8.0f} ms")
agree = True
print("  per locale: missing / obsolete (messages and terms), fluentpress vs compare-locales")
for tag in folders:
    fm, fo = sorted(found["fluentpress"].get((tag, "missing"), [])), sorted(found["fluentpress"].get((tag, "obsolete"), []))
    cm, co = sorted(found["compare-locales"].get((tag, "missing"), [])), sorted(found["compare-locales"].get((tag, "obsolete"), []))
    s_fp, s_cl = summary_fp.get(tag, {}), summary_cl.get(tag, {})
    same = fm == cm and fo == co and s_fp.get("missing") == s_cl.get("missing", 0) == len(cm) and s_fp.get("obsolete") == s_cl.get("obsolete", 0) == len(co)
    agree &= same
    print(f"    {tag:6} {s_fp.get('missing')!s:>5} / {s_fp.get('obsolete')!s:<4} vs {s_cl.get('missing', 0):>5} / {s_cl.get('obsolete', 0):<4} {'same ids' if same else 'DIFFERENT'}")
    if not same:
        print(f"      only fluentpress: missing {sorted(set(fm) - set(cm))} obsolete {sorted(set(fo) - set(co))}")
        print(f"      only compare-locales: missing {sorted(set(cm) - set(fm))} obsolete {sorted(set(co) - set(fo))}")
if not agree:
    sys.exit("peers-app.sh: the tools disagree on missing or obsolete messages and terms")
PY
