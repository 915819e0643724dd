//! The strict reader of records as fairness writes them, against the general reader.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| fairness_fuzz::strict_record(data));
