//! Shared server state: the SQLite connection, the catalogue served by `/meta`, fault settings.

use crate::db;
use crate::faults::Faults;
use portal_contract::wire::Meta;
use rusqlite::Connection;
use sha2::{Digest, Sha256};
use std::sync::{Arc, Mutex};

pub struct Catalogue {
    pub meta: Meta,
    pub json: String,
    pub etag: String,
}

#[derive(Clone)]
pub struct AppState(pub Arc<Inner>);

pub struct Inner {
    /// One connection behind a mutex: every write is a short transaction, and serialising them
    /// is what makes concurrent duplicate submissions safe without a distributed lock.
    pub db: Mutex<Connection>,
    pub catalogue: Catalogue,
    pub dev: bool,
    pub faults: Mutex<Faults>,
    pub otp_resend_secs: i64,
    /// The portal's public address, for the status link in SMS updates (`--public-url`).
    pub public_url: Option<String>,
    /// Where the portal is served (`--public-url` and every `--cors-origin`): a payment gateway
    /// sends the browser back only there.
    pub portal_origins: Vec<String>,
    /// Per-client hourly limits on OTPs and uploads (src/limits.rs).
    pub limits: crate::limits::Limiter,
}

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

impl AppState {
    pub fn open(args: &crate::Args) -> Result<Self, String> {
        let conn = Connection::open(&args.db).map_err(|e| format!("{}: {e}", args.db.display()))?;
        db::migrate(&conn).map_err(|e| format!("migration failed: {e}"))?;
        db::seed(&conn, &args.data_dir)?;
        let json: String = conn
            .query_row("SELECT json FROM catalog WHERE key = 'meta'", [], |r| r.get(0))
            .map_err(|e| format!("no catalogue: {e}"))?;
        let meta: Meta =
            serde_json::from_str(&json).map_err(|e| format!("meta.json does not match the contract: {e}"))?;
        let undated = meta.undated();
        if !undated.is_empty() {
            return Err(format!("meta.json: not a YYYY-MM-DD date: {}", undated.join("; ")));
        }
        let etag = format!("\"{}\"", &hex(&Sha256::digest(json.as_bytes()))[..16]);
        Ok(AppState(Arc::new(Inner {
            db: Mutex::new(conn),
            catalogue: Catalogue { meta, json, etag },
            dev: args.dev,
            faults: Mutex::new(Faults::default()),
            otp_resend_secs: args.otp_resend_secs,
            public_url: args.public_url.as_deref().map(|u| u.trim_end_matches('/').to_string()),
            portal_origins: args
                .public_url
                .iter()
                .chain(&args.cors_origins)
                .map(|u| {
                    let scheme_end = u.find("://").map_or(0, |i| i + 3);
                    u[..u[scheme_end..].find('/').map_or(u.len(), |i| scheme_end + i)].to_string()
                })
                .collect(),
            limits: crate::limits::Limiter::new(args.otp_per_client_hour, args.uploads_per_client_hour),
        })))
    }

    pub fn db(&self) -> std::sync::MutexGuard<'_, Connection> {
        // A panic while holding the lock must not take the whole server down with it.
        self.db.lock().unwrap_or_else(|p| p.into_inner())
    }
}

pub fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn sha256_hex(data: &[u8]) -> String {
    hex(&Sha256::digest(data))
}

pub fn random_token() -> String {
    use rand::RngCore;
    let mut b = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut b);
    hex(&b)
}

/// One structured log line (JSON) on stderr. Callers pass only non-personal values: never
/// tokens, OTP codes (outside dev), full mobiles or Aadhaar numbers.
pub fn log(fields: &[(&str, &str)]) {
    let mut m = serde_json::Map::new();
    m.insert("ts".into(), portal_contract::time::rfc3339(now()).into());
    for (k, v) in fields {
        m.insert((*k).into(), (*v).into());
    }
    eprintln!("{}", serde_json::Value::Object(m));
}
