//! Signatures that prove who signed: `fairness key new` and `key show`, signing with a
//! key (`run`, `amend`, `countersign`), `verify --signers` and its four outcomes, the
//! signed parts OpenSSH checks without fairness, keys required, and keys gone wrong.

use fairness::record;

use crate::harness::{Folder, Test};
use crate::records::answers;

/// The example's signer, as its answers file names them.
const SIGNER: &str = "Dr Marisol Penhallow";
const EXAMPLE: &str = "locum-prescribing";
const PASSPHRASE: &str = "lantern orchard sixpence";
/// Where `key new` puts the key in a test's folder: beside the config file the tests
/// name (see `harness::isolate`).
const KEY: &str = "no-config-here/keys/fairness_ed25519";

/// A folder with a key made by `fairness key new` for `name`, and its passphrase in
/// `pass.txt`.
fn keyed(name: &str) -> Folder {
    let folder = Folder::new();
    folder.write("pass.txt", format!("{PASSPHRASE}\n"));
    folder
        .test()
        .args([
            "key",
            "new",
            "--name",
            name,
            "--passphrase-file",
            "pass.txt",
        ])
        .stdout_contains("Made a new key, protected by your passphrase: ")
        .stdout_contains(format!(
            "\n\"{name}\" namespaces=\"fairness-record\" ssh-ed25519 AAAA"
        ))
        .run();
    folder
}

/// The line `key show` prints for `name`, as an allowed-signers file.
fn signers_line(folder: &Folder, name: &str) -> String {
    folder
        .test()
        .args(["key", "show", "--name", name])
        .stdout_matches("^\"[^\"]+\" namespaces=\"fairness-record\" ssh-ed25519 [A-Za-z0-9+/=]+\n$")
        .run()
        .stdout
}

/// `export r.yaml --format signed-parts -o parts`, for the tests OpenSSH checks.
#[cfg(unix)]
fn export_parts(folder: &Folder) -> Test<'static> {
    folder.test().args([
        "export",
        "r.yaml",
        "--format",
        "signed-parts",
        "-o",
        "parts",
    ])
}

/// `run --answers` of the example into `file`, signing with the key in force.
fn sign(folder: &Folder, file: &str) -> Test<'static> {
    folder.write("a.yaml", answers(EXAMPLE));
    folder
        .test()
        .args(["run", "--answers", "a.yaml", "-o", file])
        .env("FAIRNESS_KEY_PASSPHRASE", PASSPHRASE)
}

/// The text between `verify`'s `keys` heading and the end of its report of a record.
fn key_lines(stdout: &str) -> String {
    let at = stdout.find("\n  keys").or_else(|| stdout.find("\n  KEYS"));
    at.map(|at| stdout[at + 1..].to_owned()).unwrap_or_default()
}

#[test]
fn a_new_key_is_owner_only_protected_and_shown_as_an_allowed_signers_line() {
    let folder = keyed(SIGNER);
    let key = folder.read(KEY);
    assert!(
        key.starts_with("-----BEGIN OPENSSH PRIVATE KEY-----\n"),
        "{key}"
    );
    let public = folder.read(&format!("{KEY}.pub"));
    assert!(public.starts_with("ssh-ed25519 AAAA"), "{public}");
    assert!(public.ends_with(&format!(" {SIGNER}\n")), "{public}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &str| {
            std::fs::metadata(folder.path(p))
                .unwrap()
                .permissions()
                .mode()
        };
        assert_eq!(mode(KEY) & 0o777, 0o600);
        assert_eq!(mode("no-config-here/keys") & 0o777, 0o700);
    }
    // The name is taken from the key's public file when none is given.
    let shown = folder
        .test()
        .args(["key", "show"])
        .stdout_any()
        .run()
        .stdout;
    let base64 = public.split(' ').nth(1).unwrap();
    assert_eq!(
        shown,
        format!("\"{SIGNER}\" namespaces=\"fairness-record\" ssh-ed25519 {base64}\n")
    );
    // A key is never replaced without `--force`.
    folder
        .test()
        .args([
            "key",
            "new",
            "--name",
            SIGNER,
            "--passphrase-file",
            "pass.txt",
        ])
        .status(2)
        .stderr_contains("there is a key at `")
        .stderr_contains("`fairness key new --force` replaces it")
        .run();
    assert_eq!(folder.read(KEY), key);
    // Too short a passphrase protects nothing.
    folder.write("short.txt", "abc\n");
    folder
        .test()
        .args([
            "key",
            "new",
            "-o",
            "k2",
            "--name",
            SIGNER,
            "--passphrase-file",
            "short.txt",
        ])
        .status(2)
        .stderr_contains("the passphrase is too short")
        .absent("k2")
        .run();
    // Without a terminal and without a passphrase given, nothing is made.
    folder
        .test()
        .args(["key", "new", "-o", "k3", "--name", SIGNER])
        .status(2)
        .stderr_contains("asked for in a terminal; without one, give it with `--passphrase-file`")
        .absent("k3")
        .run();
}

#[test]
fn a_record_signed_with_a_key_says_so_and_verify_finds_it_listed_for_the_signer() {
    let folder = keyed(SIGNER);
    let ran = sign(&folder, "r.yaml")
        .stdout_contains("\n  signed with the key SHA256:")
        .stdout_contains("(the key's passphrase was read from FAIRNESS_KEY_PASSPHRASE)")
        .run();
    let text = ran.read("r.yaml");
    let record = record::from_yaml_text(&text).unwrap();
    let signature = record.key_signature.clone().expect("a key signature");
    assert!(signature.starts_with("U1NIU0lH"), "{signature}");
    // Beside the seal, outside what it covers: the seal is as it would be unkeyed.
    assert_eq!(record.seal.as_deref(), Some(record.compute_seal().as_str()));
    assert!(text.contains(&format!("\nkey_signature: \"{signature}\"\nreviews: []\n")));
    folder.write("signers", signers_line(&folder, SIGNER));
    let ran = folder
        .test()
        .args(["verify", "r.yaml", "--signers", "signers"])
        .stdout_contains("r.yaml: intact, signed by Dr Marisol Penhallow")
        .run();
    let fingerprint = ran.stdout.split("key SHA256:").nth(1).unwrap();
    let fingerprint = &fingerprint[..43];
    assert_eq!(
        key_lines(&ran.stdout),
        format!(
            "  keys, checked against `signers`:\n    signature 1: signed with the key SHA256:{fingerprint}, listed for \"{SIGNER}\" (line 1)\n"
        )
    );
    folder
        .test()
        .args([
            "verify",
            "r.yaml",
            "--signers",
            "signers",
            "--format",
            "json",
        ])
        .stdout_contains("\"outcome\": \"listed\"")
        .stdout_contains(format!("\"fingerprint\": \"SHA256:{fingerprint}\""))
        .run();
}

#[test]
fn verify_tells_a_listed_key_an_unlisted_one_a_bad_signature_and_none() {
    let folder = keyed(SIGNER);
    sign(&folder, "keyed.yaml").stdout_any().run();
    // Another key, listed for the signer's name: the record's key is then not theirs.
    folder
        .test()
        .args([
            "key",
            "new",
            "-o",
            "other",
            "--name",
            SIGNER,
            "--passphrase-file",
            "pass.txt",
        ])
        .stdout_any()
        .run();
    let other = folder
        .test()
        .args(["key", "show", "--key", "other", "--name", SIGNER])
        .stdout_any()
        .run()
        .stdout;
    folder.write("listed", signers_line(&folder, SIGNER));
    folder.write("others", &other);
    // A record signed without a key.
    folder.write("a.yaml", answers(EXAMPLE));
    folder
        .test()
        .args(["run", "--answers", "a.yaml", "-o", "unkeyed.yaml"])
        .env("FAIRNESS_KEY", "missing-on-purpose")
        .status(2)
        .stderr_contains("there is no key at `missing-on-purpose` (set by FAIRNESS_KEY)")
        .absent("unkeyed.yaml")
        .run();
    std::fs::rename(folder.path(KEY), folder.path("away")).unwrap();
    folder
        .test()
        .args(["run", "--answers", "a.yaml", "-o", "unkeyed.yaml"])
        .stdout_lacks("signed with the key")
        .run();
    // A good record whose signature has one character changed.
    let text = folder.read("keyed.yaml");
    let record = record::from_yaml_text(&text).unwrap();
    let signature = record.key_signature.unwrap();
    let at = signature.len() - 12;
    let swapped = if &signature[at..=at] == "A" { "B" } else { "A" };
    let bad = format!("{}{swapped}{}", &signature[..at], &signature[at + 1..]);
    folder.write("bad.yaml", text.replace(&signature, &bad));

    let verify = |file: &str, signers: &str| {
        (folder.test())
            .args(["verify", file, "--signers", signers])
            .stdout_any()
    };
    let listed = verify("keyed.yaml", "listed").run();
    assert!(key_lines(&listed.stdout).contains(&format!("listed for \"{SIGNER}\" (line 1)")));
    let unlisted = verify("keyed.yaml", "others").run();
    assert!(
        key_lines(&unlisted.stdout).contains("NOT LISTED: signed with the key SHA256:"),
        "{}",
        unlisted.stdout
    );
    assert!(key_lines(&unlisted.stdout).contains("but the signers file does not list this key; the signature is not shown to be \"Dr Marisol Penhallow\"'s"));
    let bad_run = verify("bad.yaml", "listed").status(1).run();
    assert!(
        bad_run
            .stdout
            .contains("\n  KEYS: A SIGNATURE DOES NOT COUNT; keys, checked against `listed`:\n"),
        "{}",
        bad_run.stdout
    );
    folder
        .test()
        .args(["verify", "bad.yaml", "keyed.yaml", "--signers", "listed"])
        .status(1)
        .stdout_contains(
            "2 records checked: 2 intact (1 with a key signature that does not count), 0 draft",
        )
        .run();
    folder
        .test()
        .args([
            "verify",
            "bad.yaml",
            "--signers",
            "listed",
            "--format",
            "json",
        ])
        .status(1)
        .stdout_contains("\"counts\": false")
        .stdout_contains("\"keys\": \"failing\"")
        .stdout_contains("\"keys_verdict\": \"failing\"")
        .stdout_contains("\"keys_required\": false")
        .run();
    assert!(
        key_lines(&bad_run.stdout).contains("BAD SIGNATURE"),
        "{}",
        bad_run.stdout
    );
    let none = verify("unkeyed.yaml", "listed").run();
    assert_eq!(
        key_lines(&none.stdout),
        "  keys, checked against `listed`:\n    signature 1: no key: signed without a key\n"
    );
    // Where keys are required, an unlisted key and no key fail too.
    verify("unkeyed.yaml", "listed")
        .args(["--require-keys"])
        .status(1)
        .stdout_contains("keys are required (`require_keys`): this signature does not count")
        .run();
    verify("keyed.yaml", "others")
        .env("FAIRNESS_REQUIRE_KEYS", "true")
        .status(1)
        .run();
    verify("keyed.yaml", "listed")
        .args(["--require-keys"])
        .run();
    // The JSON says which, for each.
    for (file, signers, outcome) in [
        ("keyed.yaml", "listed", "listed"),
        ("keyed.yaml", "others", "unlisted"),
        ("bad.yaml", "listed", "bad"),
        ("unkeyed.yaml", "listed", "no-key"),
    ] {
        verify(file, signers)
            .args(["--format", "json"])
            .status_in(&[0, 1])
            .stdout_contains(format!("\"outcome\": \"{outcome}\""))
            .run();
    }
}

#[test]
fn a_seal_made_again_over_changed_bytes_or_two_signatures_swapped_are_caught() {
    let folder = keyed(SIGNER);
    sign(&folder, "r.yaml").stdout_any().run();
    folder.write("signers", signers_line(&folder, SIGNER));
    // Anyone can change a record and seal it again: the seal then holds, the key
    // signature does not.
    let mut record = record::from_yaml_text(&folder.read("r.yaml")).unwrap();
    record.sign_off.as_mut().unwrap().role = "Someone else".to_owned();
    record.seal = Some(record.compute_seal());
    folder.write("resealed.yaml", record::to_yaml(&record));
    folder
        .test()
        .args(["verify", "resealed.yaml", "--signers", "signers"])
        .status(1)
        .stdout_contains("resealed.yaml: intact")
        .stdout_contains("signature 1: BAD SIGNATURE: the signature by the key SHA256:")
        .stdout_contains("does not match what it signs")
        .run();

    // Countersigned with the reviewer's own key: two signatures, then swapped.
    const REVIEWER: &str = "Dr Ilse Marrow";
    folder
        .test()
        .args([
            "key",
            "new",
            "-o",
            "reviewer",
            "--name",
            REVIEWER,
            "--passphrase-file",
            "pass.txt",
        ])
        .stdout_any()
        .run();
    folder.write(
        "review.yaml",
        format!(
            "format: fairness-review/1\noutcome: countersigned\nmeaning: independent-reviewer\nname: {REVIEWER}\nrole: Medical Director\ndeclaration_confirmed: true\n"
        ),
    );
    folder
        .test()
        .args([
            "countersign",
            "r.yaml",
            "--answers",
            "review.yaml",
            "--key",
            "reviewer",
        ])
        .env("FAIRNESS_KEY_PASSPHRASE", PASSPHRASE)
        .stdout_contains("\n  signed with the key SHA256:")
        .stdout_contains("\n  (the key's passphrase was read from FAIRNESS_KEY_PASSPHRASE)\n")
        .run();
    let reviewer = folder
        .test()
        .args(["key", "show", "--key", "reviewer"])
        .stdout_any()
        .run()
        .stdout;
    folder.write(
        "signers",
        format!("{}{reviewer}", signers_line(&folder, SIGNER)),
    );
    let both = folder
        .test()
        .args(["verify", "r.yaml", "--signers", "signers"])
        .stdout_any()
        .run();
    let lines = key_lines(&both.stdout);
    assert!(
        lines.contains("signature 1: signed with the key SHA256:"),
        "{lines}"
    );
    assert!(
        lines.contains(&format!("listed for \"{SIGNER}\" (line 1)")),
        "{lines}"
    );
    assert!(
        lines.contains(&format!("listed for \"{REVIEWER}\" (line 2)")),
        "{lines}"
    );
    let text = folder.read("r.yaml");
    let record = record::from_yaml_text(&text).unwrap();
    let first = record.key_signature.clone().unwrap();
    let second = record.reviews[0].key_signature.clone().unwrap();
    let swapped = text
        .replace(&first, "FIRST")
        .replace(&second, &first)
        .replace("FIRST", &second);
    folder.write("swapped.yaml", swapped);
    let ran = folder
        .test()
        .args(["verify", "swapped.yaml", "--signers", "signers"])
        .status(1)
        .stdout_any()
        .run();
    let lines = key_lines(&ran.stdout);
    assert_eq!(lines.matches("BAD SIGNATURE").count(), 2, "{lines}");
}

#[test]
fn unkeyed_sign_off_is_refused_where_keys_are_required_naming_the_setting() {
    let folder = Folder::new();
    folder.write("no-config-here/config.yaml", "require_keys: true\n");
    folder.write("a.yaml", answers(EXAMPLE));
    folder
        .test()
        .args(["run", "--answers", "a.yaml", "-o", "r.yaml"])
        .status(2)
        .stderr_contains(
            "every signature must be made with a key (`require_keys` is set, by the config file `",
        )
        .stderr_contains("nothing was signed")
        .absent("r.yaml")
        .run();
    folder
        .test()
        .args(["config"])
        .stdout_contains(
            "require_keys:  true: every signature must be made with a key [from the config file]",
        )
        .run();
    // The same from the environment, with a value it does not take said plainly.
    let other = Folder::new();
    other.write("a.yaml", answers(EXAMPLE));
    other
        .test()
        .args(["run", "--answers", "a.yaml", "-o", "r.yaml"])
        .env("FAIRNESS_REQUIRE_KEYS", "true")
        .status(2)
        .stderr_contains("(`require_keys` is set, by FAIRNESS_REQUIRE_KEYS)")
        .absent("r.yaml")
        .run();
    other
        .test()
        .args(["config"])
        .env("FAIRNESS_REQUIRE_KEYS", "sometimes")
        .status(2)
        .stderr_contains("FAIRNESS_REQUIRE_KEYS: `sometimes` is neither true nor false")
        .run();
}

#[test]
fn keys_gone_wrong_each_say_why_and_nothing_is_signed() {
    let folder = keyed(SIGNER);
    folder.write("a.yaml", answers(EXAMPLE));
    let run = || {
        folder
            .test()
            .args(["run", "--answers", "a.yaml", "-o", "r.yaml"])
            .absent("r.yaml")
    };
    run()
        .env("FAIRNESS_KEY_PASSPHRASE", "not the passphrase")
        .status(2)
        .stderr_contains("the passphrase does not unlock the key `")
        .run();
    run()
        .status(2)
        .stderr_contains(
            "give it in a file with `--passphrase-file`, or in FAIRNESS_KEY_PASSPHRASE",
        )
        .run();
    folder.write("empty.txt", "\n");
    run()
        .args(["--passphrase-file", "empty.txt"])
        .status(2)
        .stderr_contains("the passphrase file `empty.txt` is empty")
        .run();
    run()
        .args(["--key", "nowhere"])
        .status(2)
        .stderr_contains(
            "there is no key at `nowhere` (set by `--key`): make one with `fairness key new`",
        )
        .run();
    // A public key (readable by all, as public keys are) is named as one.
    folder.write("public", folder.read(&format!("{KEY}.pub")));
    run()
        .args(["--key", "public"])
        .status(2)
        .stderr_contains("`public` is a public key: give the private key it goes with")
        .run();
    // A signer whose key is revoked, or listed only until a time now past.
    let line = signers_line(&folder, SIGNER);
    let public = folder.read(&format!("{KEY}.pub"));
    folder.write("revoked", format!("# lost laptop\n{public}"));
    run()
        .env("FAIRNESS_KEY_PASSPHRASE", PASSPHRASE)
        .env("FAIRNESS_REVOKED_KEYS", "revoked")
        .env("FAIRNESS_SIGNERS", "signers")
        .file("signers", &line)
        .status(2)
        .stderr_contains(
            "is revoked (it is in `revoked`, line 2): it can no longer sign, and nothing was signed",
        )
        .run();
    let expired = line.replace(
        "namespaces=\"fairness-record\"",
        "namespaces=\"fairness-record\",valid-before=\"20250101Z\"",
    );
    run()
        .env("FAIRNESS_KEY_PASSPHRASE", PASSPHRASE)
        .env("FAIRNESS_SIGNERS", "expired")
        .file("expired", &expired)
        .status(2)
        .stderr_contains("lists this key for the name only until 2025-01-01")
        .stderr_contains("nothing was signed")
        .run();
    // A bad line of the signers file is placed.
    run()
        .env("FAIRNESS_KEY_PASSPHRASE", PASSPHRASE)
        .env("FAIRNESS_SIGNERS", "broken")
        .file("broken", format!("{line}\"Unclosed ssh-ed25519 AAAA\n"))
        .status(1)
        .stderr_contains("broken:2:1")
        .stderr_contains("a double quote is not closed")
        .run();
    // With the key listed and good, the same run signs; verify then finds a revoked
    // key's signature, and fails the record.
    folder
        .test()
        .args(["run", "--answers", "a.yaml", "-o", "r.yaml"])
        .env("FAIRNESS_KEY_PASSPHRASE", PASSPHRASE)
        .env("FAIRNESS_SIGNERS", "signers")
        .file("signers", &line)
        .stdout_contains("signed with the key")
        .run();
    folder
        .test()
        .args([
            "verify",
            "r.yaml",
            "--signers",
            "signers",
            "--revoked-keys",
            "revoked",
        ])
        .status(1)
        .stdout_contains("signature 1: REVOKED: signed with the key SHA256:")
        .run();
}

#[cfg(unix)]
#[test]
fn a_key_file_others_can_read_is_refused_as_openssh_refuses_it() {
    use std::os::unix::fs::PermissionsExt;
    let folder = keyed(SIGNER);
    std::fs::set_permissions(folder.path(KEY), std::fs::Permissions::from_mode(0o644)).unwrap();
    sign(&folder, "r.yaml")
        .status(2)
        .stderr_contains(
            "can be read by others (mode 0644), so fairness will not use it, as OpenSSH will not",
        )
        .stderr_contains("chmod 600")
        .absent("r.yaml")
        .run();
    folder
        .test()
        .args(["key", "show"])
        .status(2)
        .stderr_contains("can be read by others")
        .run();
}

/// Whether OpenSSH's ssh-keygen is here; CI installs it (FAIRNESS_ALL_TOOLS), so
/// there its absence fails the test.
#[cfg(unix)]
fn ssh_keygen() -> bool {
    let here = std::process::Command::new("ssh-keygen")
        .arg("-?")
        .output()
        .is_ok();
    assert!(
        here || std::env::var_os("FAIRNESS_ALL_TOOLS").is_none(),
        "ssh-keygen is needed (Debian's openssh-client)"
    );
    here
}

/// Runs a line of VERIFY.txt in `folder` through `sh`: its status and output.
#[cfg(unix)]
fn check_with_openssh(folder: &std::path::Path, line: &str) -> (bool, String) {
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(line)
        .current_dir(folder)
        .output()
        .unwrap();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), said)
}

#[cfg(unix)]
#[test]
fn openssh_accepts_the_signed_parts_of_a_key_made_by_fairness_and_catches_a_changed_byte() {
    if !ssh_keygen() {
        return;
    }
    let folder = keyed(SIGNER);
    sign(&folder, "r.yaml").stdout_any().run();
    let ran = export_parts(&folder)
        .stdout_contains("Wrote the signed parts of 1 key signature from 1 record to parts")
        .run();
    assert_eq!(
        folder.list("parts"),
        ["VERIFY.txt", "r.sig-1.signed", "r.sig-1.signed.sig"]
    );
    // The bytes signed are the record up to its seal line: what the seal covers.
    let text = folder.read("r.yaml");
    let signed = folder.read("parts/r.sig-1.signed");
    assert_eq!(signed, text[..text.find("\nseal: ").unwrap() + 1]);
    let commands = folder.read("parts/VERIFY.txt");
    assert!(ran.stdout.contains(&commands));
    let line = commands
        .lines()
        .find(|l| l.starts_with("ssh-keygen -Y verify"))
        .unwrap();
    assert!(line.contains(&format!("-I '{SIGNER}' -n fairness-record -Overify-time=")));
    assert!(
        line.contains("-f allowed_signers -r revoked_keys "),
        "{line}"
    );
    folder.write("parts/allowed_signers", signers_line(&folder, SIGNER));
    folder.write("parts/revoked_keys", "");
    let parts = folder.path("parts");
    let (good, said) = check_with_openssh(&parts, line);
    assert!(good, "{said}");
    assert!(
        said.contains(&format!(
            "Good \"fairness-record\" signature for {SIGNER} with ED25519 key SHA256:"
        )),
        "{said}"
    );
    // The key revoked: OpenSSH refuses it too, as verify does.
    folder.write("parts/revoked_keys", folder.read(&format!("{KEY}.pub")));
    let (good, said) = check_with_openssh(&parts, line);
    assert!(!good, "{said}");
    folder.write("parts/revoked_keys", "");
    // One byte of what was signed changed: OpenSSH refuses it.
    folder.write(
        "parts/r.sig-1.signed",
        signed.replacen("Case manager", "Case managez", 1),
    );
    let (good, said) = check_with_openssh(&parts, line);
    assert!(!good, "{said}");
    // Nothing is written over: the same export again is refused.
    export_parts(&folder)
        .status(2)
        .stderr_contains("already exists")
        .run();
    folder
        .test()
        .args(["export", "r.yaml", "--format", "signed-parts"])
        .status(2)
        .stderr_contains("name the folder for them with `-o FOLDER`")
        .run();
}

#[cfg(unix)]
#[test]
fn a_key_made_by_ssh_keygen_signs_in_fairness_and_openssh_checks_it() {
    if !ssh_keygen() {
        return;
    }
    let folder = Folder::new();
    let made = std::process::Command::new("ssh-keygen")
        .args([
            "-q", "-t", "ed25519", "-N", PASSPHRASE, "-C", "laptop", "-f",
        ])
        .arg(folder.path("id_ed25519"))
        .status()
        .unwrap();
    assert!(made.success());
    folder.write("pass.txt", format!("{PASSPHRASE}\n"));
    folder.write("a.yaml", answers(EXAMPLE));
    folder
        .test()
        .args([
            "run",
            "--answers",
            "a.yaml",
            "-o",
            "r.yaml",
            "--key",
            "id_ed25519",
        ])
        .args(["--passphrase-file", "pass.txt"])
        .stdout_contains("(the key's passphrase was read from `pass.txt`)")
        .run();
    let fingerprint = std::process::Command::new("ssh-keygen")
        .arg("-lf")
        .arg(folder.path("id_ed25519.pub"))
        .output()
        .unwrap();
    let fingerprint = String::from_utf8(fingerprint.stdout).unwrap();
    let fingerprint = fingerprint.split(' ').nth(1).unwrap().to_owned();
    let line = folder
        .test()
        .args(["key", "show", "--key", "id_ed25519", "--name", SIGNER])
        .stdout_any()
        .run()
        .stdout;
    folder.write("signers", &line);
    folder
        .test()
        .args(["verify", "r.yaml", "--signers", "signers"])
        .stdout_contains(format!(
            "signature 1: signed with the key {fingerprint}, listed for \"{SIGNER}\" (line 1)"
        ))
        .run();
    export_parts(&folder).stdout_any().run();
    folder.write("parts/allowed_signers", &line);
    folder.write("parts/revoked_keys", "");
    let commands = folder.read("parts/VERIFY.txt");
    let check = commands
        .lines()
        .find(|l| l.starts_with("ssh-keygen"))
        .unwrap();
    let (good, said) = check_with_openssh(&folder.path("parts"), check);
    assert!(good, "{said}");
}

/// A draft in a folder with the signer's key, resumed in a terminal and taken to
/// sign-off, at the prompt for the key's passphrase.
#[cfg(unix)]
fn at_the_passphrase(folder: &Folder) -> crate::pty::Pty<'static> {
    folder.write("draft.yaml", crate::records::draft());
    folder
        .pty()
        .args(["run", "--resume", "draft.yaml"])
        .width(100)
        .height(40)
        .expect("Enter more · q stop · Esc save and leave")
        .send("q")
        .expect("What next?")
        .pick_here(0)
        .expect("Before you sign: the case on one screen")
        .line("Your name", SIGNER)
        .line("Your role", "Case manager")
        .expect("Declaration")
        .line("Type your name to sign", SIGNER)
        .expect("Signing with your key `")
        .expect("Passphrase for your key")
}

#[cfg(unix)]
#[test]
fn in_a_terminal_the_passphrase_is_asked_never_shown_and_a_wrong_one_asked_again() {
    let folder = keyed(SIGNER);
    let ran = at_the_passphrase(&folder)
        .send("wrong guess\r")
        .expect("that passphrase does not unlock the key; try again")
        .expect("Passphrase for your key")
        .send(format!("{PASSPHRASE}\r"))
        .expect("Signed and sealed")
        .expect("  signed with the key SHA256:")
        .run();
    assert!(!ran.stdout.contains("wrong guess"), "{}", ran.stdout);
    assert!(!ran.stdout.contains(PASSPHRASE), "{}", ran.stdout);
    let record = record::from_yaml_text(&folder.read("draft.yaml")).unwrap();
    assert!(record.key_signature.is_some());
}

/// Three passphrases that do not unlock the key: the sign-off is given up on, and
/// the draft stays a draft.
#[cfg(unix)]
#[test]
fn in_a_terminal_three_wrong_passphrases_sign_nothing_and_go_back() {
    let folder = keyed(SIGNER);
    at_the_passphrase(&folder)
        .send("one\r")
        .expect("try again")
        .send("two\r")
        .expect("try again")
        .send("three\r")
        .expect("was not unlocked after three")
        .expect("Nothing was signed: back to the review.")
        .expect("Review · what needs attention")
        .key(crate::pty::Key::Esc)
        .status(130)
        .run();
    let record = record::from_yaml_text(&folder.read("draft.yaml")).unwrap();
    assert_eq!(record.status, record::Status::Draft);
    assert!(record.key_signature.is_none());
}

#[test]
fn an_amendment_is_signed_with_the_key_and_checked_as_the_first_version_is() {
    const FIX: &str = "format: fairness-answers/1\ncase:\n  reference: CASE-2026-104\nanswers:\n  concern-raised-on:\n    answer: \"2026-04-06\"\n    note: The date of the ward sister's email to the pharmacy.\n    reason: The email was sent on the 6th, not the 7th.\nsign_off:\n  name: Dr Wren Okafor\n  role: Case manager\n";
    let folder = keyed("Dr Wren Okafor");
    folder.write("case.yaml", answers("pharmacist-informal"));
    folder.write("fix.yaml", FIX);
    let amend = |passphrase: &str| {
        (folder.test())
            .args([
                "amend",
                "CASE-2026-104.yaml",
                "--reason",
                "The concern date was wrong",
            ])
            .args(["--answers", "fix.yaml"])
            .env("FAIRNESS_KEY_PASSPHRASE", passphrase)
    };
    folder
        .test()
        .args(["run", "--answers", "case.yaml"])
        .env("FAIRNESS_KEY_PASSPHRASE", PASSPHRASE)
        .stdout_any()
        .run();
    // A wrong passphrase writes no new version.
    amend("not it")
        .status(2)
        .stderr_contains("the passphrase does not unlock the key")
        .absent("CASE-2026-104-v2.yaml")
        .run();
    amend(PASSPHRASE)
        .stdout_contains("Signed and sealed: CASE-2026-104-v2.yaml\n")
        .stdout_contains("  signed with the key SHA256:")
        .run();
    // One key for both names here: the first version's signer is the example's.
    folder.write(
        "signers",
        signers_line(&folder, "Tobias Wrenfield") + &signers_line(&folder, "Dr Wren Okafor"),
    );
    let ran = folder
        .test()
        .args(["verify", "CASE-2026-104.yaml", "CASE-2026-104-v2.yaml"])
        .args(["--signers", "signers", "--require-keys"])
        .stdout_any()
        .run();
    let said = &ran.stdout;
    assert!(
        said.contains("listed for \"Tobias Wrenfield\" (line 1)"),
        "{said}"
    );
    assert!(
        said.contains("listed for \"Dr Wren Okafor\" (line 2)"),
        "{said}"
    );
}

#[cfg(unix)]
#[test]
fn a_reviewer_countersigns_with_a_key_in_a_terminal_and_esc_at_the_passphrase_writes_nothing() {
    use crate::pty::Key;
    const REVIEWER: &str = "Dr Ilse Marrow";
    let folder = keyed(REVIEWER);
    let before = crate::records::signed("ni-surgeon-restriction");
    folder.write("r.yaml", &before);
    let to_passphrase = |pty: crate::pty::Pty<'static>| {
        pty.height(60)
            .args(["countersign", "r.yaml"])
            .expect("What do you do with this record?")
            .pick_here(0)
            .expect("You review this record as")
            .pick_here(0)
            .line("Your name", REVIEWER)
            .line("Your role", "Medical Director")
            .line("Type your name to countersign", REVIEWER)
            .line("A comment", "")
            .expect("Signing with your key `")
            .expect("Passphrase for your key")
    };
    to_passphrase(folder.pty())
        .key(Key::Esc)
        .expect("Nothing was written: the record is as it was.")
        .status(130)
        .run();
    assert_eq!(folder.read("r.yaml"), before);
    // Three passphrases that do not unlock the key: given up on, nothing written.
    to_passphrase(folder.pty())
        .send("not it\r")
        .expect("that passphrase does not unlock the key; try again")
        .send("nor this\r")
        .expect("that passphrase does not unlock the key; try again")
        .send("nor that\r")
        .expect("was not unlocked after three")
        .expect("nothing was signed")
        .status(2)
        .run();
    assert_eq!(folder.read("r.yaml"), before);
    to_passphrase(folder.pty())
        .send(format!("{PASSPHRASE}\r"))
        .expect("Countersigned: r.yaml")
        .run();
    let after = record::from_yaml_text(&folder.read("r.yaml")).unwrap();
    assert!(after.reviews[0].key_signature.is_some());
    assert!(after.key_signature.is_none(), "the signer used no key");
}

#[cfg(unix)]
#[test]
fn an_ecdsa_key_is_refused_with_the_command_that_makes_an_ed25519_one() {
    if !ssh_keygen() {
        return;
    }
    let folder = Folder::new();
    let made = std::process::Command::new("ssh-keygen")
        .args(["-q", "-t", "ecdsa", "-N", "", "-f"])
        .arg(folder.path("ec"))
        .status()
        .unwrap();
    assert!(made.success());
    folder.write("a.yaml", answers(EXAMPLE));
    folder
        .test()
        .args(["run", "--answers", "a.yaml", "-o", "r.yaml", "--key", "ec"])
        .status(2)
        .stderr_contains("`ec` is an OpenSSH key of another kind (ECDSA, say); fairness signs with Ed25519 keys only")
        .stderr_contains("`ssh-keygen -t ed25519`")
        .absent("r.yaml")
        .run();
}

#[cfg(unix)]
#[test]
fn a_key_without_a_passphrase_signs_with_a_warning() {
    if !ssh_keygen() {
        return;
    }
    let folder = Folder::new();
    let made = std::process::Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-f"])
        .arg(folder.path("open"))
        .status()
        .unwrap();
    assert!(made.success());
    folder.write("a.yaml", answers(EXAMPLE));
    folder
        .test()
        .args([
            "run",
            "--answers",
            "a.yaml",
            "-o",
            "r.yaml",
            "--key",
            "open",
        ])
        .stdout_contains("  signed with the key SHA256:")
        .stderr_contains(
            "the key `open` has no passphrase: anyone who can open its file can sign as you",
        )
        .run();
}

#[test]
fn a_record_whose_signature_does_not_count_is_not_countersigned_or_amended() {
    const REVIEWER: &str = "Dr Ilse Marrow";
    let folder = keyed(SIGNER);
    sign(&folder, "r.yaml").stdout_any().run();
    folder.write("signers", signers_line(&folder, SIGNER));
    // Changed and sealed again: the seal holds, the key signature does not.
    let mut record = record::from_yaml_text(&folder.read("r.yaml")).unwrap();
    record.sign_off.as_mut().unwrap().role = "Someone else".to_owned();
    record.seal = Some(record.compute_seal());
    let forged = record::to_yaml(&record);
    folder.write("forged.yaml", &forged);
    folder.write(
        "review.yaml",
        format!(
            "format: fairness-review/1\noutcome: countersigned\nmeaning: independent-reviewer\nname: {REVIEWER}\nrole: Medical Director\ndeclaration_confirmed: true\n"
        ),
    );
    folder
        .test()
        .args(["countersign", "forged.yaml", "--answers", "review.yaml"])
        .env("FAIRNESS_KEY", "away")
        .status(2)
        .stderr_contains("there is no key at `away`")
        .run();
    std::fs::rename(folder.path(KEY), folder.path("mine")).unwrap();
    folder
        .test()
        .args(["countersign", "forged.yaml", "--answers", "review.yaml"])
        .status(2)
        .stderr_contains(
            "the record cannot be countersigned: its signature 1 does not count (BAD SIGNATURE",
        )
        .run();
    assert_eq!(folder.read("forged.yaml"), forged);
    folder
        .test()
        .args([
            "amend",
            "forged.yaml",
            "--reason",
            "A date was wrong",
            "--answers",
            "a.yaml",
        ])
        .status(2)
        .stderr_contains("the record cannot be amended: its signature 1 does not count")
        .absent("forged-v2.yaml")
        .run();
    // The signer cannot countersign their own record in another name with their key.
    folder
        .test()
        .args([
            "countersign",
            "r.yaml",
            "--answers",
            "review.yaml",
            "--key",
            "mine",
        ])
        .env("FAIRNESS_KEY_PASSPHRASE", PASSPHRASE)
        .status(2)
        .stderr_contains(
            "your key made signature 1 of this record: a countersignature must be someone else's",
        )
        .run();
}

#[cfg(unix)]
#[test]
fn nothing_a_signer_types_in_their_name_is_run_by_the_checking_command() {
    if !ssh_keygen() {
        return;
    }
    const NAME: &str = "Dr $(touch PWNED) O'Brien `touch PWNED2`";
    let folder = keyed(NAME);
    folder.write("a.yaml", answers(EXAMPLE).replace(SIGNER, NAME));
    folder
        .test()
        .args(["run", "--answers", "a.yaml", "-o", "r.yaml"])
        .env("FAIRNESS_KEY_PASSPHRASE", PASSPHRASE)
        .stdout_any()
        .run();
    export_parts(&folder).stdout_any().run();
    let commands = folder.read("parts/VERIFY.txt");
    let line = commands
        .lines()
        .find(|l| l.starts_with("ssh-keygen"))
        .unwrap();
    assert!(
        line.contains("-I 'Dr $(touch PWNED) O'\\''Brien `touch PWNED2`' "),
        "{line}"
    );
    folder.write("parts/allowed_signers", signers_line(&folder, NAME));
    folder.write("parts/revoked_keys", "");
    let (good, said) = check_with_openssh(&folder.path("parts"), line);
    assert!(good, "{said}");
    assert!(!folder.exists("parts/PWNED") && !folder.exists("parts/PWNED2"));
    // A record file whose name a shell would read is given a plain one.
    std::fs::copy(folder.path("r.yaml"), folder.path("x$(touch PWNED3).yaml")).unwrap();
    folder
        .test()
        .args([
            "export",
            "x$(touch PWNED3).yaml",
            "--format",
            "signed-parts",
            "-o",
            "p2",
        ])
        .stdout_any()
        .run();
    assert_eq!(
        folder.list("p2"),
        [
            "VERIFY.txt",
            "record-1.sig-1.signed",
            "record-1.sig-1.signed.sig"
        ]
    );
}

#[test]
fn verify_heads_a_record_whose_key_fails_and_quiet_still_shows_it() {
    let folder = keyed(SIGNER);
    sign(&folder, "r.yaml").stdout_any().run();
    folder.write("others", "\"Someone Else\" ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOtherKeyOtherKeyOtherKeyOtherKeyOtherKe\n");
    let ran = folder
        .test()
        .args(["verify", "r.yaml", "--signers", "others", "--require-keys"])
        .status(1)
        .stdout_contains(
            "r.yaml: intact (its seal holds), but A KEY SIGNATURE DOES NOT COUNT; signed by",
        )
        .run();
    folder
        .test()
        .args([
            "verify",
            "-q",
            "r.yaml",
            "--signers",
            "others",
            "--require-keys",
        ])
        .status(1)
        .stdout(&ran.stdout)
        .run();
    folder
        .test()
        .args(["verify", "-q", "r.yaml", "--signers", "others"])
        .stdout("")
        .run();
}

#[cfg(unix)]
#[test]
fn ctrl_c_at_the_passphrase_stops_signs_nothing_and_keeps_the_draft() {
    use crate::pty::Key;
    let folder = keyed(SIGNER);
    let draft = crate::records::draft();
    folder.write("draft.yaml", &draft);
    folder
        .pty()
        .args(["run", "--resume", "draft.yaml"])
        .width(100)
        .height(40)
        .expect("Enter more · q stop · Esc save and leave")
        .send("q")
        .expect("What next?")
        .pick_here(0)
        .expect("Before you sign: the case on one screen")
        .line("Your name", SIGNER)
        .line("Your role", "Case manager")
        .line("Type your name to sign", SIGNER)
        .expect("Passphrase for your key")
        .send("half typed")
        .key(Key::CtrlC)
        .expect("Draft saved")
        .status(130)
        .run();
    let record = record::from_yaml_text(&folder.read("draft.yaml")).unwrap();
    assert!(record.sign_off.is_none() && record.key_signature.is_none());
}
