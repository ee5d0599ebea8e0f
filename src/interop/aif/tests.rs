//! Tests of `aif`, compiled only under #[cfg(test)] (declared in the parent module).
