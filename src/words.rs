//! Looking at text eight bytes at a time, for the scans that run over every byte of
//! many records (quoting a record's texts, testing text for characters that could act
//! on a terminal): a word in which no byte can matter is passed over whole, and only a
//! word that may hold one is looked at a byte at a time.
//!
//! Each test is exact about whether some byte of the word matches, though not about
//! which: a subtraction's borrow can only run on from a byte that matches.

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// The eight bytes of `bytes` from `at` as one word, if there are eight.
pub fn word_at(bytes: &[u8], at: usize) -> Option<u64> {
    let word: [u8; 8] = bytes.get(at..at.checked_add(8)?)?.try_into().ok()?;
    Some(u64::from_le_bytes(word))
}

/// Whether some byte of `word` is `byte`.
pub fn has(word: u64, byte: u8) -> bool {
    let x = word ^ (ONES * u64::from(byte));
    x.wrapping_sub(ONES) & !x & HIGH_BITS != 0
}

/// Whether some byte of `word` is below `limit` (at most 0x80).
pub fn has_below(word: u64, limit: u8) -> bool {
    debug_assert!(limit <= 0x80);
    word.wrapping_sub(ONES * u64::from(limit)) & !word & HIGH_BITS != 0
}

/// Whether some byte of `word` is from 0x80 on (not ASCII).
pub fn has_high(word: u64) -> bool {
    word & HIGH_BITS != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every byte value at every place among each other byte value: each test says a
    /// match exactly when there is one.
    #[test]
    fn each_test_finds_a_byte_wherever_it_is_and_only_then() {
        for background in 0..=255u8 {
            for place in 0..8 {
                for b in 0..=255u8 {
                    let mut bytes = [background; 8];
                    bytes[place] = b;
                    let word = u64::from_le_bytes(bytes);
                    for probe in [0u8, b'"', b'\\', 0x7f, 0xc2, 0xe2, 0xef, 0xff] {
                        assert_eq!(has(word, probe), b == probe || background == probe);
                    }
                    for limit in [0x01, 0x0a, 0x20, 0x80] {
                        assert_eq!(has_below(word, limit), b < limit || background < limit);
                    }
                    assert_eq!(has_high(word), b >= 0x80 || background >= 0x80);
                }
            }
        }
    }

    #[test]
    fn a_word_is_eight_bytes_or_none() {
        assert_eq!(
            word_at(b"abcdefgh", 0),
            Some(u64::from_le_bytes(*b"abcdefgh"))
        );
        assert_eq!(word_at(b"abcdefgh", 1), None);
        assert_eq!(word_at(b"abc", usize::MAX), None);
    }
}
