#!/usr/bin/env bash
# Seeds the fuzz corpora from the repository's fixtures and sample site:
#   check_ftl:        each en-US file joined by a NUL byte with the same file of another locale
#   content_extract:  every Markdown page
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/check_ftl corpus/content_extract
n=0
for base in .. ../tests/fixtures/*; do
    [ -d "$base/locales/en-US" ] || continue
    while IFS= read -r -d '' source; do
        rel=${source#"$base/locales/en-US/"}
        for target in "$base"/locales/*/"$rel"; do
            [ "$target" = "$source" ] && continue
            n=$((n + 1))
            { cat "$source"; printf '\0'; cat "$target"; } > "corpus/check_ftl/seed-$n"
        done
    done < <(find "$base/locales/en-US" -name '*.ftl' -print0)
done
for page in ../content/*.md ../tests/fixtures/*/content/*.md ../tests/fixtures/*/content/*/*.md; do
    n=$((n + 1))
    cp "$page" "corpus/content_extract/seed-$n"
done
echo "seeded: $(ls corpus/check_ftl | wc -l) check_ftl, $(ls corpus/content_extract | wc -l) content_extract"
# xliff_import: every target locale of the XLIFF fixture exported in both versions, all units and
# missing ones only, with the release binary.
mkdir -p corpus/xliff_import
(cd .. && cargo build --release --quiet --bin fluentpress)
for locale in fr zh-CN pl; do
    for version in 2.0 1.2; do
        for only in all missing; do
            n=$((n + 1))
            ../target/release/fluentpress --project ../tests/fixtures/xliff xliff export "$locale" \
                --xliff-version "$version" --only "$only" > "corpus/xliff_import/seed-$n" || true
        done
    done
done
echo "seeded: $(ls corpus/xliff_import | wc -l) xliff_import"
