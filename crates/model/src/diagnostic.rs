//! Problems found in the input, reported as data.
use serde::{Deserialize, Serialize};

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The item could not be read at all; nothing of it is stored.
    Error,
    /// The item was read, but something in it was repaired or guessed.
    Warning,
}

/// A problem with one input item, with a stable code (tests assert codes, not wording) and the
/// place it was found: file, and line or byte where known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// Stable code, e.g. `D101`; the catalogue lives with the crate that emits it.
    pub code: String,
    /// Error or warning.
    pub severity: Severity,
    /// Human-readable explanation.
    pub message: String,
    /// The file (or URL) the item came from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// 1-based line number in that file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// 0-based byte offset in that file (or in the decompressed stream).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub byte: Option<u64>,
}

impl Diagnostic {
    /// An error diagnostic.
    pub fn error(code: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code: code.to_string(),
            severity: Severity::Error,
            message: message.into(),
            file: None,
            line: None,
            byte: None,
        }
    }

    /// A warning diagnostic.
    pub fn warning(code: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message)
        }
    }

    /// Sets the file.
    pub fn in_file(mut self, file: impl Into<String>) -> Diagnostic {
        self.file = Some(file.into());
        self
    }

    /// Sets the line.
    pub fn at_line(mut self, line: u64) -> Diagnostic {
        self.line = Some(line);
        self
    }

    /// Sets the byte offset.
    pub fn at_byte(mut self, byte: u64) -> Diagnostic {
        self.byte = Some(byte);
        self
    }

    /// `file:line` / `file@byte` / `file`, or `-` when unknown.
    pub fn location(&self) -> String {
        let file = self.file.as_deref().unwrap_or("-");
        match (self.line, self.byte) {
            (Some(l), _) => format!("{file}:{l}"),
            (None, Some(b)) => format!("{file}@byte {b}"),
            (None, None) => file.to_string(),
        }
    }
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {} [{}]", self.location(), self.message, self.code)
    }
}
