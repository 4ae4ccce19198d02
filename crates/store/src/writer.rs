//! Who is writing the store: while an import holds SQLite's write lock it
//! keeps a small `<store>-writer` file beside the store (pid, command, since
//! when), so that a second writer that has to wait can say whom it waits
//! for. The file is informational only: SQLite's lock does the excluding.
//! A file left by a killed process names a pid that no longer runs and is
//! ignored.

use std::io::Read;
use std::path::{Path, PathBuf};

/// Removes the writer file when the import ends, however it ends.
#[derive(Debug)]
pub(crate) struct Guard {
    path: PathBuf,
}

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

fn info_path(store: &Path) -> PathBuf {
    let mut name = store.file_name().unwrap_or_default().to_os_string();
    name.push("-writer");
    store.with_file_name(name)
}

/// Writes the writer file for this process (best effort).
pub(crate) fn claim(store: &Path) -> Option<Guard> {
    let path = info_path(store);
    let command: Vec<String> = std::env::args()
        .take(4)
        .map(|a| a.chars().take(60).collect())
        .collect();
    let since = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()
        .and_then(|d| chrono::DateTime::from_timestamp(i64::try_from(d.as_secs()).ok()?, 0))
        .map_or_else(String::new, |t| {
            format!(", since {}", t.format("%Y-%m-%d %H:%M:%S UTC"))
        });
    let text = format!(
        "pid {} `{}`{since}\n",
        std::process::id(),
        command.join(" ")
    );
    std::fs::write(&path, text).ok()?;
    Some(Guard { path })
}

/// What the writer file says, if it exists and names a live process.
pub(crate) fn read(store: &Path) -> Option<String> {
    let mut text = String::new();
    std::fs::File::open(info_path(store))
        .ok()?
        .take(512)
        .read_to_string(&mut text)
        .ok()?;
    let text = text.lines().next()?.trim().to_string();
    let pid: u32 = text.strip_prefix("pid ")?.split(' ').next()?.parse().ok()?;
    if pid == std::process::id() {
        return None;
    }
    // On Linux a live process has a /proc entry; elsewhere the file is
    // trusted as it is.
    let proc_root = Path::new("/proc/self");
    if proc_root.exists() && !Path::new(&format!("/proc/{pid}")).exists() {
        return None;
    }
    Some(text)
}
