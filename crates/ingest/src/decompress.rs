//! Streaming decompression (gzip, zstd), with errors marked so a broken compressed stream is
//! told apart from an I/O error.

use std::fmt;
use std::io::{self, BufRead, Read};

use ruzstd::decoding::{BlockDecodingStrategy, FrameDecoder};

/// The error a [`Decompressed`] reader turns every error into.
#[derive(Debug)]
struct CorruptStream {
    format: &'static str,
    cause: String,
}

impl fmt::Display for CorruptStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.format, self.cause)
    }
}

impl std::error::Error for CorruptStream {}

/// True when `err` came out of a decompressor.
pub(crate) fn is_corrupt_stream(err: &io::Error) -> bool {
    err.get_ref().is_some_and(|e| e.is::<CorruptStream>())
}

/// Wraps a decompressor and marks its errors as [`CorruptStream`].
pub(crate) struct Decompressed<R> {
    format: &'static str,
    inner: R,
}

impl<R> Decompressed<R> {
    pub fn new(format: &'static str, inner: R) -> Decompressed<R> {
        Decompressed { format, inner }
    }
}

impl<R: Read> Read for Decompressed<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            match self.inner.read(buf) {
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) if is_corrupt_stream(&e) => return Err(e),
                Err(e) => {
                    let kind = e.kind();
                    return Err(io::Error::new(
                        kind,
                        CorruptStream {
                            format: self.format,
                            cause: e.to_string(),
                        },
                    ));
                }
                ok => return ok,
            }
        }
    }
}

/// Largest compressed block payload allowed by the zstd format.
const MAX_BLOCK: usize = 128 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ZState {
    /// Before a frame, or at the end.
    BetweenFrames,
    /// Inside a frame; `checksum` when the frame ends with a content checksum.
    InFrame { checksum: bool },
    /// The frame's last block is decoded: hand out what is left, then check the checksum.
    Draining,
    /// The stream broke and everything decoded before was handed out.
    Failed,
}

/// A streaming zstd decoder over all frames of a stream (skippable frames skipped, checksums
/// checked).
///
/// It feeds the [`FrameDecoder`] one complete block at a time. The decoder keeps the last
/// window of decoded bytes until its frame ends; when the stream breaks (truncated or corrupt),
/// the frame is closed with a synthetic empty last block so that everything decoded before the
/// damage is still handed out, and only then is the error returned.
pub(crate) struct ZstdReader<R> {
    src: R,
    dec: FrameDecoder,
    unit: Vec<u8>,
    state: ZState,
    verify_checksum: bool,
    pending: Option<io::Error>,
}

impl<R: BufRead> ZstdReader<R> {
    pub fn new(src: R) -> ZstdReader<R> {
        ZstdReader {
            src,
            dec: FrameDecoder::new(),
            unit: Vec::with_capacity(MAX_BLOCK + 8),
            state: ZState::BetweenFrames,
            verify_checksum: true,
            pending: None,
        }
    }

    /// Appends exactly `n` bytes from the source to `unit`.
    fn take(&mut self, n: usize, what: &str) -> io::Result<()> {
        let start = self.unit.len();
        self.unit.resize(start + n, 0);
        self.src.read_exact(&mut self.unit[start..]).map_err(|e| {
            if e.kind() == io::ErrorKind::UnexpectedEof {
                io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    format!("zstd stream truncated in {what}"),
                )
            } else {
                e
            }
        })
    }

    /// Reads a frame header (after its magic number) and starts decoding the frame.
    fn start_frame(&mut self) -> io::Result<()> {
        self.take(1, "a frame header")?;
        let fhd = self.unit[4];
        let single_segment = fhd & 0x20 != 0;
        let fcs = match fhd >> 6 {
            0 => usize::from(single_segment),
            1 => 2,
            2 => 4,
            _ => 8,
        };
        let did = [0, 1, 2, 4][usize::from(fhd & 3)];
        let rest = usize::from(!single_segment) + did + fcs;
        self.take(rest, "a frame header")?;
        self.dec.reset(&self.unit[..]).map_err(io::Error::other)?;
        self.verify_checksum = true;
        self.state = ZState::InFrame {
            checksum: fhd & 0x04 != 0,
        };
        Ok(())
    }

    /// Reads one complete block (and the checksum after the last one) into `unit`.
    fn read_block(&mut self, checksum: bool) -> io::Result<bool> {
        self.unit.clear();
        self.take(3, "a block header")?;
        let h =
            u32::from(self.unit[0]) | u32::from(self.unit[1]) << 8 | u32::from(self.unit[2]) << 16;
        let last = h & 1 == 1;
        let size = (h >> 3) as usize;
        let payload = match (h >> 1) & 3 {
            0 | 2 => size,
            1 => 1,
            _ => {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    "zstd block of reserved type",
                ))
            }
        };
        if payload > MAX_BLOCK {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "zstd block larger than 128 KiB",
            ));
        }
        self.take(payload, "a block")?;
        if last && checksum {
            self.take(4, "the frame checksum")?;
        }
        Ok(last)
    }

    /// Closes the current frame early after `err`, so what was decoded can be handed out.
    fn close_early(&mut self, checksum: bool, err: io::Error) -> io::Result<()> {
        let end: &[u8] = if checksum {
            &[1, 0, 0, 0, 0, 0, 0]
        } else {
            &[1, 0, 0]
        };
        match self
            .dec
            .decode_blocks(end, BlockDecodingStrategy::UptoBlocks(1))
        {
            Ok(_) => {
                self.verify_checksum = false;
                self.pending = Some(err);
                self.state = ZState::Draining;
                Ok(())
            }
            Err(_) => {
                self.state = ZState::Failed;
                Err(err)
            }
        }
    }
}

impl<R: BufRead> Read for ZstdReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        loop {
            if matches!(self.state, ZState::InFrame { .. } | ZState::Draining)
                && self.dec.can_collect() > 0
            {
                let n = self.dec.read(buf)?;
                if n > 0 {
                    return Ok(n);
                }
            }
            match self.state {
                ZState::Failed => {
                    return Err(io::Error::new(
                        io::ErrorKind::InvalidData,
                        "zstd stream already failed",
                    ));
                }
                ZState::Draining => {
                    if let Some(err) = self.pending.take() {
                        self.state = ZState::Failed;
                        return Err(err);
                    }
                    if self.verify_checksum {
                        if let (Some(want), Some(got)) = (
                            self.dec.get_checksum_from_data(),
                            self.dec.get_calculated_checksum(),
                        ) {
                            if want != got {
                                self.state = ZState::Failed;
                                return Err(io::Error::new(
                                    io::ErrorKind::InvalidData,
                                    "zstd checksum mismatch",
                                ));
                            }
                        }
                    }
                    self.state = ZState::BetweenFrames;
                }
                ZState::BetweenFrames => {
                    if self.src.fill_buf()?.is_empty() {
                        return Ok(0);
                    }
                    self.unit.clear();
                    let magic = self.take(4, "a frame's magic number").map(|_| {
                        u32::from_le_bytes([self.unit[0], self.unit[1], self.unit[2], self.unit[3]])
                    });
                    let magic = match magic {
                        Ok(m) => m,
                        Err(e) => {
                            self.state = ZState::Failed;
                            return Err(e);
                        }
                    };
                    let started = if magic & 0xFFFF_FFF0 == 0x184D_2A50 {
                        // A skippable frame: 4-byte length, then that many bytes.
                        self.unit.clear();
                        self.take(4, "a skippable frame").and_then(|_| {
                            let len = u64::from(u32::from_le_bytes([
                                self.unit[0],
                                self.unit[1],
                                self.unit[2],
                                self.unit[3],
                            ]));
                            let skipped =
                                io::copy(&mut (&mut self.src).take(len), &mut io::sink())?;
                            if skipped < len {
                                return Err(io::Error::new(
                                    io::ErrorKind::UnexpectedEof,
                                    "zstd stream truncated in a skippable frame",
                                ));
                            }
                            Ok(())
                        })
                    } else if magic == 0xFD2F_B528 {
                        self.start_frame()
                    } else {
                        Err(io::Error::new(
                            io::ErrorKind::InvalidData,
                            "not a zstd frame (bad magic number)",
                        ))
                    };
                    if let Err(e) = started {
                        self.state = ZState::Failed;
                        return Err(e);
                    }
                }
                ZState::InFrame { checksum } => {
                    let block = self.read_block(checksum);
                    let outcome = match block {
                        Ok(last) => match self
                            .dec
                            .decode_blocks(&self.unit[..], BlockDecodingStrategy::UptoBlocks(1))
                        {
                            Ok(_) => {
                                if last {
                                    self.state = ZState::Draining;
                                }
                                Ok(())
                            }
                            Err(e) => Err(io::Error::other(e)),
                        },
                        Err(e) => Err(e),
                    };
                    if let Err(e) = outcome {
                        self.close_early(checksum, e)?;
                    }
                }
            }
        }
    }
}
