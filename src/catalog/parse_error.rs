//! The parser's complaints in words a translator reads. fluent-syntax describes an error by
//! what its grammar expected next (`Expected one of "\n | \r\n"`, `Expected one of "a-zA-Z"`),
//! which names characters rather than the mistake; [`describe`] says what is wrong in the
//! translation and, where one is likely, how to fix it.

use fluent_syntax::parser::ErrorKind;

/// A plain sentence for the parser error `kind` (lower case, no final period, like the other
/// diagnostics' messages).
pub fn describe(kind: &ErrorKind) -> String {
    match kind {
        ErrorKind::ExpectedToken(c) => match c {
            '=' => "expected `=` after the name: an entry is `name = text`".into(),
            '}' => "a `{` is not closed: expected `}` to end the placeable".into(),
            ']' => "a variant key is not closed: expected `]`".into(),
            ')' => "the arguments of a function call are not closed: expected `)`".into(),
            '"' => "a string literal is not closed: expected `\"`".into(),
            '-' => "expected `-` to start a term name".into(),
            other => format!("expected `{other}` here"),
        },
        ErrorKind::ExpectedCharRange { range } => match range.as_str() {
            "a-zA-Z" => "expected a name here, starting with a letter (a-z, A-Z)".into(),
            "0-9" => "expected a digit here".into(),
            r if r.contains('\n') => {
                "the variants of a select expression start on the next line: nothing may follow `->`"
                    .into()
            }
            other => format!("expected one of the characters {other} here"),
        },
        ErrorKind::ExpectedMessageField { entry_id } => format!(
            "`{entry_id}` has neither a value nor an attribute: write `{entry_id} = text` or an indented `.attribute = text`"
        ),
        ErrorKind::ExpectedTermField { entry_id } => {
            format!("the term `-{entry_id}` needs a value: `-{entry_id} = text`")
        }
        ErrorKind::ForbiddenCallee => {
            "only a function (in capital letters, like NUMBER) can be called here".into()
        }
        ErrorKind::MissingDefaultVariant => {
            "the select expression has no default variant: mark one with `*`, as in `*[other]`"
                .into()
        }
        ErrorKind::MissingValue => "expected a value here".into(),
        ErrorKind::MultipleDefaultVariants => {
            "the select expression has more than one default variant (`*`): keep one".into()
        }
        ErrorKind::MessageReferenceAsSelector => {
            "a message cannot be selected on: select on a variable or a term's attribute".into()
        }
        ErrorKind::TermReferenceAsSelector => {
            "a term cannot be selected on, only one of its attributes (`-term.attribute ->`)"
                .into()
        }
        ErrorKind::MessageAttributeAsSelector => {
            "a message attribute cannot be selected on: select on a variable or a term's attribute"
                .into()
        }
        ErrorKind::TermAttributeAsPlaceable => {
            "a term's attribute cannot be shown in the text, only selected on (`{ -term.attribute -> … }`)"
                .into()
        }
        ErrorKind::UnterminatedStringLiteral => {
            "a string literal is not closed: expected `\"` before the end of the line".into()
        }
        ErrorKind::PositionalArgumentFollowsNamed => {
            "a positional argument follows a named one: put the positional arguments first".into()
        }
        ErrorKind::DuplicatedNamedArgument(name) => {
            format!("the argument `{name}` is given twice")
        }
        ErrorKind::UnknownEscapeSequence(sequence) => format!(
            "`\\{sequence}` is not an escape Fluent knows: use `\\\\`, `\\\"`, `\\uXXXX` or `\\UXXXXXX`"
        ),
        ErrorKind::InvalidUnicodeEscapeSequence(sequence) => format!(
            "`{sequence}` is not a valid Unicode escape: `\\u` takes 4 hexadecimal digits, `\\U` takes 6"
        ),
        ErrorKind::UnbalancedClosingBrace => {
            "a `}` closes nothing: to show a brace, write `{ \"}\" }`".into()
        }
        ErrorKind::ExpectedInlineExpression => {
            "expected an expression inside `{ }`: a variable (`$name`), a message, a term (`-brand`), a string or a number".into()
        }
        ErrorKind::ExpectedSimpleExpressionAsSelector => {
            "this cannot be selected on: select on a variable, a function call, a string or a number".into()
        }
        ErrorKind::ExpectedLiteral => "expected a string or a number here".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first parser error of `ftl`, described.
    fn first(ftl: &str) -> String {
        let (_, errors) = fluent_syntax::parser::parse(ftl).expect_err("a syntax error");
        describe(&errors[0].kind)
    }

    /// Each kind the parser reports through real FTL gets its sentence, and no sentence
    /// quotes the parser's character ranges.
    #[test]
    fn each_parser_error_reads_as_a_sentence() {
        let cases = [
            ("a Hello\n", "expected `=` after the name"),
            ("a = Hello { $x\n", "a `{` is not closed"),
            (
                "a = { $n ->\n  *[one Hi\n}\n",
                "a variant key is not closed",
            ),
            (
                "a = { NUMBER($n\n",
                "arguments of a function call are not closed",
            ),
            ("a = { $n -> x\n  *[one] Hi\n}\n", "nothing may follow `->`"),
            ("a = { -brand\n", "a `{` is not closed"),
            ("= Hello\n", "expected a name here"),
            ("a =\n", "`a` has neither a value nor an attribute"),
            ("-t =\n", "the term `-t` needs a value"),
            ("a = { $n ->\n  [one] Hi\n}\n", "no default variant"),
            (
                "a = { $n ->\n *[one] A\n *[other] B\n}\n",
                "more than one default variant",
            ),
            (
                "a = { b ->\n *[one] A\n}\n",
                "a message cannot be selected on",
            ),
            (
                "a = { -b ->\n *[one] A\n}\n",
                "a term cannot be selected on",
            ),
            (
                "a = { b.c ->\n *[one] A\n}\n",
                "a message attribute cannot be selected on",
            ),
            ("a = { -b.c }\n", "a term's attribute cannot be shown"),
            ("a = { \"abc }\n", "a string literal is not closed"),
            (
                "a = { NUMBER(x: 1, 2) }\n",
                "a positional argument follows a named one",
            ),
            (
                "a = { NUMBER(1, x: 1, x: 2) }\n",
                "the argument `x` is given twice",
            ),
            ("a = { \"\\q\" }\n", "is not an escape Fluent knows"),
            ("a = { \"\\u00\" }\n", "is not a valid Unicode escape"),
            ("a = Hello }\n", "a `}` closes nothing"),
            ("a = { }\n", "expected an expression inside `{ }`"),
            (
                "a = { NUMBER(1, x: $y) }\n",
                "expected a string or a number here",
            ),
            ("a = { b() }\n", "only a function"),
        ];
        for (ftl, expected) in cases {
            let text = first(ftl);
            assert!(text.contains(expected), "{ftl:?}: {text}");
            assert!(!text.contains("a-zA-Z") && !text.contains('\n'), "{text}");
        }
    }

    #[test]
    fn kinds_without_a_sentence_of_their_own_still_read_plainly() {
        assert_eq!(
            describe(&ErrorKind::ExpectedToken(':')),
            "expected `:` here"
        );
        assert_eq!(
            describe(&ErrorKind::ExpectedCharRange {
                range: "0-9".into()
            }),
            "expected a digit here"
        );
        assert_eq!(describe(&ErrorKind::MissingValue), "expected a value here");
        assert_eq!(
            describe(&ErrorKind::ExpectedSimpleExpressionAsSelector),
            "this cannot be selected on: select on a variable, a function call, a string or a number"
        );
    }
}
