//! One fictional case: its facts drawn first (who, where, what happened, when, the
//! route and the measures), then every item the checklist asks answered from them,
//! through the library exactly as a sitting answers it (`Item::accept_on`,
//! `Checklist::apply`), and the record signed (`Checklist::sign`).

use jiff::Span;
use jiff::civil::{Date, date};

use fairness::checklist::Checklist;
use fairness::framework::{Item, KindId, NoteNeed};
use fairness::record::{FrameworkSource, Record, Signer};

use super::people::Person;
use super::rng::Rng;

/// The first and last day any date of a case may fall on.
pub const FIRST_DAY: Date = date(2023, 4, 1);
pub const LAST_DAY: Date = date(2026, 10, 31);

/// The share of cases that go to a formal route (`formal` or `performers-list-action`):
/// the one difference built into the data. Cases of ethnic-minority practitioners go
/// formal twice as often as those of white practitioners; cases whose ethnicity is not
/// stated go at the white rate.
pub const FORMAL_WHITE: f64 = 0.10;
pub const FORMAL_MINORITY: f64 = 0.20;

/// The word in every note and text answer, so that a test can show that none of them
/// reaches a report.
pub const MARKER: &str = "NOTE-TEXT-MARKER";

/// What a reviewer will do with a record that needs a countersignature.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Plan {
    Countersign,
    Await,
    Return,
}

/// The facts of one case, from which every answer follows.
#[derive(Clone, Debug)]
pub struct Case {
    pub reference: String,
    pub staff_group: &'static str,
    pub in_training: bool,
    pub nation: &'static str,
    pub setting: &'static str,
    pub policy: &'static str,
    pub concern: Date,
    pub told: Date,
    pub advice: Option<Date>,
    pub decided: Date,
    /// The day the record is written up and signed.
    pub signed: Date,
    /// The day a reviewer looks at it, when it needs a countersignature.
    pub reviewed: Date,
    pub incident: bool,
    pub learning_concern: bool,
    pub being_fair: bool,
    pub interim: &'static str,
    /// When the interim measure started and is next reviewed; `None` while it is only
    /// proposed (or when there is none).
    pub measure: Option<(Date, Date)>,
    pub route: &'static str,
    pub referral: bool,
    pub decision_review: Option<Date>,
    pub plan: Plan,
    /// The stream the answers' wording and the checks' answers are drawn from.
    answers: Rng,
}

/// `days` after `day`.
pub fn plus(day: Date, days: i64) -> Date {
    day.checked_add(Span::new().days(days))
        .expect("dates stay well inside jiff's range")
}

/// The days from `from` to `to`.
pub fn days(from: Date, to: Date) -> i64 {
    i64::from(from.until(to).expect("dates in range").get_days())
}

/// A record's timestamp: `seconds` after 09:00 UTC on `day`.
pub fn stamp(day: Date, seconds: i64) -> String {
    day.at(9, 0, 0, 0)
        .checked_add(Span::new().seconds(seconds))
        .expect("in range")
        .strftime("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

impl Case {
    /// Case `n` (from 1) of the run seeded `seed`, of the practitioner `person`.
    pub fn draw(seed: u64, n: usize, person: &Person) -> Case {
        let mut rng = Rng::stream(seed, 2, n as u64);
        let staff_group = rng.weighted(&[
            ("doctor", 60),
            ("dentist", 18),
            ("pharmacist", 16),
            ("other", 6),
        ]);
        let in_training = staff_group == "doctor" && rng.chance(0.25);
        let nation = rng.weighted(&[("england", 76), ("wales", 14), ("northern-ireland", 10)]);
        let setting = match staff_group {
            "doctor" if !in_training && rng.chance(0.22) => "primary-care-performers-list",
            "doctor" => rng.weighted(&[("secondary-or-community", 95), ("other", 5)]),
            "dentist" => rng.weighted(&[
                ("primary-care-performers-list", 65),
                ("secondary-or-community", 30),
                ("other", 5),
            ]),
            "pharmacist" => rng.weighted(&[
                ("primary-care-contract", 60),
                ("secondary-or-community", 38),
                ("other", 2),
            ]),
            _ => rng.weighted(&[("secondary-or-community", 75), ("other", 25)]),
        };
        let policy = policy(&mut rng, nation, staff_group, setting);

        // Only the route depends on the practitioner, and only on their ethnicity.
        let formal_rate = match person.ethnic_minority() {
            Some(true) => FORMAL_MINORITY,
            Some(false) | None => FORMAL_WHITE,
        };
        let route = if rng.chance(formal_rate) {
            if setting == "primary-care-performers-list" && rng.chance(0.7) {
                "performers-list-action"
            } else {
                "formal"
            }
        } else {
            rng.weighted(&[
                ("no-further-action", 28),
                ("informal", 32),
                ("remediation-plan", 18),
                ("advice-referral", 14),
                ("other", 8),
            ])
        };
        let interim = if rng.chance(0.16) {
            let kind = rng.weighted(&[
                ("restriction", 35),
                ("immediate-exclusion", 10),
                ("formal-exclusion", 20),
                ("suspension", 15),
                ("conditions-or-undertakings", 20),
            ]);
            // Suspension is Northern Ireland's word, and the performers lists'.
            let suspends =
                nation == "northern-ireland" || setting == "primary-care-performers-list";
            match kind {
                "suspension" if !suspends => "formal-exclusion",
                "formal-exclusion" | "immediate-exclusion" if suspends => "suspension",
                other => other,
            }
        } else {
            "none"
        };
        let referral = rng.chance(0.08);
        let incident = rng.chance(0.3);
        let learning_concern = incident && rng.chance(0.5);
        let being_fair =
            learning_concern && rng.chance(if nation == "england" { 0.8 } else { 0.6 });

        // The timeline, in days after the concern was raised.
        let told = rng.between(0, 21);
        let advice = rng.chance(0.65).then(|| rng.between(1, 30));
        let decided = told.max(advice.unwrap_or(0)) + rng.between(7, 120);
        let measure = (interim != "none" && !rng.chance(0.1)).then(|| {
            let start = rng.between(0, 20).min(decided);
            // Most are reviewed within weeks; some run past the six-month norm.
            let length = match rng.weighted(&[(0, 50), (1, 35), (2, 15)]) {
                0 => rng.between(14, 56),
                1 => rng.between(57, 180),
                _ => rng.between(190, 420),
            };
            (start, start + length)
        });
        let signed = decided + rng.between(0, 10);
        let decision_review = (route != "no-further-action" && rng.chance(0.9))
            .then(|| decided + rng.between(28, 120));
        let reviewed = signed + rng.between(1, 12);
        let plan = rng.weighted(&[
            (Plan::Countersign, 80),
            (Plan::Await, 12),
            (Plan::Return, 8),
        ]);
        // Room after the last date for an amendment and its review (`--exclusions`).
        let last = [Some(reviewed), measure.map(|m| m.1), decision_review]
            .into_iter()
            .flatten()
            .max()
            .unwrap_or(reviewed)
            + 30;
        let concern = plus(FIRST_DAY, rng.between(0, days(FIRST_DAY, LAST_DAY) - last));
        let at = |d: i64| plus(concern, d);
        Case {
            reference: super::reference(n),
            staff_group,
            in_training,
            nation,
            setting,
            policy,
            concern,
            told: at(told),
            advice: advice.map(at),
            decided: at(decided),
            signed: at(signed),
            reviewed: at(reviewed),
            incident,
            learning_concern,
            being_fair,
            interim,
            measure: measure.map(|(s, r)| (at(s), at(r))),
            route,
            referral,
            decision_review: decision_review.map(at),
            plan,
            answers: Rng::stream(seed, 3, n as u64),
        }
    }

    /// The record of this case as a sitting on its signing day leaves it, every item
    /// asked answered, before it is signed; answers stop after `steps` items asked, for
    /// a draft left part-way.
    pub fn draft(
        &mut self,
        list: &Checklist,
        digest: &str,
        steps: usize,
    ) -> Result<Record, String> {
        let today = self.signed.to_string();
        let mut record = list.new_record(
            &self.reference,
            digest,
            &FrameworkSource::BuiltIn,
            &stamp(self.signed, 0),
        );
        let mut asked = 0;
        for i in 0..list.steps.len() {
            if asked == steps {
                break;
            }
            if !list.visible(&record)[i] || list.is_preset(i) {
                continue;
            }
            asked += 1;
            let item = list.steps[i].item;
            let Some((answer, note)) = self.answer(item) else {
                continue;
            };
            let given = item
                .accept_on(&answer, note.as_deref(), &today)
                .map_err(|e| format!("{}, `{}`: {e}", self.reference, item.id.value))?;
            let at = stamp(self.signed, 45 * asked as i64);
            list.apply(&mut record, i, &given, &at);
            record.case.updated = at;
        }
        Ok(record)
    }

    /// The signed record of this case.
    pub fn signed_record(&mut self, list: &Checklist, digest: &str) -> Result<Record, String> {
        let mut record = self.draft(list, digest, usize::MAX)?;
        if let Some(m) = list.missing(&record).first() {
            return Err(format!("{}: {m}", self.reference));
        }
        if let Some(d) = list.dates_out_of_order(&record).first() {
            return Err(format!("{}: {d}", self.reference));
        }
        list.sign(&mut record, &self.signer(), &stamp(self.signed, 7200));
        Ok(record)
    }

    /// The case manager who signs.
    pub fn signer(&self) -> Signer {
        const NAMES: [&str; 6] = [
            "Dr Avery Linfield",
            "Dr Jordan Haskett",
            "Morgan Tey",
            "Dr Sam Orrinsford",
            "Dr Riley Ashcombe",
            "Casey Wendell",
        ];
        let role = match self.staff_group {
            "pharmacist" => "Chief Pharmacist, case manager",
            "dentist" => "Dental Clinical Lead, case manager",
            _ => "Associate Medical Director, case manager",
        };
        let n: usize = self.reference.bytes().map(usize::from).sum();
        Signer {
            name: NAMES[n % NAMES.len()].to_owned(),
            role: role.to_owned(),
        }
    }

    /// The answer to `item` in this case, with its note; `None` leaves an optional item
    /// unanswered.
    pub fn answer(&mut self, item: &Item) -> Option<(String, Option<String>)> {
        let id = item.id.value.as_str();
        let answer = match item.answer.kind() {
            KindId::Check => self.check(id).to_owned(),
            KindId::Choice => self.choice(item)?,
            KindId::Date => self.date(id)?.to_string(),
            KindId::Text => return self.text(id).map(|t| (t, None)),
        };
        let need = item.answer.note_need(item.note, &answer);
        let note = match need {
            NoteNeed::Required => true,
            _ if answer == "no" || answer == "not-applicable" => true,
            NoteNeed::None => false,
            _ => self.answers.chance(0.35),
        }
        .then(|| self.note(id, &answer));
        Some((answer, note))
    }

    fn check(&mut self, id: &str) -> &'static str {
        let yes = |b: bool| if b { "yes" } else { "no" };
        let needs_check = self.interim != "none"
            || matches!(self.route, "formal" | "performers-list-action")
            || self.referral;
        let r = &mut self.answers;
        match id {
            "doctor-in-training" => yes(self.in_training),
            "patient-safety-incident" => yes(self.incident),
            "learning-response-concern" => yes(self.learning_concern),
            "being-fair-used" => yes(self.being_fair),
            "advice-contacted" => yes(self.advice.is_some()),
            "regulator-referral" => yes(self.referral),
            "independent-check" if needs_check => r.weighted(&[("yes", 90), ("no", 10)]),
            "independent-check" => r.weighted(&[("not-applicable", 80), ("yes", 20)]),
            "no-measure-reasons" => r.weighted(&[("not-applicable", 60), ("yes", 35), ("no", 5)]),
            // The items most often answered No, as case reviews find them.
            "early-feedback" => r.weighted(&[("yes", 70), ("no", 22), ("not-applicable", 8)]),
            "induction-and-support" => r.weighted(&[("yes", 80), ("no", 20)]),
            "timescales-kept" => r.weighted(&[("yes", 82), ("no", 18)]),
            "system-factors" => r.weighted(&[("yes", 85), ("no", 15)]),
            "reasonable-adjustments" => {
                r.weighted(&[("yes", 65), ("not-applicable", 30), ("no", 5)])
            }
            "communication-needs" => r.weighted(&[("yes", 84), ("not-applicable", 10), ("no", 6)]),
            _ => r.weighted(&[("yes", 94), ("no", 6)]),
        }
    }

    fn choice(&mut self, item: &Item) -> Option<String> {
        let id = item.id.value.as_str();
        let r = &mut self.answers;
        let chosen = match id {
            "staff-group" => self.staff_group,
            "nation" => self.nation,
            "setting" => self.setting,
            "policy-england" | "policy-wales" | "policy-northern-ireland" => self.policy,
            "interim-measure" => self.interim,
            "route" => self.route,
            "concern-type" => r.weighted(&[
                ("conduct", 24),
                ("clinical-capability", 34),
                ("health", 10),
                ("team-or-system", 12),
                ("more-than-one", 14),
                ("not-yet-clear", 6),
            ]),
            "circumstances" => r.weighted(&[
                ("none", 52),
                ("new-to-nhs-or-uk", 14),
                ("locum-agency-or-bank", 14),
                ("isolated-role", 12),
                ("more-than-one", 8),
            ]),
            "being-fair-outcome" => r.weighted(&[
                ("system-learning", 45),
                ("support-for-individual", 30),
                ("referral-to-policy", 15),
                ("not-yet-known", 10),
            ]),
            // An item added to the framework later: one of its options.
            _ => return item.answer.answers().map(|all| r.pick(&all).to_owned()),
        };
        Some(chosen.to_owned())
    }

    fn date(&self, id: &str) -> Option<Date> {
        match id {
            "concern-raised-on" => Some(self.concern),
            "practitioner-told-on" => Some(self.told),
            "advice-contacted-on" => self.advice,
            "measure-started-on" => self.measure.map(|m| m.0),
            "measure-review-on" => self.measure.map(|m| m.1),
            "decided-on" => Some(self.decided),
            "review-on" => self.decision_review,
            _ => Some(self.concern),
        }
    }

    fn text(&mut self, id: &str) -> Option<String> {
        let r = &mut self.answers;
        let version = r.between(2, 9);
        let text = match id {
            "policy-document" => format!(
                "The organisation's local policy for managing concerns about practitioners, version {version}.{}, adopted by the board in {} (fictional document, {MARKER}).",
                r.between(0, 4),
                self.concern.year() - 1
            ),
            "case-roles" => format!(
                "Case manager: associate medical director for the division. Case investigator: a senior colleague from another directorate, trained in the role. Designated board member: a non-executive director. HR adviser: a senior HR business partner. All fictional roles ({MARKER})."
            ),
            "comparator" => format!(
                "A hypothetical colleague of the same grade and specialty, on the same rota and with the same length of service, facing the same concern. Nothing material differs; the same response would be made ({MARKER})."
            ),
            "rationale" => format!(
                "{} The practitioner's account and the circumstances of the service were weighed, and the response chosen is the least intrusive one that deals with the risk. Each of the five Principles was considered; see the notes above ({MARKER}).",
                rationale(self.route)
            ),
            "actions" if r.chance(0.15) => return None,
            "actions" => format!(
                "Review meeting with the practitioner within four weeks (case manager). Confirm the agreed support in writing (HR adviser). Check progress against the plan at the review date (case manager). Fictional actions ({MARKER})."
            ),
            "advice-given" => format!(
                "Advice suggested gathering the facts before any decision, considering the local context and support, and keeping the practitioner informed; it offered a follow-up call ({MARKER})."
            ),
            "route-other" => format!(
                "A facilitated conversation with the team, arranged locally, because the concern lay mainly in how the rota was run ({MARKER})."
            ),
            "referral-system-pressures" => format!(
                "Staffing gaps on the rota and a new electronic system were considered; they contributed in part but do not explain the concern on their own ({MARKER})."
            ),
            "referral-induction" => format!(
                "Qualified in the UK, or given the organisation's induction for practitioners new to UK practice, with a named supervisor for the first months ({MARKER})."
            ),
            "referral-fairness-checks" => format!(
                "A senior clinician not involved in the case reviewed the referral against what would be done for a colleague in the same circumstances ({MARKER})."
            ),
            _ => format!("Recorded in the case file; fictional text ({MARKER})."),
        };
        Some(text)
    }

    fn note(&mut self, id: &str, answer: &str) -> String {
        let r = &mut self.answers;
        let why = match answer {
            "no" => r.pick(&[
                "This was not done at the time; the reason is in the case file and it is being put right",
                "Not yet: it is planned before the next meeting with the practitioner",
                "Not done, because the concern was escalated at once to keep patients safe",
            ]),
            "not-applicable" => r.pick(&[
                "Not applicable in this case; the practitioner was asked and agreed",
                "None of the steps this item covers is proposed",
            ]),
            _ => r.pick(&[
                "Confirmed with the practitioner and recorded in the meeting notes",
                "Done at the first meeting and followed up in writing",
                "Checked by the case manager against the policy",
                "Discussed with the HR adviser and agreed",
            ]),
        };
        format!("{why} ({id}; fictional note, {MARKER}).")
    }
}

/// The policy that governs a case, from the nation, the staff group and the setting.
fn policy(rng: &mut Rng, nation: &str, group: &str, setting: &str) -> &'static str {
    let listed = setting == "primary-care-performers-list";
    let medical = matches!(group, "doctor" | "dentist");
    let local = rng.chance(0.2);
    match nation {
        "england" if listed => "performers-lists-england",
        "england" if group == "pharmacist" && setting == "primary-care-contract" => {
            "performance-advisory-group"
        }
        "england" if medical && !local => "mhps",
        "wales" if listed => "performers-lists-wales",
        "wales" if medical && !local => "upholding-professional-standards",
        "northern-ireland" if listed => "disciplinary-procedures-regulations",
        "northern-ireland" if medical && !local => "mhps-hpss",
        _ => "local-policy",
    }
}

/// The first sentence of a rationale, for the route decided.
fn rationale(route: &str) -> &'static str {
    match route {
        "no-further-action" => {
            "The facts gathered did not support the concern, so no further action is needed."
        }
        "informal" => {
            "The concern is best resolved informally, through feedback and agreed support."
        }
        "remediation-plan" => {
            "A supported plan, agreed with the practitioner, deals with the gaps found."
        }
        "advice-referral" => {
            "An assessment arranged through Practitioner Performance Advice will clarify the concern."
        }
        "formal" => {
            "The concern is serious enough, and specific enough, to need a formal process under the policy."
        }
        "performers-list-action" => {
            "The concern calls for action under the performers list regulations."
        }
        _ => "None of the usual routes fits this concern, for the reasons given.",
    }
}
