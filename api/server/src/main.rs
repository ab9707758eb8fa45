//! `portal-api`: the reference implementation of `api/openapi.yaml` over SQLite, so the portal
//! runs, demos and is tested on one machine with the same failures a real backend has.

mod connections;
mod db;
mod dev;
mod faults;
mod handlers;
mod limits;
mod payments;
mod problem;
mod reports;
mod state;

use std::net::SocketAddr;
use std::path::PathBuf;

const HELP: &str = "portal-api — reference backend for the Bijli Seva portal (api/openapi.yaml)

USAGE:
    portal-api [--addr 127.0.0.1:3001] [--db portal.db] [--dev] [--static-dir dist]

OPTIONS:
    --addr <ip:port>        Address to listen on (default 127.0.0.1:3001)
    --db <file>             SQLite database file; created and migrated on start (default portal.db)
    --data-dir <dir>        Seed data (meta.json, announcements.json) (default: api/server/data)
    --static-dir <dir>      Also serve the built portal from <dir>, with index.html for unknown paths
    --cors-origin <origin>  Allow this portal origin cross-origin (repeatable)
    --dev                   Enable development helpers under /api/v1/dev: SMS outbox, ticket advance,
                            fault injection, a stand-in payment gateway. Never use in production.
    --demo-clock <seconds>  With --dev: advance every open ticket one step every <seconds>
    --otp-resend-secs <n>   Seconds before an OTP may be resent (default 30)
    --public-url <url>      The portal's public address (e.g. https://bijli.example), for the status
                            link in the SMS sent on filing and on each step the office takes;
                            with each --cors-origin, where a payment may send the browser back
    --otp-per-client-hour <n>      OTPs one client address may ask for in an hour, over all
                                   mobiles (default 30); see src/limits.rs
    --uploads-per-client-hour <n>  Documents one client address may upload in an hour (default 120)
    -h, --help              Print this help
";

pub struct Args {
    pub addr: SocketAddr,
    pub db: PathBuf,
    pub data_dir: PathBuf,
    pub static_dir: Option<PathBuf>,
    pub cors_origins: Vec<String>,
    pub dev: bool,
    pub demo_clock: Option<u64>,
    pub otp_resend_secs: i64,
    pub public_url: Option<String>,
    pub otp_per_client_hour: u32,
    pub uploads_per_client_hour: u32,
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args {
        addr: "127.0.0.1:3001".parse().unwrap(),
        db: "portal.db".into(),
        data_dir: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data"),
        static_dir: None,
        cors_origins: vec![],
        dev: false,
        demo_clock: None,
        otp_resend_secs: 30,
        public_url: None,
        otp_per_client_hour: 30,
        uploads_per_client_hour: 120,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut val = || it.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--addr" => a.addr = val()?.parse().map_err(|e| format!("--addr: {e}"))?,
            "--db" => a.db = val()?.into(),
            "--data-dir" => a.data_dir = val()?.into(),
            "--static-dir" => a.static_dir = Some(val()?.into()),
            "--cors-origin" => a.cors_origins.push(val()?),
            "--dev" => a.dev = true,
            "--demo-clock" => a.demo_clock = Some(val()?.parse().map_err(|e| format!("--demo-clock: {e}"))?),
            "--otp-resend-secs" => a.otp_resend_secs = val()?.parse().map_err(|e| format!("--otp-resend-secs: {e}"))?,
            "--public-url" => a.public_url = Some(val()?),
            "--otp-per-client-hour" => {
                a.otp_per_client_hour = val()?.parse().map_err(|e| format!("--otp-per-client-hour: {e}"))?
            }
            "--uploads-per-client-hour" => {
                a.uploads_per_client_hour = val()?.parse().map_err(|e| format!("--uploads-per-client-hour: {e}"))?
            }
            "-h" | "--help" => {
                print!("{HELP}");
                std::process::exit(0);
            }
            other => return Err(format!("unknown option {other}\n\n{HELP}")),
        }
    }
    Ok(a)
}

#[tokio::main]
async fn main() {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let state = match state::AppState::open(&args) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("portal-api: cannot start: {e}");
            std::process::exit(1);
        }
    };
    if let (true, Some(secs)) = (args.dev, args.demo_clock) {
        dev::spawn_demo_clock(state.clone(), secs);
    }
    spawn_housekeeping(state.clone());
    let app = handlers::router(state, &args);
    let listener = match tokio::net::TcpListener::bind(args.addr).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("portal-api: cannot listen on {}: {e}", args.addr);
            std::process::exit(1);
        }
    };
    state::log(&[
        ("event", "listening"),
        ("addr", &args.addr.to_string()),
        ("dev", if args.dev { "true" } else { "false" }),
    ]);
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    // The peer's address is what the per-client limits count (src/limits.rs).
    let app = app.into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, app).with_graceful_shutdown(shutdown).await.expect("server error");
}

/// Hourly `db::housekeep`, logged by count only (what was removed is personal data).
fn spawn_housekeeping(state: state::AppState) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(3600));
        tick.tick().await;
        loop {
            tick.tick().await;
            let now = state::now();
            let result = db::housekeep(&state.db(), now);
            let clients = state.limits.prune(now);
            match result {
                Ok(r) => state::log(&[
                    ("event", "housekeeping"),
                    ("clients_counted", &clients.to_string()),
                    ("idempotency", &r.idempotency.to_string()),
                    ("otps", &r.otps.to_string()),
                    ("tokens", &r.tokens.to_string()),
                    ("unsent_uploads", &r.uploads.to_string()),
                ]),
                Err(e) => state::log(&[("event", "housekeeping_failed"), ("error", &e.to_string())]),
            }
        }
    });
}
