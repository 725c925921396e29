//! The browser's data-set cache: IndexedDB through the `idb` crate. Works in the page and in a
//! worker. Entries are `canonical::pack` blobs (zstd + MD5) stored as `Uint8Array` under
//! `cache::key(..)`.
//!
//! Same rules as the native file cache: a hit is an entry that unpacks and checks out; a corrupt
//! entry is deleted and regenerated with a notice; if IndexedDB cannot be opened (private mode,
//! disabled, blocked) or a write fails (over quota), the run goes on without the cache, with a
//! notice.

use idb::{Database, DatabaseEvent, Factory, ObjectStoreParams, TransactionMode};
use js_sys::Uint8Array;
use wasm_bindgen::JsValue;

use crate::cache::CacheStatus;
use crate::canonical;
use crate::error::Result;
use crate::model::Dataset;
use crate::platform::now_ms;

/// The page's database name.
pub const DB_NAME: &str = "metricpress";
const STORE: &str = "datasets";
const VERSION: u32 = 1;

/// An open cache database.
pub struct IdbCache {
    db: Database,
}

fn text(e: impl std::fmt::Display) -> String {
    e.to_string()
}

impl IdbCache {
    /// Opens (and on first use creates) the database `name`.
    pub async fn open(name: &str) -> std::result::Result<IdbCache, String> {
        let factory = Factory::new().map_err(text)?;
        let mut req = factory.open(name, Some(VERSION)).map_err(text)?;
        req.on_upgrade_needed(|event| {
            if let Ok(db) = event.database() {
                if !db.store_names().iter().any(|s| s == STORE) {
                    let _ = db.create_object_store(STORE, ObjectStoreParams::new());
                }
            }
        });
        let db = req.await.map_err(text)?;
        Ok(IdbCache { db })
    }

    /// The blob under `key`, if any.
    pub async fn get(&self, key: &str) -> std::result::Result<Option<Vec<u8>>, String> {
        let tx = self
            .db
            .transaction(&[STORE], TransactionMode::ReadOnly)
            .map_err(text)?;
        let store = tx.object_store(STORE).map_err(text)?;
        let value: Option<JsValue> = store
            .get(JsValue::from_str(key))
            .map_err(text)?
            .await
            .map_err(text)?;
        let _ = tx.await;
        Ok(value.map(|v| {
            v.dyn_into_bytes().unwrap_or_default() // a non-bytes value is treated as corrupt (empty)
        }))
    }

    /// Stores `blob` under `key`, replacing any entry.
    pub async fn put(&self, key: &str, blob: &[u8]) -> std::result::Result<(), String> {
        let tx = self
            .db
            .transaction(&[STORE], TransactionMode::ReadWrite)
            .map_err(text)?;
        let store = tx.object_store(STORE).map_err(text)?;
        let bytes = Uint8Array::from(blob);
        store
            .put(&bytes.into(), Some(&JsValue::from_str(key)))
            .map_err(text)?
            .await
            .map_err(text)?;
        let done = tx.commit().map_err(text)?.await.map_err(text)?;
        if done.is_committed() {
            Ok(())
        } else {
            Err("the write was aborted (storage full?)".into())
        }
    }

    /// Deletes the entry under `key`.
    pub async fn delete(&self, key: &str) -> std::result::Result<(), String> {
        self.write(|store| store.delete(JsValue::from_str(key)).map(|_| ()))
            .await
    }

    /// Deletes every entry.
    pub async fn clear(&self) -> std::result::Result<(), String> {
        self.write(|store| store.clear().map(|_| ())).await
    }

    async fn write(
        &self,
        op: impl FnOnce(&idb::ObjectStore) -> std::result::Result<(), idb::Error>,
    ) -> std::result::Result<(), String> {
        let tx = self
            .db
            .transaction(&[STORE], TransactionMode::ReadWrite)
            .map_err(text)?;
        let store = tx.object_store(STORE).map_err(text)?;
        op(&store).map_err(text)?;
        tx.commit().map_err(text)?.await.map_err(text)?;
        Ok(())
    }

    /// Closes the connection.
    pub fn close(&self) {
        self.db.close();
    }
}

/// Bytes out of a stored value (a `Uint8Array`, or an `ArrayBuffer`).
trait IntoBytes {
    fn dyn_into_bytes(self) -> Option<Vec<u8>>;
}

impl IntoBytes for JsValue {
    fn dyn_into_bytes(self) -> Option<Vec<u8>> {
        use wasm_bindgen::JsCast;
        if let Some(a) = self.dyn_ref::<Uint8Array>() {
            return Some(a.to_vec());
        }
        self.dyn_ref::<js_sys::ArrayBuffer>()
            .map(|b| Uint8Array::new(b).to_vec())
    }
}

/// The outcome of a cached load.
pub struct Cached {
    /// The data set.
    pub dataset: Dataset,
    /// Hit, miss or off.
    pub status: CacheStatus,
    /// Things the user should know.
    pub notices: Vec<String>,
    /// Time to load or make (and store) the data set, ms.
    pub load_ms: f64,
}

/// Loads `key` from the IndexedDB database `db_name` (`None`: no cache), or runs `make` and stores
/// its result.
pub async fn load_or_make<F>(
    db_name: Option<&str>,
    key: &str,
    make: impl FnOnce() -> F,
) -> Result<Cached>
where
    F: std::future::Future<Output = Result<Dataset>>,
{
    let t0 = now_ms();
    let mut notices = Vec::new();
    let cache = match db_name {
        None => None,
        Some(name) => match IdbCache::open(name).await {
            Ok(c) => Some(c),
            Err(e) => {
                notices.push(format!(
                    "The browser cache (IndexedDB) is unavailable ({e}); running without it. \
                     Private windows and some privacy settings block it."
                ));
                None
            }
        },
    };
    let Some(cache) = cache else {
        let dataset = make().await?;
        return Ok(Cached {
            dataset,
            status: CacheStatus::Off,
            notices,
            load_ms: now_ms() - t0,
        });
    };
    match cache.get(key).await {
        Ok(Some(blob)) => match canonical::unpack(&blob) {
            Ok(dataset) => {
                cache.close();
                return Ok(Cached {
                    dataset,
                    status: CacheStatus::Hit,
                    notices,
                    load_ms: now_ms() - t0,
                });
            }
            Err(e) => {
                notices.push(format!(
                    "The cached data set was corrupt ({e}); deleted it and generated it again."
                ));
                if let Err(e) = cache.delete(key).await {
                    notices.push(format!("Could not delete the corrupt cache entry: {e}"));
                }
            }
        },
        Ok(None) => {}
        Err(e) => notices.push(format!(
            "Could not read the browser cache ({e}); generating."
        )),
    }
    let dataset = make().await?;
    let stored = match canonical::pack(&dataset) {
        Ok(blob) => cache.put(key, &blob).await,
        Err(e) => Err(e.to_string()),
    };
    if let Err(e) = stored {
        notices.push(format!(
            "Could not store the data set in the browser cache ({e}); it is probably full. \
             The run goes on without the cache; \"Clear cache\" frees space."
        ));
    }
    cache.close();
    Ok(Cached {
        dataset,
        status: CacheStatus::Miss,
        notices,
        load_ms: now_ms() - t0,
    })
}

/// Deletes every cached data set in `db_name`.
pub async fn clear(db_name: &str) -> std::result::Result<(), String> {
    let cache = IdbCache::open(db_name).await?;
    let r = cache.clear().await;
    cache.close();
    r
}
