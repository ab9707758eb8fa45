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
    // 3: a mobile's tickets (Find my numbers, and the look-up for an open complaint that every new
    // complaint makes) without reading the whole table
    "CREATE INDEX tickets_mobile ON tickets (mobile, created_at);",
    // 4: an outage's district and window, told to people about to report no supply there
    "ALTER TABLE announcements ADD COLUMN district TEXT;
     ALTER TABLE announcements ADD COLUMN starts_at INTEGER;
     ALTER TABLE announcements ADD COLUMN ends_at INTEGER;",
    // 5: what a history line is, so "reported again" is labelled as such and limited to one an
    // hour by kind rather than by its wording; older databases had only that one, known by its note
    "ALTER TABLE updates ADD COLUMN kind TEXT NOT NULL DEFAULT 'status';
     UPDATE updates SET kind = 'reported_again'
        WHERE note_en = 'Reported again by the consumer. The complaint is still open and the office has been told.';",
    // 6: the fees an application found feasible owes, and each attempt to pay them online
    "ALTER TABLE tickets ADD COLUMN amount_due INTEGER;
     CREATE TABLE payments (id TEXT PRIMARY KEY, number TEXT NOT NULL REFERENCES tickets(number),
        amount INTEGER NOT NULL, state TEXT NOT NULL, return_to TEXT NOT NULL, reference TEXT,
        created_at INTEGER NOT NULL, settled_at INTEGER);
     CREATE INDEX payments_number ON payments (number);",
    // 7: a released connection's account number, one per connection
    "ALTER TABLE tickets ADD COLUMN account_number TEXT;
     CREATE UNIQUE INDEX tickets_account ON tickets (account_number) WHERE account_number IS NOT NULL;",
    // 8: the last day (days since epoch, India date) to answer the office's open query
    "ALTER TABLE tickets ADD COLUMN answer_by INTEGER;",
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
    housekeep(conn, crate::state::now())?;
    Ok(())
}

/// How long a document uploaded for an application that was never sent is kept: one day more
/// than an unfinished form lives on a phone (30 days), so a draft resumed on its last day still
/// finds its documents. After that they are someone's identity papers with no purpose.
pub const UNSENT_UPLOAD_SECS: i64 = 31 * 86_400;

/// What one round of housekeeping removed, for the log (and `/dev/housekeep`'s answer).
#[derive(Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Removed {
    pub idempotency: usize,
    pub otps: usize,
    pub tokens: usize,
    pub uploads: usize,
}

/// Deletes what has outlived its purpose: idempotency records after 48 hours (retries are
/// promised 24), OTP rows and the dev SMS outbox after 48 hours, expired tokens, and unsent
/// documents after `UNSENT_UPLOAD_SECS`. Run at start-up and every hour (`main.rs`), so a server
/// that is never restarted keeps no more than one that is.
pub fn housekeep(conn: &Connection, now: i64) -> rusqlite::Result<Removed> {
    let day2 = now - 48 * 3600;
    let removed = Removed {
        idempotency: conn.execute("DELETE FROM idempotency WHERE created_at < ?1", [day2])?,
        otps: conn.execute("DELETE FROM otps WHERE created_at < ?1", [day2])?,
        tokens: conn.execute("DELETE FROM tokens WHERE expires_at <= ?1", [now])?,
        uploads: conn
            .execute("DELETE FROM uploads WHERE used_by IS NULL AND created_at < ?1", [now - UNSENT_UPLOAD_SECS])?,
    };
    conn.execute("DELETE FROM sms WHERE at < ?1", [day2])?;
    Ok(removed)
}

/// Load the catalogue and announcements from the data files (replacing earlier copies, so an
/// edited data file takes effect on restart). Tickets are never touched.
pub fn seed(conn: &Connection, dir: &Path) -> Result<(), String> {
    let read =
        |name: &str| std::fs::read_to_string(dir.join(name)).map_err(|e| format!("{}: {e}", dir.join(name).display()));
    let meta = read("meta.json")?;
    let districts =
        serde_json::from_str::<portal_contract::wire::Meta>(&meta).map_err(|e| format!("meta.json: {e}"))?.districts;
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
        #[serde(default)]
        district: Option<String>,
        #[serde(default)]
        from: Option<String>,
        #[serde(default)]
        until: Option<String>,
    }
    let anns: Vec<Seed> =
        serde_json::from_str(&read("announcements.json")?).map_err(|e| format!("announcements.json: {e}"))?;
    for a in anns {
        let bad = |what: &str| format!("announcement {}: bad {what}", a.id);
        let time = |t: &str, what: &str| portal_contract::time::parse_rfc3339(t).ok_or_else(|| bad(what));
        let at = time(&a.published_at, "published_at")?;
        let from = a.from.as_deref().map(|t| time(t, "from")).transpose()?;
        let until = a.until.as_deref().map(|t| time(t, "until")).transpose()?;
        if a.district.as_ref().is_some_and(|d| !districts.iter().any(|x| &x.code == d)) {
            return Err(bad("district"));
        }
        conn.execute(
            "INSERT OR REPLACE INTO announcements (id, published_at, kind, title_en, title_hi, body_en, body_hi, link, district, starts_at, ends_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![a.id, at, a.kind, a.title.en, a.title.hi, a.body.en, a.body.hi, a.link, a.district, from, until],
        )
        .map_err(|e| e.to_string())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_796_000_000;
    const DAY: i64 = 86_400;

    fn db() -> Connection {
        let c = Connection::open_in_memory().unwrap();
        migrate(&c).unwrap();
        c
    }

    fn upload(c: &Connection, id: &str, at: i64, used_by: Option<&str>) {
        c.execute(
            "INSERT INTO uploads (id, document_type, content_type, sha256, bytes, data, created_at, used_by)
             VALUES (?1, 'photo', 'image/jpeg', '', 1, x'00', ?2, ?3)",
            params![id, at, used_by],
        )
        .unwrap();
    }

    fn ids(c: &Connection, sql: &str) -> Vec<String> {
        let mut stmt = c.prepare(sql).unwrap();
        let rows = stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
        rows
    }

    #[test]
    fn a_database_from_before_history_kinds_keeps_its_reported_again_lines() {
        let c = Connection::open_in_memory().unwrap();
        for sql in &MIGRATIONS[..4] {
            c.execute_batch(sql).unwrap();
        }
        c.execute_batch(
            "PRAGMA user_version = 4;
             INSERT INTO tickets (number, kind, status, mobile, request, category, subcategory, office, created_at,
                updated_at, expected_by, filed_by) VALUES ('1', 'complaint', 'registered', '', '', '', '', '', 1, 1, 1, '')",
        )
        .unwrap();
        for note in ["Complaint registered and sent to Sigra.", REPORTED_AGAIN_EN] {
            c.execute(
                "INSERT INTO updates (number, at, status, note_en, note_hi) VALUES ('1', 1, 'registered', ?1, '')",
                [note],
            )
            .unwrap();
        }
        migrate(&c).unwrap();
        assert_eq!(ids(&c, "SELECT kind FROM updates ORDER BY id"), ["status", "reported_again"]);
    }

    /// The wording migration 5 recognises, as `handlers::reported_again` wrote it before kinds.
    const REPORTED_AGAIN_EN: &str =
        "Reported again by the consumer. The complaint is still open and the office has been told.";

    #[test]
    fn unsent_documents_go_after_31_days_and_sent_ones_stay() {
        let c = db();
        upload(&c, "draft-resumed-today", NOW - 30 * DAY, None);
        upload(&c, "abandoned", NOW - 32 * DAY, None);
        upload(&c, "in-an-application", NOW - 400 * DAY, Some("200000000001"));
        let removed = housekeep(&c, NOW).unwrap();
        assert_eq!(removed.uploads, 1);
        assert_eq!(ids(&c, "SELECT id FROM uploads ORDER BY id"), ["draft-resumed-today", "in-an-application"]);
    }

    #[test]
    fn spent_otps_tokens_and_idempotency_records_are_removed() {
        let c = db();
        for (id, at) in [("old", NOW - 49 * 3600), ("recent", NOW - 47 * 3600)] {
            c.execute(
                "INSERT INTO otps (id, mobile, purpose, code_hash, created_at, expires_at) VALUES (?1, '9', 'complaint', '', ?2, ?2)",
                params![id, at],
            )
            .unwrap();
            c.execute(
                "INSERT INTO idempotency (caller, key, request_hash, status, response, created_at) VALUES ('9', ?1, '', 201, '', ?2)",
                params![id, at],
            )
            .unwrap();
        }
        for (hash, expires) in [("expired", NOW - 1), ("live", NOW + 60)] {
            c.execute(
                "INSERT INTO tokens (token_hash, mobile, purpose, expires_at) VALUES (?1, '9', 'complaint', ?2)",
                params![hash, expires],
            )
            .unwrap();
        }
        let removed = housekeep(&c, NOW).unwrap();
        assert_eq!(removed, Removed { idempotency: 1, otps: 1, tokens: 1, uploads: 0 });
        assert_eq!(ids(&c, "SELECT key FROM idempotency"), ["recent"], "retries within 24 h still replay");
        assert_eq!(ids(&c, "SELECT token_hash FROM tokens"), ["live"]);
    }
}
