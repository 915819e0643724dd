//! Loading and verifying a case record: `fairness verify` and `fairness export`.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| fairness_fuzz::record(data));
