//! A small seeded generator of pseudo-random numbers, so that the same seed gives the
//! same files on every machine: SplitMix64 (Steele, Lea and Flood, 2014), which passes
//! the usual statistical tests and is a few lines long. Not for anything secret.

/// SplitMix64: a 64-bit state advanced by a fixed odd constant and mixed on the way out.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// An independent stream for one part of the data (`part`) of one case (`n`):
    /// what is drawn for one case does not move what is drawn for the next, and the
    /// extra records `--exclusions` adds leave the others as they are.
    pub fn stream(seed: u64, part: u64, n: u64) -> Rng {
        let mut mix = Rng(seed ^ part.wrapping_mul(0xA24B_AED4_963E_E407));
        let first = mix.next_u64() ^ n.wrapping_mul(0x9FB2_1C65_1E98_DF25);
        Rng(first)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0.0..1.0`, from the top 53 bits.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Whether an event of probability `p` happens.
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// A whole number in `low..=high`.
    pub fn between(&mut self, low: i64, high: i64) -> i64 {
        let span = (high - low + 1) as u64;
        low + (self.next_u64() % span) as i64
    }

    /// One of `choices`, each as likely as its weight.
    pub fn weighted<T: Copy>(&mut self, choices: &[(T, u32)]) -> T {
        let total: u32 = choices.iter().map(|c| c.1).sum();
        let mut at = (self.next_u64() % u64::from(total)) as u32;
        for &(value, weight) in choices {
            if at < weight {
                return value;
            }
            at -= weight;
        }
        choices[choices.len() - 1].0
    }

    /// One of `choices`, all alike.
    pub fn pick<T: Copy>(&mut self, choices: &[T]) -> T {
        choices[(self.next_u64() % choices.len() as u64) as usize]
    }
}
