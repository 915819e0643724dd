//! Loading and validating a framework file: `fairness validate`, and `--framework`.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| fairness_fuzz::framework(data));
