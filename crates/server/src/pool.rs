//! Read connections: `Store` is `Send` but not `Sync`, so each read takes a connection of its
//! own from a small pool and runs on tokio's blocking pool (SQLite calls block). In WAL mode
//! readers never block the writer, nor the writer them.
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use dateline_store::Store;
use tokio::sync::Semaphore;

use crate::error::ApiError;

/// At most `size` connections, opened on demand and kept.
pub struct ReadPool {
    dir: PathBuf,
    idle: Mutex<Vec<Store>>,
    permits: Semaphore,
}

impl ReadPool {
    /// A pool over the store in `dir`, starting with one connection already open.
    pub fn new(dir: PathBuf, size: usize, first: Store) -> ReadPool {
        ReadPool {
            dir,
            idle: Mutex::new(vec![first]),
            permits: Semaphore::new(size.max(1)),
        }
    }

    /// Runs `f` on a connection, on the blocking pool. Waits while every connection is busy.
    pub async fn read<T, F>(self: &Arc<Self>, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> Result<T, ApiError> + Send + 'static,
    {
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|e| ApiError::internal(format!("read pool closed: {e}")))?;
        let pool = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let store = match pool.idle.lock().map(|mut v| v.pop()) {
                Ok(Some(s)) => s,
                _ => Store::open(&pool.dir)?,
            };
            let out = f(&store);
            if let Ok(mut idle) = pool.idle.lock() {
                idle.push(store);
            }
            out
        })
        .await
        .map_err(|e| ApiError::internal(format!("read task failed: {e}")))?
    }
}
