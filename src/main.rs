fn main() -> std::process::ExitCode {
    fairness::app::run(std::env::args_os())
}
