//! Schema migrations and seed data. Migrations are numbered and applied once, in order, so a
//! database file from an older build is upgraded in place and data survives restarts.

use rusqlite::{params, Connection};
use std::path::Path;

const MIGRATIONS: &[&str] = &[
    // 1: everything the complaint flow needs
    "CREATE TABLE catalog (key TEXT PRIMARY KEY, json TEXT NOT NULL);
     CREATE TABLE announcements (id TEXT PRIMARY KEY, published_at INTEGER NOT NULL, kind TEXT NOT NULL,
        title_en TEXT NOT NULL, title_hi TEXT NOT NULL, body_en TEXT NOT NULL, body_hi TEXT NOT NULL, link TEXT);
     CREATE TABLE otps (id TEXT PRIMARY KEY, mobile TEXT NOT NULL, purpose TEXT NOT NULL, code_hash TEXT NOT NULL,
        created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, used INTEGER NOT NULL DEFAULT 0);
     CREATE INDEX otps_mobile ON otps (mobile, created_at);
     CREATE TABLE tokens (token_hash TEXT PRIMARY KEY, mobile TEXT NOT NULL, purpose TEXT NOT NULL, expires_at INTEGER NOT NULL);
     CREATE TABLE sms (id INTEGER PRIMARY KEY, mobile TEXT NOT NULL, body TEXT NOT NULL, at INTEGER NOT NULL);
     CREATE TABLE tickets (number TEXT PRIMARY KEY, kind TEXT NOT NULL, status TEXT NOT NULL, mobile TEXT NOT NULL,
        request TEXT NOT NULL, category TEXT NOT NULL, subcategory TEXT NOT NULL, office TEXT NOT NULL,
        created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, expected_by INTEGER NOT NULL, feedback TEXT,
        filed_by TEXT NOT NULL);
     CREATE TABLE updates (id INTEGER PRIMARY KEY, number TEXT NOT NULL REFERENCES tickets(number), at INTEGER NOT NULL,
        status TEXT NOT NULL, note_en TEXT NOT NULL, note_hi TEXT NOT NULL);
     CREATE INDEX updates_number ON updates (number, id);
     CREATE TABLE idempotency (caller TEXT NOT NULL, key TEXT NOT NULL, request_hash TEXT NOT NULL,
        status INTEGER NOT NULL, response TEXT NOT NULL, created_at INTEGER NOT NULL, PRIMARY KEY (caller, key));",
    // 2: Jhatpat documents
    "CREATE TABLE uploads (id TEXT PRIMARY KEY, document_type TEXT NOT NULL, content_type TEXT NOT NULL,
        sha256 TEXT NOT NULL, bytes INTEGER NOT NULL, data BLOB NOT NULL, created_at INTEGER NOT NULL, used_by TEXT);",
];

pub fn migrate(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch("PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;")?;
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
        let tx = conn.unchecked_transaction()?;
        tx.execute_batch(sql)?;
        tx.execute_batch(&format!("PRAGMA user_version = {}", i + 1))?;
        tx.commit()?;
    }
    // Idempotency records are kept for at least 24 hours (we keep 48) and OTP rows for a day.
    let cutoff = crate::state::now() - 48 * 3600;
    conn.execute("DELETE FROM idempotency WHERE created_at < ?1", [cutoff])?;
    conn.execute("DELETE FROM otps WHERE created_at < ?1", [cutoff])?;
    Ok(())
}

/// Load the catalogue and announcements from the data files (replacing earlier copies, so an
/// edited data file takes effect on restart). Tickets are never touched.
pub fn seed(conn: &Connection, dir: &Path) -> Result<(), String> {
    let read =
        |name: &str| std::fs::read_to_string(dir.join(name)).map_err(|e| format!("{}: {e}", dir.join(name).display()));
    let meta = read("meta.json")?;
    serde_json::from_str::<portal_contract::wire::Meta>(&meta).map_err(|e| format!("meta.json: {e}"))?;
    // Served on every portal start-up: keep it compact on the wire (the file stays readable).
    let meta = serde_json::from_str::<serde_json::Value>(&meta).map(|v| v.to_string()).map_err(|e| e.to_string())?;
    conn.execute("INSERT OR REPLACE INTO catalog (key, json) VALUES ('meta', ?1)", [&meta])
        .map_err(|e| e.to_string())?;

    #[derive(serde::Deserialize)]
    struct Seed {
        id: String,
        published_at: String,
        kind: String,
        title: portal_contract::wire::Text,
        body: portal_contract::wire::Text,
        link: Option<String>,
    }
    let anns: Vec<Seed> =
        serde_json::from_str(&read("announcements.json")?).map_err(|e| format!("announcements.json: {e}"))?;
    for a in anns {
        let at =
            portal_contract::time::parse_rfc3339(&a.published_at).ok_or(format!("announcement {}: bad date", a.id))?;
        conn.execute(
            "INSERT OR REPLACE INTO announcements VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![a.id, at, a.kind, a.title.en, a.title.hi, a.body.en, a.body.hi, a.link],
        )
        .map_err(|e| e.to_string())?;
    }
    Ok(())
}
