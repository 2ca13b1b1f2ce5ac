//! End-to-end tests: fixture projects run through the real `fluentpress` binary.
//! One test binary (faster to link than one per file); one module per command.

mod bad_input;
mod build;
mod check;
mod extract;
mod status;
mod support;
mod translations;
mod xliff;
