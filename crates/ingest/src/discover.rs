//! Expanding files and directories into inputs.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use dateline_model::Diagnostic;
use walkdir::WalkDir;

use crate::{codes, Input};

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str()
        .is_some_and(|s| s.starts_with('.') && s != "." && s != "..")
}

fn path_error(path: &Path, err: &io::Error) -> Diagnostic {
    let name = path.display().to_string();
    let dangling = err.kind() == io::ErrorKind::NotFound
        && fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    let d = if dangling {
        Diagnostic::error(codes::NOT_FOUND, format!("dangling symbolic link: {err}"))
    } else if err.kind() == io::ErrorKind::NotFound {
        Diagnostic::error(
            codes::NOT_FOUND,
            format!("no such file or directory: {err}"),
        )
    } else {
        Diagnostic::error(codes::UNREADABLE, format!("cannot read: {err}"))
    };
    d.in_file(name)
}

fn not_regular(path: &Path) -> Diagnostic {
    Diagnostic::error(
        codes::NOT_REGULAR,
        "not a regular file or directory (FIFO, socket or device)",
    )
    .in_file(path.display().to_string())
}

/// See [`crate::discover`].
pub(crate) fn discover(paths: &[PathBuf]) -> (Vec<Input>, Vec<Diagnostic>) {
    let mut inputs = Vec::new();
    let mut diags = Vec::new();
    for root in paths {
        let meta = match fs::metadata(root) {
            Ok(m) => m,
            Err(e) => {
                diags.push(path_error(root, &e));
                continue;
            }
        };
        if meta.is_file() {
            inputs.push(Input {
                path: root.clone(),
                size: meta.len(),
            });
            continue;
        }
        if !meta.is_dir() {
            diags.push(not_regular(root));
            continue;
        }
        let walker = WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
        for entry in walker {
            match entry {
                Ok(e) => {
                    let ft = e.file_type();
                    if ft.is_dir() {
                        continue;
                    }
                    if !ft.is_file() {
                        diags.push(not_regular(e.path()));
                        continue;
                    }
                    match e.metadata() {
                        Ok(m) => inputs.push(Input {
                            path: e.into_path(),
                            size: m.len(),
                        }),
                        Err(err) => {
                            let io = err
                                .io_error()
                                .map(|e| io::Error::new(e.kind(), e.to_string()));
                            let io = io.unwrap_or_else(|| io::Error::other(err.to_string()));
                            diags.push(path_error(e.path(), &io));
                        }
                    }
                }
                Err(err) => {
                    let path = err
                        .path()
                        .map(Path::to_path_buf)
                        .unwrap_or_else(|| root.clone());
                    let d = if err.loop_ancestor().is_some() {
                        Diagnostic::error(codes::UNREADABLE, "symbolic-link loop")
                            .in_file(path.display().to_string())
                    } else {
                        let io = err
                            .io_error()
                            .map(|e| io::Error::new(e.kind(), e.to_string()));
                        let io = io.unwrap_or_else(|| io::Error::other(err.to_string()));
                        path_error(&path, &io)
                    };
                    diags.push(d);
                }
            }
        }
    }
    (inputs, diags)
}
