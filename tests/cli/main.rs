//! End-to-end tests: fixture projects run through the real `fluentpress` binary.
//! One test binary (faster to link than one per file); one module per command.

mod bad_input;
mod build;
mod extract;
#[cfg(feature = "print")]
mod print;
mod support;
mod translations;
