//! End-to-end tests: fixture projects run through the real `fluentpress` binary.
//! One test binary (faster to link than one per file); one module per command.

mod bad_input;
mod browser;
mod browser_theme;
mod build;
mod check;
mod compare_locales;
mod corpus;
mod export_web;
mod export_web_external;
mod extract;
mod init;
#[cfg(feature = "lsp")]
mod lsp;
#[cfg(not(feature = "lsp"))]
mod lsp_absent;
mod no_abort;
mod output_safety;
#[cfg(feature = "print")]
mod print;
mod properties;
mod refusals;
mod rules;
mod safety;
#[cfg(feature = "serve")]
mod serve;
#[cfg(not(feature = "serve"))]
mod serve_absent;
#[cfg(feature = "serve")]
mod serve_edit;
mod status;
mod support;
mod translations;
mod writes;
mod xliff;
