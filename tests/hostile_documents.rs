//! Issue 32, source documents: a document is someone else's file, and may be broken or hostile.
//! Each hostile document is made here by the test (none is shipped), then read as a user reads
//! it, through the binary: `argmap check MAP --documents DIR`. Every read is bounded in time
//! and memory (a child process with a deadline and a memory limit), so each gives one clear
//! warning naming the file, no panic message, and argmap goes on.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers may panic: that is a failed test

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

mod common;

/// The shipped map, its document renamed `file`, written into `dir`.
fn map_naming(dir: &Path, file: &str) -> std::path::PathBuf {
    let map = argmap::MINUSMA_RON.replace("mali-coup-un-peacekeepers.txt", file);
    let path = dir.join("map.ron");
    std::fs::write(&path, map).unwrap();
    path
}

/// `argmap check MAP --documents DIR` with the document limits `seconds` and `megabytes`, killed
/// (a failure) if it runs longer than a minute.
fn check(map: &Path, dir: &Path, seconds: u32, megabytes: u32) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_argmap"))
        .args(["check", map.to_str().unwrap(), "--documents", dir.to_str().unwrap()])
        .env("ARGMAP_DOCUMENT_SECONDS", seconds.to_string())
        .env("ARGMAP_DOCUMENT_MB", megabytes.to_string())
        .env("RUST_BACKTRACE", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("argmap check still running after 60 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

/// The one warning `check` gives about the document, which must name it; nothing else on stderr
/// (no panic message, no backtrace).
fn warning(o: &Output, file: &str) -> String {
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(o.status.success(), "a warning, not a failure: {err}");
    assert!(
        !err.contains("panicked") && !err.contains("backtrace") && !err.contains("RUST_BACKTRACE"),
        "{err}"
    );
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "one warning: {err}");
    assert!(lines[0].contains(file) && lines[0].contains("its quotes not verified"), "{err}");
    lines[0].to_owned()
}

/// A PDF of `objects` (each the text between `N 0 obj` and `endobj`), with its cross-reference
/// table and trailer, object 1 its catalogue.
fn pdf(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        writeln!(out, "{} 0 obj", i + 1).unwrap();
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    write!(out, "xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).unwrap();
    for o in offsets {
        writeln!(out, "{o:010} 00000 n ").unwrap();
    }
    write!(out, "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1)
        .unwrap();
    out
}

/// A content stream object whose data is `data`, under `filter` if any.
fn stream(data: &[u8], filter: Option<&str>) -> Vec<u8> {
    let filter = filter.map(|f| format!(" /Filter /{f}")).unwrap_or_default();
    let mut out = format!("<< /Length {}{filter} >>\nstream\n", data.len()).into_bytes();
    out.extend_from_slice(data);
    out.extend_from_slice(b"\nendstream");
    out
}

const PAGE_TEXT: &[u8] = b"BT /F1 12 Tf 72 720 Td (A sentence on the page.) Tj ET";
const FONT: &str = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";

#[test]
fn issue32_a_pdf_whose_page_tree_is_its_own_parent_is_stopped_at_its_deadline() {
    let dir = common::scratch("hostile-documents", "loop");
    // The page inherits its resources: looking them up climbs /Parent, which is itself.
    let loop_pdf = pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 /Parent 2 0 R >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>".to_vec(),
        stream(PAGE_TEXT, None),
    ]);
    std::fs::write(dir.join("loop.pdf"), &loop_pdf).unwrap();
    let start = Instant::now();
    let said = warning(&check(&map_naming(&dir, "loop.pdf"), &dir, 3, 512), "loop.pdf");
    // A loop for ever where the reader is optimised, recursion to the stack's end where not.
    assert!(
        said.contains("took longer than 3 s") || said.contains("nests deeper than argmap follows"),
        "{said}"
    );
    assert!(start.elapsed() < Duration::from_secs(30), "stopped, not left running");
}

#[test]
fn issue32_a_flate_bomb_is_stopped_at_its_memory_limit() {
    let dir = common::scratch("hostile-documents", "bomb");
    // A megabyte of zeros deflated ends in a sync flush: its bytes, repeated, are a valid
    // stream of blocks, each a megabyte of zeros. 768 of them: 768 MB from under a megabyte.
    use miniz_oxide::deflate::core::{
        CompressorOxide, TDEFLFlush, compress, create_comp_flags_from_zip_params,
    };
    let mut compressor = CompressorOxide::new(create_comp_flags_from_zip_params(9, -15, 0));
    let zeros = vec![0u8; 1 << 20];
    let mut chunk = vec![0u8; 1 << 16];
    let (_, _, written) = compress(&mut compressor, &zeros, &mut chunk, TDEFLFlush::Sync);
    chunk.truncate(written);
    let mut data = vec![0x78, 0xda]; // a zlib header
    for _ in 0..768 {
        data.extend_from_slice(&chunk);
    }
    data.extend_from_slice(&[0x03, 0x00, 0, 0, 0, 0]); // a final empty block and a checksum
    let bomb = pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 {FONT} >> >> >>")
            .into_bytes(),
        stream(&data, Some("FlateDecode")),
    ]);
    std::fs::write(dir.join("bomb.pdf"), &bomb).unwrap();
    let said = warning(&check(&map_naming(&dir, "bomb.pdf"), &dir, 60, 256), "bomb.pdf");
    assert!(said.contains("needs more than 256 MB of memory"), "{said}");
}

#[test]
fn issue32_an_html_table_a_billion_columns_wide_is_read_or_refused_without_a_panic_message() {
    let dir = common::scratch("hostile-documents", "colspan");
    std::fs::write(dir.join("page.html"), "<table><tr><td colspan=\"1000000000\">x</td></tr></table>")
        .unwrap();
    let o = check(&map_naming(&dir, "page.html"), &dir, 20, 1024);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success() && !err.contains("panicked") && !err.contains("backtrace"), "{err}");
    // Read (its quotes then not found in it), or refused in one warning naming it.
    let refused = err.lines().find(|l| l.contains("its quotes not verified"));
    assert!(refused.is_none_or(|l| l.contains("page.html")), "{err}");
    assert!(refused.is_some() || err.contains("its quote is no longer found"), "{err}");
}

#[test]
fn issue32_deeply_nested_and_huge_html_pages_are_stopped() {
    let dir = common::scratch("hostile-documents", "html");
    let nested = format!("{}x{}", "<div>".repeat(100_000), "</div>".repeat(100_000));
    std::fs::write(dir.join("nested.html"), nested).unwrap();
    let said = warning(&check(&map_naming(&dir, "nested.html"), &dir, 2, 1024), "nested.html");
    assert!(said.contains("took longer than 2 s") || said.contains("needs more than"), "{said}");
    let huge = "<p>A paragraph of an enormous page, one of very many.</p>\n".repeat(120_000);
    std::fs::write(dir.join("huge.html"), huge).unwrap();
    let said = warning(&check(&map_naming(&dir, "huge.html"), &dir, 60, 128), "huge.html");
    assert!(said.contains("needs more than 128 MB of memory"), "{said}");
}

#[test]
fn issue32_a_good_pdf_reads_through_the_child_and_its_quote_is_checked() {
    let dir = common::scratch("hostile-documents", "good");
    let good = pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 {FONT} >> >> >>")
            .into_bytes(),
        stream(PAGE_TEXT, None),
    ]);
    std::fs::write(dir.join("good.pdf"), &good).unwrap();
    let o = check(&map_naming(&dir, "good.pdf"), &dir, 20, 1024);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    // Read: every quote of the shipped map is reported as not in it (it holds one sentence).
    assert!(err.contains("its quote is no longer found in document cips-2020"), "{err}");
    assert!(!err.contains("its quotes not verified"), "{err}");
}

#[test]
fn issue32_special_files_missing_folders_and_links_out_of_the_folder_are_named() {
    let dir = common::scratch("hostile-documents", "special");
    // A folder where the document should be.
    std::fs::create_dir(dir.join("folder.txt")).unwrap();
    let said = warning(&check(&map_naming(&dir, "folder.txt"), &dir, 20, 1024), "folder.txt");
    assert!(said.contains("is a folder, not a document"), "{said}");
    // A link to the system's password file.
    std::os::unix::fs::symlink("/etc/passwd", dir.join("passwd.txt")).unwrap();
    let said = warning(&check(&map_naming(&dir, "passwd.txt"), &dir, 20, 1024), "passwd.txt");
    assert!(said.contains("a link leading out of its folder"), "{said}");
    // A FIFO: named as one, and reading does not wait for a writer.
    assert!(Command::new("mkfifo").arg(dir.join("pipe.txt")).status().unwrap().success());
    let said = warning(&check(&map_naming(&dir, "pipe.txt"), &dir, 20, 1024), "pipe.txt");
    assert!(said.contains("is a FIFO (a pipe), not a document"), "{said}");
    // A --documents folder that is not there is said.
    let map = map_naming(&dir, "mali-coup-un-peacekeepers.txt");
    let o = Command::new(env!("CARGO_BIN_EXE_argmap"))
        .args(["check", map.to_str().unwrap(), "--documents", "/no/such/folder"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("warning: --documents /no/such/folder: does not exist"), "{err}");
}

#[test]
fn issue32_a_terminated_export_leaves_no_temporary_file_and_the_old_file_as_it_was() {
    let dir = common::scratch("hostile-documents", "sigterm");
    let out = dir.join("picture.svg");
    std::fs::write(&out, "the old picture").unwrap();
    // Paused (debug builds only) between the finished temporary file and the rename.
    let mut child = Command::new(env!("CARGO_BIN_EXE_argmap"))
        .args([
            "export",
            concat!(env!("CARGO_MANIFEST_DIR"), "/maps/mali-minusma.ron"),
            out.to_str().unwrap(),
        ])
        .env("ARGMAP_TEST_PAUSE_BEFORE_RENAME_MS", "5000")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let temporary = || {
        std::fs::read_dir(&*dir).unwrap().flatten().any(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
    };
    let start = Instant::now();
    while !temporary() && start.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(temporary(), "the export is writing");
    rustix::process::kill_process(rustix::process::Pid::from_child(&child), rustix::process::Signal::TERM)
        .unwrap();
    let status = child.wait().unwrap();
    assert_eq!(
        std::os::unix::process::ExitStatusExt::into_raw(status) >> 8,
        128 + 15,
        "exits as SIGTERM asks"
    );
    assert!(!temporary(), "its temporary file is gone");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "the old picture");
}
