//! `dateline_bm25`: FTS5's `bm25()` with the document frequencies of a query's phrases kept
//! per connection between searches.
//!
//! FTS5 keeps no document frequencies: on the first row of every query, `bm25()` counts the
//! rows holding each phrase by reading the phrase's whole doclist (`xQueryPhrase`), and a
//! common word (`said`) or a phrase (`"minister said"`, matched position by position) has
//! tens of thousands. That was about a third of the CPU of a text search. These counts change
//! only when the index does, so this function keeps them in a [`DocFreqs`] shared by the
//! connection's searches, emptied whenever the store may have changed
//! ([`DocFreqs::check`]: another connection committed, or this one wrote).
//!
//! Everything else is `bm25()` as SQLite computes it (`fts5Bm25Function` of `fts5_aux.c`),
//! operation for operation, so scores are the same to the last bit: a search ranks, pages and
//! totals as it did with `bm25()` (checked by `search_tests`).
//!
//! SQL: `dateline_bm25(<fts table>, '<its name>', <MATCH expression>, <column weights>...)`:
//! the name and the expression key the counts (an expression always numbers its phrases
//! alike).
use std::collections::HashMap;
use std::ffi::{c_int, c_void, CStr};
use std::hash::{BuildHasherDefault, Hasher};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::ptr;
use std::sync::{Arc, Mutex};

use rusqlite::ffi;
use rusqlite::Connection;

/// The SQL name of the ranking function.
pub(crate) const FUNCTION: &str = "dateline_bm25";

/// Document frequencies kept at most; past this they are forgotten (a bound on memory).
const MAX_ENTRIES: usize = 50_000;
/// Row sizes kept at most, over all tables (about 30 bytes each); past this they are forgotten.
const MAX_SIZES: usize = 500_000;

/// Per connection: the number of rows holding each phrase of the expressions already ranked,
/// keyed by (cache key, phrase number), valid for one state of the store.
#[derive(Debug, Default)]
pub(crate) struct DocFreqs {
    inner: Mutex<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    /// The store state the counts were read in: `PRAGMA data_version` (changes when another
    /// connection commits) and this connection's changes to the store (its total changes
    /// less those to the search's temporary tables).
    version: Option<(i64, u64)>,
    /// Changes this connection made to temporary tables ([`DocFreqs::temporary_changes`]).
    temporary: u64,
    counts: HashMap<(String, usize), i64>,
    /// Per FTS table (by name): each ranked row's size in tokens, all columns (what
    /// `xColumnSize(-1)` reads from the table's `_docsize` rows, one b-tree seek a row).
    sizes: Vec<(String, Sizes)>,
    n_sizes: usize,
}

impl DocFreqs {
    /// Inside a read transaction, before ranking: forgets the counts when the store may have
    /// changed since they were read.
    pub(crate) fn check(&self, conn: &Connection) -> rusqlite::Result<()> {
        let data_version: i64 = conn
            .prepare_cached("PRAGMA data_version")?
            .query_row([], |r| r.get(0))?;
        let mut inner = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        let own = conn.total_changes().wrapping_sub(inner.temporary);
        let version = Some((data_version, own));
        if inner.version != version {
            inner.counts.clear();
            inner.sizes.clear();
            inner.n_sizes = 0;
            inner.version = version;
        }
        Ok(())
    }

    /// Tells that `n` of this connection's changes went to temporary tables only (a search
    /// without text fills its sets): they leave the counts valid.
    pub(crate) fn temporary_changes(&self, n: u64) {
        let mut inner = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        inner.temporary = inner.temporary.wrapping_add(n);
    }

    /// Document frequencies held (tests).
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        let inner = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        inner.counts.len()
    }

    /// The slot of a table's row sizes.
    fn table(&self, name: &str) -> usize {
        let mut inner = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        match inner.sizes.iter().position(|(n, _)| n == name) {
            Some(i) => i,
            None => {
                inner.sizes.push((name.to_string(), Sizes::default()));
                inner.sizes.len() - 1
            }
        }
    }

    fn size(&self, table: usize, rowid: i64) -> Option<c_int> {
        let inner = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        inner.sizes.get(table)?.1.get(&rowid).copied()
    }

    fn put_size(&self, table: usize, rowid: i64, n: c_int) {
        let mut inner = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        if inner.n_sizes >= MAX_SIZES {
            inner.sizes.iter_mut().for_each(|(_, m)| m.clear());
            inner.n_sizes = 0;
        }
        if let Some((_, m)) = inner.sizes.get_mut(table) {
            if m.insert(rowid, n).is_none() {
                inner.n_sizes += 1;
            }
        }
    }

    fn get(&self, key: &str, phrase: usize) -> Option<i64> {
        let inner = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        inner.counts.get(&(key.to_string(), phrase)).copied()
    }

    fn put(&self, key: &str, phrase: usize, n: i64) {
        let mut inner = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        if inner.counts.len() >= MAX_ENTRIES {
            inner.counts.clear();
        }
        inner.counts.insert((key.to_string(), phrase), n);
    }
}

/// Row sizes by rowid.
type Sizes = HashMap<i64, c_int, BuildHasherDefault<RowidHasher>>;

/// Hashes a rowid with MurmurHash3's 64-bit finalizer: cheaper than SipHash (the default), and
/// every bit of the hash depends on every bit of the rowid (quote and event rowids differ
/// mostly in their high bits: `seq << 20 | idx`). Rowids are not chosen by users.
#[derive(Default)]
struct RowidHasher(u64);

impl Hasher for RowidHasher {
    fn finish(&self) -> u64 {
        let mut x = self.0;
        x ^= x >> 33;
        x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
        x ^= x >> 33;
        x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        x ^ (x >> 33)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_i64(&mut self, n: i64) {
        self.0 = n as u64;
    }
}

/// Registers [`FUNCTION`] on `conn`, reading and filling `cache`.
pub(crate) fn register(conn: &Connection, cache: Arc<DocFreqs>) -> rusqlite::Result<()> {
    // SAFETY: the documented way to reach FTS5's API (`SELECT fts5(?1)` with a bound pointer),
    // on this connection's handle, used on the calling thread only. The user data is an owned
    // `Arc`, released by `destroy` when FTS5 drops the function (when the connection closes).
    unsafe {
        let db = conn.handle();
        let mut api: *mut ffi::fts5_api = ptr::null_mut();
        let mut stmt: *mut ffi::sqlite3_stmt = ptr::null_mut();
        let sql = c"SELECT fts5(?1)";
        let rc = ffi::sqlite3_prepare_v2(db, sql.as_ptr(), -1, &mut stmt, ptr::null_mut());
        if rc != ffi::SQLITE_OK {
            return Err(rusqlite::Error::SqliteFailure(ffi::Error::new(rc), None));
        }
        ffi::sqlite3_bind_pointer(
            stmt,
            1,
            (&mut api as *mut *mut ffi::fts5_api).cast(),
            c"fts5_api_ptr".as_ptr(),
            None,
        );
        ffi::sqlite3_step(stmt);
        let rc = ffi::sqlite3_finalize(stmt);
        if rc != ffi::SQLITE_OK || api.is_null() || (*api).iVersion < 2 {
            return Err(rusqlite::Error::SqliteFailure(
                ffi::Error::new(ffi::SQLITE_ERROR),
                Some("FTS5 API not available".into()),
            ));
        }
        let create = (*api)
            .xCreateFunction
            .expect("fts5_api v2 has xCreateFunction");
        let name = std::ffi::CString::new(FUNCTION).expect("no NUL");
        let user = Arc::into_raw(cache) as *mut c_void;
        let rc = create(api, name.as_ptr(), user, Some(bm25), Some(destroy));
        if rc != ffi::SQLITE_OK {
            drop(Arc::from_raw(user as *const DocFreqs));
            return Err(rusqlite::Error::SqliteFailure(ffi::Error::new(rc), None));
        }
    }
    Ok(())
}

unsafe extern "C" fn destroy(user: *mut c_void) {
    drop(Arc::from_raw(user as *const DocFreqs));
}

/// What one query computes once (`Fts5Bm25Data`).
struct Data {
    idf: Vec<f64>,
    freq: Vec<f64>,
    avgdl: f64,
    /// The cache and the table's slot in it (`None`: no key given, nothing cached).
    cache: Option<(*const DocFreqs, usize)>,
}

unsafe extern "C" fn free_data(p: *mut c_void) {
    drop(Box::from_raw(p as *mut Data));
}

unsafe extern "C" fn count_row(
    _api: *const ffi::Fts5ExtensionApi,
    _fts: *mut ffi::Fts5Context,
    user: *mut c_void,
) -> c_int {
    *(user as *mut i64) += 1;
    ffi::SQLITE_OK
}

unsafe extern "C" fn bm25(
    api: *const ffi::Fts5ExtensionApi,
    fts: *mut ffi::Fts5Context,
    ctx: *mut ffi::sqlite3_context,
    n_val: c_int,
    vals: *mut *mut ffi::sqlite3_value,
) {
    let run = AssertUnwindSafe(|| score(api, fts, n_val, vals));
    match catch_unwind(run) {
        Ok(Ok(s)) => ffi::sqlite3_result_double(ctx, -s),
        Ok(Err(rc)) => ffi::sqlite3_result_error_code(ctx, rc),
        Err(_) => {
            let msg = c"dateline_bm25 failed";
            ffi::sqlite3_result_error(ctx, msg.as_ptr(), -1);
        }
    }
}

/// The BM25 score of the current row, as `fts5Bm25Function` computes it (before negation).
unsafe fn score(
    api: *const ffi::Fts5ExtensionApi,
    fts: *mut ffi::Fts5Context,
    n_val: c_int,
    vals: *mut *mut ffi::sqlite3_value,
) -> Result<f64, c_int> {
    const K1: f64 = 1.2;
    const B: f64 = 0.75;
    let api = &*api;
    let ok = |rc: c_int| {
        if rc == ffi::SQLITE_OK {
            Ok(())
        } else {
            Err(rc)
        }
    };
    let args: &[*mut ffi::sqlite3_value] = if n_val > 0 && !vals.is_null() {
        std::slice::from_raw_parts(vals, n_val as usize)
    } else {
        &[]
    };
    // args[0] and args[1]: the cache key (the table's name, the MATCH expression);
    // args[2..]: the column weights.
    let weights = args.get(2..).unwrap_or(&[]);
    let get_aux = api.xGetAuxdata.ok_or(ffi::SQLITE_ERROR)?;
    let mut data = get_aux(fts, 0) as *mut Data;
    if data.is_null() {
        let user = api.xUserData.ok_or(ffi::SQLITE_ERROR)?(fts) as *const DocFreqs;
        let text = |i: usize| match args.get(i) {
            Some(&v) if ffi::sqlite3_value_type(v) == ffi::SQLITE_TEXT => {
                let p = ffi::sqlite3_value_text(v);
                (!p.is_null()).then(|| CStr::from_ptr(p.cast()).to_string_lossy().into_owned())
            }
            _ => None,
        };
        let (key, cache) = match (text(0), text(1)) {
            (Some(table), Some(expr)) if !user.is_null() => (
                Some(format!("{table}\u{1}{expr}")),
                Some((user, (*user).table(&table))),
            ),
            _ => (None, None),
        };
        let n_phrase = api.xPhraseCount.ok_or(ffi::SQLITE_ERROR)?(fts).max(0) as usize;
        let mut n_row: i64 = 0;
        let mut n_token: i64 = 0;
        ok(api.xRowCount.ok_or(ffi::SQLITE_ERROR)?(fts, &mut n_row))?;
        ok(api.xColumnTotalSize.ok_or(ffi::SQLITE_ERROR)?(
            fts,
            -1,
            &mut n_token,
        ))?;
        let avgdl = n_token as f64 / n_row as f64;
        let mut idf = Vec::with_capacity(n_phrase);
        for i in 0..n_phrase {
            let cached = match &key {
                Some(k) => (*user).get(k, i),
                None => None,
            };
            let n_hit = match cached {
                Some(n) => n,
                None => {
                    let mut n: i64 = 0;
                    ok(api.xQueryPhrase.ok_or(ffi::SQLITE_ERROR)?(
                        fts,
                        i as c_int,
                        (&mut n as *mut i64).cast(),
                        Some(count_row),
                    ))?;
                    if let Some(k) = &key {
                        (*user).put(k, i, n);
                    }
                    n
                }
            };
            let mut v = (((n_row - n_hit) as f64 + 0.5) / (n_hit as f64 + 0.5)).ln();
            if v <= 0.0 {
                v = 1e-6;
            }
            idf.push(v);
        }
        let boxed = Box::into_raw(Box::new(Data {
            freq: vec![0.0; n_phrase],
            idf,
            avgdl,
            cache,
        }));
        let rc = api.xSetAuxdata.ok_or(ffi::SQLITE_ERROR)?(fts, boxed.cast(), Some(free_data));
        // On failure xSetAuxdata has already called free_data.
        ok(rc)?;
        data = boxed;
    }
    let data = &mut *data;
    data.freq.iter_mut().for_each(|f| *f = 0.0);
    let mut n_inst: c_int = 0;
    ok(api.xInstCount.ok_or(ffi::SQLITE_ERROR)?(fts, &mut n_inst))?;
    let inst = api.xInst.ok_or(ffi::SQLITE_ERROR)?;
    for i in 0..n_inst {
        let (mut ip, mut ic, mut io): (c_int, c_int, c_int) = (0, 0, 0);
        ok(inst(fts, i, &mut ip, &mut ic, &mut io))?;
        let w = match weights.get(ic as usize) {
            Some(&v) if ic >= 0 => ffi::sqlite3_value_double(v),
            _ => 1.0,
        };
        if let Some(f) = data.freq.get_mut(ip as usize) {
            *f += w;
        }
    }
    let column_size =
        |n_tok: &mut c_int| ok(api.xColumnSize.ok_or(ffi::SQLITE_ERROR)?(fts, -1, n_tok));
    let mut n_tok: c_int = 0;
    match data.cache {
        Some((cache, table)) => {
            let rowid = api.xRowid.ok_or(ffi::SQLITE_ERROR)?(fts);
            match (*cache).size(table, rowid) {
                Some(n) => n_tok = n,
                None => {
                    column_size(&mut n_tok)?;
                    (*cache).put_size(table, rowid, n_tok);
                }
            }
        }
        None => column_size(&mut n_tok)?,
    }
    let d = n_tok as f64;
    let mut score = 0.0;
    for (idf, &f) in data.idf.iter().zip(&data.freq) {
        score += idf * ((f * (K1 + 1.0)) / (f + K1 * (1.0 - B + B * d / data.avgdl)));
    }
    Ok(score)
}
