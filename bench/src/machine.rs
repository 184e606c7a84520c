//! Facts about where and when the benchmarks ran, for the report header.

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{SystemTime, UNIX_EPOCH};

#[derive(Clone, Debug)]
pub struct Machine {
    pub date_utc: String,
    pub cpu: String,
    pub cores: usize,
    pub memory: String,
    pub os: String,
    pub rustc: String,
    pub cc: String,
    pub ruby: String,
    pub revision: String,
    /// `$CC` and `$CFLAGS`, which change what `naruby --aot` builds.
    pub compiler_env: String,
}

const UNKNOWN: &str = "unknown";

/// Gathers the facts; anything unavailable reads "unknown".
pub fn collect(workspace: &Path, cc: &str, ruby: Option<&str>) -> Machine {
    let cpuinfo = fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let meminfo = fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let os_release = fs::read_to_string("/etc/os-release").unwrap_or_default();
    let cores = processor_count(&cpuinfo)
        .or_else(|| std::thread::available_parallelism().ok().map(|n| n.get()))
        .unwrap_or(1);
    let mut cc_words = cc.split_whitespace();
    let cc_program = cc_words.next().unwrap_or("cc");
    let cc_version = first_line(
        cc_program,
        &cc_words.chain(["--version"]).collect::<Vec<_>>(),
        None,
    );
    Machine {
        date_utc: utc_timestamp(now_unix_seconds()),
        cpu: cpu_model(&cpuinfo).unwrap_or_else(|| UNKNOWN.into()),
        cores,
        memory: memory_total(&meminfo).unwrap_or_else(|| UNKNOWN.into()),
        os: pretty_name(&os_release).unwrap_or_else(|| UNKNOWN.into()),
        rustc: first_line("rustc", &["-V"], None).unwrap_or_else(|| UNKNOWN.into()),
        cc: cc_version.unwrap_or_else(|| UNKNOWN.into()),
        ruby: ruby.unwrap_or("not installed").to_string(),
        revision: git_revision(workspace).unwrap_or_else(|| UNKNOWN.into()),
        compiler_env: compiler_env(),
    }
}

fn compiler_env() -> String {
    let describe = |name: &str| match std::env::var(name) {
        Ok(value) => format!("{name}=`{value}`"),
        Err(_) => format!("{name} unset"),
    };
    format!("{}, {}", describe("CC"), describe("CFLAGS"))
}

/// The first line a command prints on stdout, if it runs successfully.
pub fn first_line(program: &str, args: &[&str], dir: Option<&Path>) -> Option<String> {
    let mut command = Command::new(program);
    command
        .args(args)
        .stdin(Stdio::null())
        .stderr(Stdio::null());
    if let Some(dir) = dir {
        command.current_dir(dir);
    }
    let output = command.output().ok()?;
    if !output.status.success() {
        return None;
    }
    let text = String::from_utf8_lossy(&output.stdout);
    text.lines().next().map(|l| l.trim().to_string())
}

/// Short HEAD hash, with `-dirty` when the work tree has changes.
fn git_revision(workspace: &Path) -> Option<String> {
    let head = first_line("git", &["rev-parse", "--short", "HEAD"], Some(workspace))?;
    let status = Command::new("git")
        .args(["status", "--porcelain"])
        .current_dir(workspace)
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    let dirty = !status.stdout.iter().all(u8::is_ascii_whitespace);
    Some(if dirty { format!("{head}-dirty") } else { head })
}

fn field<'a>(text: &'a str, key: &str, separator: char) -> Option<&'a str> {
    text.lines().find_map(|line| {
        let (k, v) = line.split_once(separator)?;
        (k.trim() == key).then(|| v.trim())
    })
}

fn cpu_model(cpuinfo: &str) -> Option<String> {
    field(cpuinfo, "model name", ':').map(str::to_string)
}

fn processor_count(cpuinfo: &str) -> Option<usize> {
    let n = cpuinfo
        .lines()
        .filter(|l| {
            l.split_once(':')
                .is_some_and(|(k, _)| k.trim() == "processor")
        })
        .count();
    (n > 0).then_some(n)
}

fn memory_total(meminfo: &str) -> Option<String> {
    let kib: f64 = field(meminfo, "MemTotal", ':')?
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(format!("{:.1} GiB", kib / (1024.0 * 1024.0)))
}

fn pretty_name(os_release: &str) -> Option<String> {
    field(os_release, "PRETTY_NAME", '=').map(|v| v.trim_matches('"').to_string())
}

fn now_unix_seconds() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// `YYYY-MM-DD HH:MM UTC` for seconds since the Unix epoch.
pub fn utc_timestamp(unix_seconds: u64) -> String {
    let days = unix_seconds / 86_400;
    let second_of_day = unix_seconds % 86_400;
    let (year, month, day) = civil_date(days);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02} UTC",
        second_of_day / 3600,
        second_of_day % 3600 / 60
    )
}

/// Gregorian date of a day count since 1970-01-01, counting in 400-year eras
/// that start on March 1st so leap days fall at the end of a year.
fn civil_date(days_since_epoch: u64) -> (u64, u64, u64) {
    const DAYS_PER_ERA: u64 = 146_097;
    // 1970-01-01 is day 719_468 counted from 0000-03-01.
    let days = days_since_epoch + 719_468;
    let era = days / DAYS_PER_ERA;
    let day_of_era = days % DAYS_PER_ERA;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let march_month = (5 * day_of_year + 2) / 153; // 0 = March
    let day = day_of_year - (153 * march_month + 2) / 5 + 1;
    let month = if march_month < 10 {
        march_month + 3
    } else {
        march_month - 9
    };
    let year = year_of_era + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_proc_and_os_release() {
        let cpuinfo = "processor\t: 0\nmodel name\t: Test CPU @ 3GHz\n\nprocessor\t: 1\nmodel name\t: Test CPU @ 3GHz\n";
        assert_eq!(cpu_model(cpuinfo).as_deref(), Some("Test CPU @ 3GHz"));
        assert_eq!(processor_count(cpuinfo), Some(2));
        assert_eq!(processor_count(""), None);
        let meminfo = "MemTotal:       24731708 kB\nMemFree: 1 kB\n";
        assert_eq!(memory_total(meminfo).as_deref(), Some("23.6 GiB"));
        let os = "NAME=\"Debian\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n";
        assert_eq!(
            pretty_name(os).as_deref(),
            Some("Debian GNU/Linux 12 (bookworm)")
        );
    }

    #[test]
    fn utc_dates() {
        assert_eq!(utc_timestamp(0), "1970-01-01 00:00 UTC");
        assert_eq!(utc_timestamp(951_782_400), "2000-02-29 00:00 UTC");
        assert_eq!(utc_timestamp(1_709_164_800 + 3_723), "2024-02-29 01:02 UTC");
        assert_eq!(utc_timestamp(1_735_689_599), "2024-12-31 23:59 UTC");
    }
}
