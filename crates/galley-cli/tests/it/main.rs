//! The CLI contract that scripts rely on, tested through the real binary on a real store.

mod articles;
mod backup;
mod cli;
mod export;
mod faults;
mod import;
mod large;
mod search;
mod sync;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

/// A store in a temporary folder, and a way to run `galley-cli` on it.
pub struct Galley {
    pub dir: tempfile::TempDir,
}

/// What a run printed and how it ended.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {self:?}"))
    }

    #[track_caller]
    pub fn ok(self) -> Run {
        assert_eq!(self.code, 0, "{self:?}");
        self
    }
}

#[allow(clippy::new_without_default)]
impl Galley {
    pub fn new() -> Galley {
        Galley { dir: tempfile::tempdir().unwrap() }
    }

    pub fn store(&self) -> PathBuf {
        self.dir.path().join("store.sqlite3")
    }

    pub fn file(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    /// Runs `galley-cli --store STORE ARGS…`.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with_stdin(args, "")
    }

    pub fn run_with_stdin(&self, args: &[&str], stdin: &str) -> Run {
        let mut command = Command::new(env!("CARGO_BIN_EXE_galley-cli"));
        command.arg("--store").arg(self.store()).args(args);
        run(command, stdin)
    }

    /// The id of the sample article every new store starts with.
    pub fn sample_id(&self) -> String {
        let list = self.run(&["list", "--json"]).ok().json();
        list[0]["id"].as_str().unwrap().to_owned()
    }
}

pub fn run(mut command: Command, stdin: &str) -> Run {
    use std::io::Write;
    command.env_remove("GALLEY_STORE").stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = command.spawn().unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    let Output { status, stdout, stderr } = child.wait_with_output().unwrap();
    Run {
        code: status.code().expect("exited, not killed"),
        stdout: String::from_utf8(stdout).unwrap(),
        stderr: String::from_utf8(stderr).unwrap(),
    }
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures").join(name)
}
