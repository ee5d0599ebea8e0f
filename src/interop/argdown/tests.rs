//! Tests of `argdown`, compiled only under #[cfg(test)] (declared in the parent module).
