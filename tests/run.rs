use crate::harness::old::Test;

#[test]
fn run_without_a_terminal_refuses_at_once_and_points_to_answers_files() {
    Test::new()
        .args(["run"])
        .run()
        .code(2)
        .stderr_has("asks its questions in a terminal")
        .stderr_has("fairness run --answers FILE")
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
        .args(["run", "--migrate"])
        .run()
        .code(2)
        .stderr_has("--resume");
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
