//! `syntax-error`: every Junk entry, with the parser's message and a caret at the error point.
//! `unreadable-file`: a file that is not UTF-8 or not a regular file, at its first bad byte.

use crate::check::{Code, Diagnostic, LocaleContext};

pub fn check(ctx: &LocaleContext<'_>, out: &mut Vec<Diagnostic>) {
    for file in &ctx.target.files {
        if file.unreadable.is_some() {
            for junk in &file.junk {
                let mut d = ctx.at(
                    Code::UnreadableFile,
                    file,
                    junk.error_offset,
                    1,
                    None,
                    junk.message.clone(),
                );
                d.help = Some(
                    "the file's messages are missing until it is fixed; the rest of the locale still loads".into(),
                );
                out.push(d);
            }
            continue;
        }
        for junk in &file.junk {
            let mut d = ctx.at(
                Code::SyntaxError,
                file,
                junk.error_offset,
                1,
                None,
                junk.message.clone(),
            );
            d.help = Some(
                "this entry is skipped until it parses; the rest of the file still loads".into(),
            );
            out.push(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::Code;
    use crate::check::rules::tests::run;

    #[test]
    fn junk_is_reported_at_the_error_point() {
        let d = run("fr", &[("ui.ftl", "a = A\n")], &[("ui.ftl", "a = { $x\n")]);
        let syntax: Vec<_> = d.iter().filter(|d| d.code == Code::SyntaxError).collect();
        assert_eq!(syntax.len(), 1);
        assert_eq!((syntax[0].line, syntax[0].column), (1, 9));
        assert!(
            syntax[0].message.starts_with("a `{` is not closed"),
            "{}",
            syntax[0].message
        );
    }

    #[test]
    fn clean_file_has_no_syntax_error() {
        let d = run("fr", &[("ui.ftl", "a = A\n")], &[("ui.ftl", "a = Á\n")]);
        assert!(d.iter().all(|d| d.code != Code::SyntaxError));
    }
}
