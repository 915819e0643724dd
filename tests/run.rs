use crate::harness::Test;

#[test]
fn run_says_it_is_not_built_yet() {
    Test::new()
        .args(["run"])
        .run()
        .code(2)
        .stderr_has("`fairness run` is not built yet")
        .stdout_lacks("Principle");
}

#[test]
fn usage_errors_exit_two_and_help_exits_zero() {
    Test::new()
        .args(["validate"])
        .run()
        .code(2)
        .stderr_has("FILE");
    Test::new()
        .args(["frobnicate"])
        .run()
        .code(2)
        .stderr_has("unrecognized subcommand");
    Test::new()
        .args(["--help"])
        .run()
        .code(0)
        .stdout_has("validate")
        .stdout_has("Exit codes: 0 success");
    Test::new()
        .args(["--version"])
        .run()
        .code(0)
        .stdout_has("fairness ");
}
