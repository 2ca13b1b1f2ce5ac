# Sourced by the peer benchmarks: write_l10n_toml PROJECT TAG... writes PROJECT/l10n.toml, the file
# compare-locales reads a project from: the reference (en-US) files, and where each locale's files
# are, `{l10n_base}/{locale}/` with the same relative paths, which is exactly the layout
# fluentpress uses (locales/en-US and locales/TAG).
write_l10n_toml() {
    local project=$1
    shift
    {
        echo 'basepath = "."'
        printf 'locales = [%s]\n' "$(printf '"%s", ' "$@" | sed 's/, $//')"
        echo
        echo '[env]'
        echo '    l = "{l10n_base}/{locale}/"'
        echo
        echo '[[paths]]'
        echo '    reference = "locales/en-US/**"'
        echo '    l10n = "{l}**"'
    } > "$project/l10n.toml"
}
