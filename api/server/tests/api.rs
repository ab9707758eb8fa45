//! Black-box tests of the reference server: start the real binary on a free port with a fresh
//! SQLite file and talk HTTP to it, as the portal does.

use reqwest::{Client, StatusCode};
use serde_json::{json, Value};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

struct Server {
    child: Child,
    base: String,
    db: std::path::PathBuf,
}

impl Server {
    fn start_with(db: std::path::PathBuf, dev: bool) -> Server {
        Self::start_args(db, dev, &[])
    }
    fn start_args(db: std::path::PathBuf, dev: bool, extra: &[&str]) -> Server {
        // Each start in this process gets its own port (a port probed free with bind(0) can be
        // handed to a parallel test's server before ours binds it, and then our requests would
        // reach that server). If something else holds the port, the server exits and we move on.
        static NEXT: std::sync::atomic::AtomicU16 = std::sync::atomic::AtomicU16::new(0);
        for _ in 0..5 {
            let port =
                20_000 + (std::process::id() % 10_000) as u16 + NEXT.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            let mut cmd = Command::new(env!("CARGO_BIN_EXE_portal-api"));
            cmd.args(["--addr", &format!("127.0.0.1:{port}"), "--db", db.to_str().unwrap(), "--otp-resend-secs", "2"]);
            if dev {
                cmd.arg("--dev");
            }
            cmd.args(extra);
            let log = std::fs::File::create(db.with_extension("log")).unwrap();
            let child = cmd.stdout(Stdio::null()).stderr(log).spawn().expect("start portal-api");
            let mut s = Server { child, base: format!("http://127.0.0.1:{port}/api/v1"), db: db.clone() };
            // Generous: on a cold 2-core CI machine ten of these start at once.
            for _ in 0..600 {
                if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                    return s;
                }
                if let Ok(Some(_)) = s.child.try_wait() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            eprintln!("portal-api did not start on port {port}: {}", s.log());
        }
        panic!("server did not start");
    }
    fn start() -> Server {
        let dir = std::env::temp_dir().join(format!("portal-api-test-{}-{}", std::process::id(), rand_suffix()));
        std::fs::create_dir_all(&dir).unwrap();
        Self::start_with(dir.join("t.db"), true)
    }
    fn url(&self, p: &str) -> String {
        format!("{}{p}", self.base)
    }
    fn count(&self, table: &str) -> i64 {
        let c = rusqlite::Connection::open(&self.db).unwrap();
        c.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0)).unwrap()
    }
    fn log(&self) -> String {
        std::fs::read_to_string(self.db.with_extension("log")).unwrap_or_default()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Sends a request whose answer the test reads only as JSON (a missing or non-JSON body fails the test).
trait JsonAnswer {
    async fn value<T: serde::de::DeserializeOwned>(self) -> T;
}

impl JsonAnswer for reqwest::RequestBuilder {
    async fn value<T: serde::de::DeserializeOwned>(self) -> T {
        self.send().await.unwrap().json().await.unwrap()
    }
}

fn rand_suffix() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64 % 1_000_000_007
}

/// A verified token for `mobile`, bought for `purpose` as the portal does (OTP, SMS, verify). A
/// second code to the same mobile waits out the resend interval, as a person would.
async fn token(c: &Client, s: &Server, mobile: &str, purpose: &str) -> String {
    // A resend sooner than the server allows waits; the hourly limit for a mobile fails the test
    // rather than hang it.
    let mut tries = 0;
    let sent: Value = loop {
        let r = c.post(s.url("/otp")).json(&json!({"mobile": mobile, "purpose": purpose})).send().await.unwrap();
        if r.status() != StatusCode::TOO_MANY_REQUESTS {
            break r.json().await.unwrap();
        }
        tries += 1;
        assert!(tries < 20, "no OTP for {mobile} after 10 s: its hourly limit? Use another mobile");
        tokio::time::sleep(Duration::from_millis(500)).await;
    };
    let body = latest_otp(c, s, mobile).await;
    let code: String = body.chars().filter(|c| c.is_ascii_digit()).take(6).collect();
    let tok: Value = c.post(s.url("/otp/verify")).json(&json!({"otp_id": sent["otp_id"], "code": code})).value().await;
    tok["token"].as_str().expect("token").to_string()
}

/// The newest OTP SMS in a mobile's dev outbox (status updates go there too).
async fn latest_otp(c: &Client, s: &Server, mobile: &str) -> String {
    let sms: Vec<Value> = c.get(s.url(&format!("/dev/sms?mobile={mobile}"))).value().await;
    let otp = sms.iter().map(|m| m["body"].as_str().unwrap()).find(|b| b.contains("OTP"));
    otp.expect("an OTP SMS").to_string()
}

/// `POST path` as the holder of `tok`, with an Idempotency-Key: how the portal sends every form.
async fn post_as(c: &Client, s: &Server, path: &str, tok: &str, key: &str, body: &Value) -> reqwest::Response {
    c.post(s.url(path)).bearer_auth(tok).header("Idempotency-Key", key).json(body).send().await.unwrap()
}

fn complaint(mobile: &str) -> Value {
    json!({
        "account_number": "1678444072", "mobile": mobile, "name": "Sita Devi", "category": "no_supply",
        "subcategory": "my_house", "description": "No light since morning", "district": "VNS",
        "language": "hi", "filed_by": {"kind": "self"}
    })
}

#[tokio::test]
async fn fifty_concurrent_duplicates_create_one_complaint() {
    let s = Server::start();
    let c = Client::new();
    let tok = token(&c, &s, "9811111111", "complaint").await;
    let body = complaint("9811111111");
    let mut tasks = vec![];
    for _ in 0..50 {
        let (c, url, tok, body) = (c.clone(), s.url("/complaints"), tok.clone(), body.clone());
        tasks.push(tokio::spawn(async move {
            let r =
                c.post(url).bearer_auth(tok).header("Idempotency-Key", "same-key-50").json(&body).send().await.unwrap();
            (r.status(), r.json::<Value>().await.unwrap())
        }));
    }
    let mut numbers = std::collections::HashSet::new();
    for t in tasks {
        let (status, v) = t.await.unwrap();
        assert_eq!(status, StatusCode::CREATED, "{v}");
        numbers.insert(v["number"].as_str().unwrap().to_string());
    }
    assert_eq!(numbers.len(), 1, "every duplicate got the same number");
    assert_eq!(s.count("tickets"), 1);

    let mut other = body.clone();
    other["description"] = json!("A different complaint");
    let r = post_as(&c, &s, "/complaints", &tok, "same-key-50", &other).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.headers()["content-type"], "application/problem+json");
    assert_eq!(s.count("tickets"), 1);
}

/// Filing again while the first complaint is open (the commonest thing in an outage) gets that
/// complaint back, noted on its status page and texted once more, instead of a second ticket.
#[tokio::test]
async fn a_repeat_of_an_open_complaint_gets_that_complaint_not_a_second_one() {
    let s = Server::start();
    let c = Client::new();
    let tok = token(&c, &s, "9811100001", "complaint").await;
    let r = post_as(&c, &s, "/complaints", &tok, "rep-1", &complaint("9811100001")).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let first: Value = r.json().await.unwrap();
    assert!(first.get("already_open").is_none(), "a new complaint says nothing of repeats: {first}");
    let n = first["number"].as_str().unwrap();

    let mut again = complaint("9811100001");
    again["description"] = json!("Still no light, three hours now");
    again["name"] = json!("Sita");
    let r = post_as(&c, &s, "/complaints", &tok, "rep-2", &again).await;
    assert_eq!(r.status(), StatusCode::OK, "nothing was created");
    assert_eq!(r.headers()["location"], format!("/api/v1/complaints/{n}"));
    let repeat: Value = r.json().await.unwrap();
    assert_eq!(repeat["number"], n);
    assert_eq!(repeat["already_open"], true);
    assert_eq!(repeat["created_at"], first["created_at"]);
    assert_eq!(repeat["expected_by"], first["expected_by"]);
    assert_eq!(s.count("tickets"), 1);
    let view: Value = c.get(s.url(&format!("/complaints/{n}"))).value().await;
    let last = view["updates"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["status"], "registered", "the status does not move");
    assert_eq!(last["kind"], "reported_again", "labelled by what happened: {last}");
    assert!(view["updates"][0].get("kind").is_none(), "the office's own line keeps the old shape: {view}");
    assert!(last["note"]["en"].as_str().unwrap().starts_with("Reported again by the consumer"), "{last}");
    assert!(last["note"]["hi"].as_str().unwrap().starts_with("उपभोक्ता ने समस्या फिर से बताई"), "{last}");
    assert!(!view.to_string().contains("three hours"), "what was typed is not published: {view}");
    let sms: Vec<Value> = c.get(s.url("/dev/sms?mobile=9811100001")).value().await;
    let updates: Vec<&str> = sms.iter().map(|m| m["body"].as_str().unwrap()).filter(|b| !b.contains("OTP")).collect();
    assert_eq!(updates.len(), 2, "the number texted again: {updates:?}");
    assert!(updates[0].contains("आपने समस्या फिर से बताई"), "spoken to the consumer: {}", updates[0]);
    assert!(!updates[0].contains("उपभोक्ता"), "{}", updates[0]);
    // A retry of the repeat replays it: no second note, no second SMS.
    let r = post_as(&c, &s, "/complaints", &tok, "rep-2", &again).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["idempotent-replayed"], "true");
    let view: Value = c.get(s.url(&format!("/complaints/{n}"))).value().await;
    assert_eq!(view["updates"].as_array().unwrap().len(), 2);
    // A third try within the hour gets the complaint too, but no more notes or texts.
    let r = post_as(&c, &s, "/complaints", &tok, "rep-2b", &again).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.json::<Value>().await.unwrap()["number"], n);
    let view: Value = c.get(s.url(&format!("/complaints/{n}"))).value().await;
    assert_eq!(view["updates"].as_array().unwrap().len(), 2, "one note an hour");
    let sms: Vec<Value> = c.get(s.url("/dev/sms?mobile=9811100001")).value().await;
    assert_eq!(sms.iter().filter(|m| !m["body"].as_str().unwrap().contains("OTP")).count(), 2);

    // Another problem, another account, or an anonymous report is a complaint of its own.
    let mut other = complaint("9811100001");
    other["subcategory"] = json!("street");
    let mut neighbour = complaint("9811100001");
    neighbour["account_number"] = json!("1678444073");
    for (key, body) in [("rep-3", other), ("rep-4", neighbour)] {
        let r = post_as(&c, &s, "/complaints", &tok, key, &body).await;
        assert_eq!(r.status(), StatusCode::CREATED, "{key}");
    }
    assert_eq!(s.count("tickets"), 3);

    // Once the office says it is fixed, filing again is a new complaint (or, on the status page, a reopen).
    for _ in 0..3 {
        c.post(s.url(&format!("/dev/tickets/{n}/advance"))).send().await.unwrap();
    }
    let r = post_as(&c, &s, "/complaints", &tok, "rep-5", &complaint("9811100001")).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    assert_ne!(r.json::<Value>().await.unwrap()["number"], n);
    assert!(s.log().contains("complaint_repeated"));
}

#[tokio::test]
async fn bad_input_never_500_and_never_stored() {
    let s = Server::start();
    let c = Client::new();
    let tok = token(&c, &s, "9822222222", "complaint").await;
    let url = s.url("/complaints");
    let good = complaint("9822222222");
    let mut cases: Vec<(&str, reqwest::RequestBuilder, StatusCode)> = vec![];
    let post = |key: &str| c.post(&url).bearer_auth(&tok).header("Idempotency-Key", key.to_string());
    cases.push((
        "malformed json",
        post("b1").header("content-type", "application/json").body("{\"mobile\":"),
        StatusCode::BAD_REQUEST,
    ));
    cases.push((
        "wrong types",
        post("b2").json(&json!({"mobile": 98, "category": [], "subcategory": {}, "description": 1, "district": null})),
        StatusCode::UNPROCESSABLE_ENTITY,
    ));
    cases.push(("missing fields", post("b3").json(&json!({"mobile": "9822222222"})), StatusCode::UNPROCESSABLE_ENTITY));
    cases.push((
        "invalid utf-8",
        post("b5").header("content-type", "application/json").body(vec![b'{', b'"', 0xff, 0xfe, b'"', b'}']),
        StatusCode::BAD_REQUEST,
    ));
    cases.push((
        "wrong content type",
        post("b6").header("content-type", "text/plain").body(good.to_string()),
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
    ));
    cases.push(("no idempotency key", c.post(&url).bearer_auth(&tok).json(&good), StatusCode::BAD_REQUEST));
    cases.push(("no token", c.post(&url).header("Idempotency-Key", "b7").json(&good), StatusCode::UNAUTHORIZED));
    cases.push((
        "forged token",
        c.post(&url).bearer_auth("deadbeef".repeat(8)).header("Idempotency-Key", "b8").json(&good),
        StatusCode::UNAUTHORIZED,
    ));
    let mut bad_fields = good.clone();
    bad_fields["mobile"] = json!("12345");
    bad_fields["district"] = json!("'; DROP TABLE tickets; --");
    bad_fields["description"] = json!("x".repeat(5000));
    cases.push(("bad field values", post("b9").json(&bad_fields), StatusCode::UNPROCESSABLE_ENTITY));
    let mut other_mobile = good.clone();
    other_mobile["mobile"] = json!("9833333333");
    cases.push(("token for another mobile", post("b10").json(&other_mobile), StatusCode::UNPROCESSABLE_ENTITY));
    // Who filed: a kiosk's name that is not a plain word, an operator without a name.
    let mut bad_kiosk = good.clone();
    bad_kiosk["filed_by"] = json!({"kind": "kiosk", "kiosk_id": format!("k{}", "<b>".repeat(20))});
    cases.push(("bad kiosk id", post("b11").json(&bad_kiosk), StatusCode::UNPROCESSABLE_ENTITY));
    let mut bad_operator = good.clone();
    bad_operator["filed_by"] =
        json!({"kind": "operator", "operator_id": "9839012345", "operator_name": " ", "shop": "Cafe"});
    cases.push(("operator without a name", post("b12").json(&bad_operator), StatusCode::UNPROCESSABLE_ENTITY));
    // Last: the server answers 413 and closes the connection without reading the 10 MB.
    cases.push((
        "10 MB body",
        post("b4").header("content-type", "application/json").body(vec![b' '; 10 * 1024 * 1024]),
        StatusCode::PAYLOAD_TOO_LARGE,
    ));
    for (name, req, want) in cases {
        let r = match req.send().await {
            Ok(r) => r,
            // The server answers 413 from Content-Length and closes without reading 10 MB;
            // the client may see that as a broken pipe before it reads the answer.
            Err(e) if name == "10 MB body" && e.is_request() => {
                assert_eq!(s.count("tickets"), 0);
                continue;
            }
            Err(e) => panic!("{name}: {e}"),
        };
        let status = r.status();
        let ct = r.headers().get("content-type").map(|v| v.to_str().unwrap().to_string());
        assert_eq!(status, want, "{name}: {:?}", r.text().await);
        assert_eq!(ct.as_deref(), Some("application/problem+json"), "{name}");
        assert_eq!(s.count("tickets"), 0, "{name} stored nothing");
    }

    // A fresh client: the 10 MB case may have left a pooled connection closed by the server.
    let c = Client::new();
    // SQL and script strings in free text are stored and returned as plain text.
    let mut tricky = good.clone();
    tricky["description"] = json!("<script>alert('x')</script> '; DROP TABLE tickets; --");
    tricky["name"] = json!("Robert'); DELETE FROM updates;--");
    let r = c.post(&url).bearer_auth(&tok).header("Idempotency-Key", "ok1").json(&tricky).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let n = r.json::<Value>().await.unwrap()["number"].as_str().unwrap().to_string();
    let rec: Value = c.get(s.url(&format!("/dev/tickets/{n}"))).value().await;
    assert_eq!(rec["request"]["description"], tricky["description"]);
    assert_eq!(rec["request"]["name"], tricky["name"]);
    assert_eq!(s.count("updates"), 1);

    // Tickets: malformed and unknown numbers.
    let r = c.get(s.url("/complaints/12345")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let unknown = portal_contract::ticket::make(portal_contract::ticket::TicketKind::Complaint, 1);
    assert_eq!(c.get(s.url(&format!("/complaints/{unknown}"))).send().await.unwrap().status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn otp_throttling_and_expiry() {
    let s = Server::start();
    let c = Client::new();
    let r = c.post(s.url("/otp")).json(&json!({"mobile": "98444 44444", "purpose": "complaint"})).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::ACCEPTED);
    let sent: Value = r.json().await.unwrap();
    let again =
        c.post(s.url("/otp")).json(&json!({"mobile": "9844444444", "purpose": "complaint"})).send().await.unwrap();
    assert_eq!(again.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(again.headers().get("retry-after").is_some());
    for i in 0..5 {
        let r = c
            .post(s.url("/otp/verify"))
            .json(&json!({"otp_id": sent["otp_id"], "code": "000000"}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "attempt {i}");
        let p: Value = r.json().await.unwrap();
        assert_eq!(p["errors"][0]["code"], "invalid_otp");
    }
    let locked =
        c.post(s.url("/otp/verify")).json(&json!({"otp_id": sent["otp_id"], "code": "000000"})).send().await.unwrap();
    assert_eq!(locked.status(), StatusCode::TOO_MANY_REQUESTS);
    let unknown = c.post(s.url("/otp/verify")).json(&json!({"otp_id": "nope", "code": "123456"})).send().await.unwrap();
    assert_eq!(unknown.json::<Value>().await.unwrap()["errors"][0]["code"], "otp_expired");
    let bad_mobile =
        c.post(s.url("/otp")).json(&json!({"mobile": "12345", "purpose": "complaint"})).send().await.unwrap();
    assert_eq!(bad_mobile.json::<Value>().await.unwrap()["errors"][0]["code"], "invalid_mobile");
}

#[tokio::test]
async fn lifecycle_feedback_and_etags() {
    let s = Server::start();
    let c = Client::new();
    let tok = token(&c, &s, "9855555555", "complaint").await;
    let created: Value =
        post_as(&c, &s, "/complaints", &tok, "l1", &complaint("9855555555")).await.json().await.unwrap();
    let n = created["number"].as_str().unwrap();
    let feedback = |tok: &str, body: Value| {
        c.post(s.url(&format!("/complaints/{n}/feedback"))).bearer_auth(tok).json(&body).send()
    };
    let r = c.get(s.url(&format!("/complaints/{n}"))).send().await.unwrap();
    let etag = r.headers()["etag"].to_str().unwrap().to_string();
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["status"], "registered");
    assert_eq!(v["contact"], "XXXXXX5555");
    let r = c.get(s.url(&format!("/complaints/{n}"))).header("If-None-Match", &etag).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_MODIFIED);
    // The dev step cannot give a complaint an application's status, nor withdraw it for the filer.
    for to in ["connection_released", "feasible", "withdrawn"] {
        let r = c.post(s.url(&format!("/dev/tickets/{n}/advance"))).json(&json!({ "to": to })).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::CONFLICT, "{to}");
        assert_eq!(r.json::<Value>().await.unwrap()["errors"][0]["field"], "to");
    }

    // The code bought to file cannot give feedback: the SMS said what it was for.
    let r = feedback(&tok, json!({"resolved": true, "rating": 5})).await.unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(r.json::<Value>().await.unwrap()["type"], "https://bijliseva.example/problems/token_purpose");
    let tok = token(&c, &s, "9855555555", "feedback").await;
    let said = latest_otp(&c, &s, "9855555555").await;
    assert!(
        said.contains("to give feedback on a complaint or a connection")
            && said.contains("शिकायत या कनेक्शन पर प्रतिक्रिया देने के लिए"),
        "{said}"
    );

    // Feedback is refused until the office says it is resolved.
    let early = feedback(&tok, json!({"resolved": true, "rating": 5})).await.unwrap();
    assert_eq!(early.status(), StatusCode::CONFLICT);
    for _ in 0..3 {
        assert!(c.post(s.url(&format!("/dev/tickets/{n}/advance"))).send().await.unwrap().status().is_success());
    }
    let r = c.get(s.url(&format!("/complaints/{n}"))).header("If-None-Match", &etag).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK, "changed ticket is not 304");
    let other = token(&c, &s, "9866666666", "feedback").await;
    let wrong = feedback(&other, json!({"resolved": false, "comment": "x"})).await.unwrap();
    assert_eq!(wrong.status(), StatusCode::FORBIDDEN);
    let no_reason = feedback(&tok, json!({"resolved": false})).await.unwrap();
    assert_eq!(no_reason.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let reopened: Value =
        feedback(&tok, json!({"resolved": false, "comment": "Still no light"})).await.unwrap().json().await.unwrap();
    assert_eq!(reopened["status"], "reopened");
    assert!(reopened["updates"].as_array().unwrap().last().unwrap()["note"]["en"]
        .as_str()
        .unwrap()
        .contains("Still no light"));
    // What was done in the consumer's name reaches their phone, without what was typed.
    let texts = |body: &str| body.contains("फिर से खोली गई") && !body.contains("Still no light");
    let sms: Vec<Value> = c.get(s.url("/dev/sms?mobile=9855555555")).value().await;
    assert!(texts(sms[0]["body"].as_str().unwrap()), "{}", sms[0]);
    for _ in 0..3 {
        c.post(s.url(&format!("/dev/tickets/{n}/advance"))).send().await.unwrap();
    }
    let closed: Value = feedback(&tok, json!({"resolved": true, "rating": 4, "comment": "Thanks"}))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(closed["status"], "closed");
    assert_eq!(closed["feedback"]["rating"], 4);
    let sms: Vec<Value> = c.get(s.url("/dev/sms?mobile=9855555555")).value().await;
    assert!(sms[0]["body"].as_str().unwrap().contains("आपकी पुष्टि पर शिकायत बंद की गई"), "{}", sms[0]);
    let r = c.post(s.url(&format!("/dev/tickets/{n}/advance"))).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::CONFLICT, "closed is terminal");

    let meta = c.get(s.url("/meta")).send().await.unwrap();
    let etag = meta.headers()["etag"].to_str().unwrap().to_string();
    let m: Value = meta.json().await.unwrap();
    assert_eq!(m["districts"].as_array().unwrap().len(), 21);
    assert_eq!(
        c.get(s.url("/meta")).header("If-None-Match", etag).send().await.unwrap().status(),
        StatusCode::NOT_MODIFIED
    );
    let en: Value = c.get(s.url("/announcements?lang=en")).value().await;
    let hi: Value = c.get(s.url("/announcements?lang=hi")).value().await;
    assert_ne!(en[0]["title"], hi[0]["title"]);
    assert_eq!(c.get(s.url("/announcements?lang=fr")).send().await.unwrap().status(), StatusCode::UNPROCESSABLE_ENTITY);
    // An outage names its district and window (what the complaint form tells "no supply"); other
    // notices carry none of that.
    let sigra = en.as_array().unwrap().iter().find(|a| a["id"] == "a2").unwrap();
    assert_eq!(sigra["kind"], "outage");
    assert_eq!(sigra["district"], "VNS");
    assert_eq!(sigra["from"], "2026-11-30T04:30:00Z");
    assert_eq!(sigra["until"], "2026-11-30T08:30:00Z");
    let scheme = en.as_array().unwrap().iter().find(|a| a["id"] == "a1").unwrap();
    assert!(scheme.get("district").is_none() && scheme.get("until").is_none(), "{scheme}");
}

/// A file of the data the server ships with (`api/server/data/`).
#[tokio::test]
async fn whoever_filed_it_withdraws_an_open_complaint_or_application_once() {
    let s = Server::start();
    let c = Client::new();
    let mobile = "9855555123";
    let filing = token(&c, &s, mobile, "complaint").await;
    let created: Value = post_as(&c, &s, "/complaints", &filing, "w1", &complaint(mobile)).await.json().await.unwrap();
    let n = created["number"].as_str().unwrap().to_string();
    let withdraw = |path: String, tok: String, key: &'static str, body: Value| {
        let c = c.clone();
        let url = s.url(&path);
        async move { c.post(url).bearer_auth(tok).header("Idempotency-Key", key).json(&body).send().await.unwrap() }
    };
    let path = format!("/complaints/{n}/withdraw");

    // The code bought to file cannot withdraw; one bought to withdraw says so in its SMS.
    let r = withdraw(path.clone(), filing.clone(), "k0", json!({"reason": "fixed"})).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let tok = token(&c, &s, mobile, "withdraw").await;
    let said = latest_otp(&c, &s, mobile).await;
    assert!(said.contains("to withdraw a complaint or application") && said.contains("वापस लेने के लिए"), "{said}");
    let other = token(&c, &s, "9855555124", "withdraw").await;
    assert_eq!(withdraw(path.clone(), other, "k1", json!({"reason": "fixed"})).await.status(), StatusCode::FORBIDDEN);
    // Bad input: by field, and nothing changes.
    for (body, field, code) in [
        (json!({"reason": ""}), "reason", "required"),
        (json!({"reason": "not_needed"}), "reason", "invalid_choice"),
        (json!({"reason": "other", "comment": "  "}), "comment", "required"),
    ] {
        let r = withdraw(path.clone(), tok.clone(), "k2", body.clone()).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        let e: Value = r.json().await.unwrap();
        assert_eq!((e["errors"][0]["field"].as_str(), e["errors"][0]["code"].as_str()), (Some(field), Some(code)));
    }
    let r = withdraw(path.clone(), tok.clone(), "k3", json!({"reason": 7})).await;
    assert!(r.status().is_client_error() && r.status() != StatusCode::NOT_FOUND, "{}", r.status());
    // A complaint's number under /connections is no application.
    assert_eq!(
        withdraw(format!("/connections/{n}/withdraw"), tok.clone(), "k4", json!({"reason": "duplicate"}))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    let v: Value = c.get(s.url(&format!("/complaints/{n}"))).value().await;
    assert_eq!(v["status"], "registered");

    c.post(s.url(&format!("/dev/tickets/{n}/advance"))).send().await.unwrap();
    let r =
        withdraw(path.clone(), tok.clone(), "k5", json!({"reason": "other", "comment": "Neighbour fixed the fuse"}))
            .await;
    assert_eq!(r.status(), StatusCode::OK);
    let done: Value = r.json().await.unwrap();
    assert_eq!(done["status"], "withdrawn");
    let last = done["updates"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["status"], "withdrawn");
    assert!(last["note"]["en"].as_str().unwrap().contains("Neighbour fixed the fuse"), "{last}");
    let sms: Vec<Value> = c.get(s.url(&format!("/dev/sms?mobile={mobile}"))).value().await;
    let body = sms[0]["body"].as_str().unwrap();
    assert!(body.contains("आपके कहने पर शिकायत वापस ली गई") && !body.contains("Neighbour"), "{body}");
    // The same request again gets the same answer; another is refused: it is over.
    let again: Value =
        withdraw(path.clone(), tok.clone(), "k5", json!({"reason": "other", "comment": "Neighbour fixed the fuse"}))
            .await
            .json()
            .await
            .unwrap();
    assert_eq!(again, done);
    assert_eq!(
        withdraw(path.clone(), tok.clone(), "k6", json!({"reason": "fixed"})).await.status(),
        StatusCode::CONFLICT
    );
    assert_eq!(
        c.post(s.url(&format!("/dev/tickets/{n}/advance"))).send().await.unwrap().status(),
        StatusCode::CONFLICT
    );
    // A new complaint about the same problem is a new ticket, not a repeat of the withdrawn one.
    let filing = token(&c, &s, mobile, "complaint").await;
    let fresh: Value = post_as(&c, &s, "/complaints", &filing, "w2", &complaint(mobile)).await.json().await.unwrap();
    assert_ne!(fresh["number"], n.as_str());

    // A complaint marked fixed is confirmed or reopened instead.
    let m = fresh["number"].as_str().unwrap();
    for _ in 0..3 {
        c.post(s.url(&format!("/dev/tickets/{m}/advance"))).send().await.unwrap();
    }
    let r = withdraw(format!("/complaints/{m}/withdraw"), tok.clone(), "k7", json!({"reason": "fixed"})).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
}

/// A dev server of its own whose demo clock ticks every second.
fn with_demo_clock() -> Server {
    let dir = std::env::temp_dir().join(format!("portal-api-test-{}-{}", std::process::id(), rand_suffix()));
    std::fs::create_dir_all(&dir).unwrap();
    Server::start_args(dir.join("t.db"), true, &["--demo-clock", "1"])
}

#[tokio::test]
async fn the_demo_clock_moves_open_tickets_and_leaves_ended_and_waiting_ones() {
    let s = with_demo_clock();
    let c = Client::new();
    let file = |mobile: &'static str| {
        let (c, s) = (&c, &s);
        async move {
            let tok = token(c, s, mobile, "complaint").await;
            let v: Value = post_as(c, s, "/complaints", &tok, mobile, &complaint(mobile)).await.json().await.unwrap();
            v["number"].as_str().unwrap().to_string()
        }
    };
    let (moving, withdrawn) = (file("9855500001").await, file("9855500002").await);
    let tok = token(&c, &s, "9855500002", "withdraw").await;
    let r =
        post_as(&c, &s, &format!("/complaints/{withdrawn}/withdraw"), &tok, "d1", &json!({"reason": "fixed"})).await;
    assert_eq!(r.status(), StatusCode::OK);
    let at_withdrawal = r.json::<Value>().await.unwrap()["updates"].as_array().unwrap().len();
    let status = |n: String| {
        let c = &c;
        let url = s.url(&format!("/complaints/{n}"));
        async move { c.get(url).value::<Value>().await["status"].as_str().unwrap().to_string() }
    };
    for _ in 0..100 {
        if status(moving.clone()).await == "resolved" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!(status(moving.clone()).await, "resolved", "moved step by step to where the consumer answers");
    assert_eq!(status(withdrawn.clone()).await, "withdrawn");
    let v: Value = c.get(s.url(&format!("/complaints/{withdrawn}"))).value().await;
    assert_eq!(v["updates"].as_array().unwrap().len(), at_withdrawal, "nothing after the withdrawal");
}

#[tokio::test]
async fn the_demo_clock_questions_only_some_applications_and_takes_the_others_to_the_inspection() {
    let s = with_demo_clock();
    let c = Client::new();
    // Numbers ending in an odd digit get a query, the others go on; filed until there is one of each.
    let (mut questioned, mut straight) = (None, None);
    for i in 0..8 {
        let mobile = format!("98555004{i:02}");
        let uploads = home_documents(&c, &s).await;
        let tok = token(&c, &s, &mobile, "connection").await;
        let app: Value = post_as(&c, &s, "/connections", &tok, &format!("d{i}"), &application(&mobile, &uploads))
            .await
            .json()
            .await
            .unwrap();
        let n = app["number"].as_str().unwrap().to_string();
        let odd = n.bytes().last().unwrap() % 2 == 1;
        if odd {
            questioned.get_or_insert(n)
        } else {
            straight.get_or_insert(n)
        };
        if questioned.is_some() && straight.is_some() {
            break;
        }
    }
    let (questioned, straight) = (questioned.unwrap(), straight.unwrap());
    let view = |n: String| {
        let c = &c;
        let url = s.url(&format!("/connections/{n}"));
        async move { c.get(url).value::<Value>().await }
    };
    // Each stops where the applicant acts: answering the query, or paying the fees.
    for _ in 0..100 {
        if view(questioned.clone()).await["status"] == "query_raised"
            && view(straight.clone()).await["status"] == "feasible"
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!(view(questioned.clone()).await["status"], "query_raised");
    let v = view(straight.clone()).await;
    assert_eq!(v["status"], "feasible", "documents in order: on to the inspection, then feasible");
    let went: Vec<&str> = v["updates"].as_array().unwrap().iter().map(|u| u["status"].as_str().unwrap()).collect();
    assert!(!went.contains(&"query_raised"), "{went:?}");
    assert!(went.contains(&"inspection_scheduled"), "{went:?}");
}

fn shipped(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data").join(name)
}

fn seeded_announcements() -> Value {
    serde_json::from_str(&std::fs::read_to_string(shipped("announcements.json")).unwrap()).unwrap()
}

/// A data folder for `--data-dir`: the shipped catalogue with these announcements.
fn data_dir_with(announcements: &Value) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("portal-api-data-{}", rand_suffix()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(shipped("meta.json"), dir.join("meta.json")).unwrap();
    std::fs::write(dir.join("announcements.json"), announcements.to_string()).unwrap();
    dir
}

/// What the server said when it would not start on the data in `dir` (it must not start).
/// A GET the server refuses as bad input (422): the field and code of its first error.
async fn refusal(c: &Client, s: &Server, path: &str) -> [String; 2] {
    let r = c.get(s.url(path)).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{path}");
    let e: Value = r.json().await.unwrap();
    ["field", "code"].map(|k| e["errors"][0][k].as_str().unwrap_or_default().to_string())
}

fn refused_start(dir: &std::path::Path) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_portal-api"))
        .args(["--addr", "127.0.0.1:0", "--db"])
        .arg(dir.join("s.db"))
        .arg("--data-dir")
        .arg(dir)
        .output()
        .unwrap();
    assert!(!out.status.success(), "started on {}", dir.display());
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A holiday or a schedule whose date is misspelt stops the server at start-up, naming it,
/// instead of a holiday that books inspections anyway or fees that are never in force.
#[test]
fn a_misspelt_date_in_the_catalogue_is_refused_at_start_up() {
    let dir = data_dir_with(&seeded_announcements());
    let mut meta: Value = serde_json::from_str(include_str!("../data/meta.json")).unwrap();
    meta["holidays"][1]["date"] = json!("26-01-2027");
    std::fs::write(dir.join("meta.json"), meta.to_string()).unwrap();
    let said = refused_start(&dir);
    assert!(said.contains(r#"not a YYYY-MM-DD date: holiday "26-01-2027""#), "{said}");
    std::fs::remove_dir_all(&dir).ok();
}

/// A data file naming a district the catalogue does not have, or a window that is no date, stops
/// the server at start-up with the announcement named, instead of serving a notice nobody sees.
#[test]
fn an_outage_with_an_unknown_district_or_a_bad_window_is_refused_at_start_up() {
    for (field, value) in [("district", "XYZ"), ("until", "tomorrow")] {
        let mut anns = seeded_announcements();
        anns[1][field] = json!(value);
        let dir = data_dir_with(&anns);
        let said = refused_start(&dir);
        assert!(said.contains("announcement a2: bad") && said.contains(field), "{field}: {said}");
        std::fs::remove_dir_all(&dir).ok();
    }
}

/// The home page asks for the notices without the power cuts that are over, and only as many as
/// it shows; the notices page asks for all of them a page at a time, and for the cuts still ahead
/// soonest first. Cuts still to come or going on, and notices that are no cut, stay.
#[tokio::test]
async fn the_home_page_list_leaves_out_the_power_cuts_that_are_over() {
    let Value::Array(mut anns) = seeded_announcements() else { panic!("announcements.json is a list") };
    let cut = anns.iter().find(|a| a["id"] == "a2").unwrap().clone();
    let window = |id: &str, from: &str, until: &str| {
        let mut a = cut.clone();
        a["id"] = json!(id);
        a["from"] = json!(from);
        a["until"] = json!(until);
        a
    };
    anns.retain(|a| a["id"] != "a2");
    anns.push(window("over", "2000-01-01T04:30:00Z", "2000-01-01T08:30:00Z"));
    anns.push(window("on", "2000-01-01T04:30:00Z", "2100-01-01T08:30:00Z"));
    anns.push(window("coming", "2100-01-01T04:30:00Z", "2100-01-01T08:30:00Z"));
    let dir = data_dir_with(&Value::Array(anns));
    let s = Server::start_args(dir.join("s.db"), true, &["--data-dir", dir.to_str().unwrap()]);
    let c = Client::new();
    let ids = |v: Value| -> Vec<String> {
        let mut ids: Vec<String> =
            v.as_array().unwrap().iter().map(|a| a["id"].as_str().unwrap().to_string()).collect();
        ids.sort();
        ids
    };
    let all = ids(c.get(s.url("/announcements?lang=hi")).value().await);
    assert_eq!(all, ["a1", "a3", "coming", "on", "over"]);
    assert_eq!(ids(c.get(s.url("/announcements?lang=hi&hide_ended=false")).value().await), all);
    assert_eq!(ids(c.get(s.url("/announcements?lang=en&hide_ended=true")).value().await), ["a1", "a3", "coming", "on"]);
    assert_eq!(refusal(&c, &s, "/announcements?lang=hi&hide_ended=yes").await, ["hide_ended", "invalid_choice"]);
    // The home page asks only for the few it shows: the newest of the same list, in its order.
    let in_order = |v: Value| -> Vec<String> {
        v.as_array().unwrap().iter().map(|a| a["id"].as_str().unwrap().to_string()).collect()
    };
    let shown = in_order(c.get(s.url("/announcements?lang=hi&hide_ended=true")).value().await);
    assert_eq!(in_order(c.get(s.url("/announcements?lang=hi&hide_ended=true&limit=2")).value().await), shown[..2]);
    assert_eq!(ids(c.get(s.url("/announcements?lang=hi&limit=50")).value().await), all);
    for (limit, code) in
        [("0", "out_of_range"), ("51", "out_of_range"), ("three", "invalid_number"), ("-1", "invalid_number")]
    {
        assert_eq!(refusal(&c, &s, &format!("/announcements?lang=hi&limit={limit}")).await, ["limit", code]);
    }
    // The notices page asks a page at a time: the pages meet, in order, and past the end is empty.
    let full = in_order(c.get(s.url("/announcements?lang=hi")).value().await);
    let first = in_order(c.get(s.url("/announcements?lang=hi&limit=2")).value().await);
    let second = in_order(c.get(s.url("/announcements?lang=hi&limit=2&offset=2")).value().await);
    let rest = in_order(c.get(s.url("/announcements?lang=hi&offset=4")).value().await);
    assert_eq!([first, second, rest].concat(), full);
    assert!(in_order(c.get(s.url("/announcements?lang=hi&offset=5")).value().await).is_empty());
    assert!(in_order(c.get(s.url("/announcements?lang=hi&offset=500&limit=3")).value().await).is_empty());
    assert_eq!(ids(c.get(s.url("/announcements?lang=hi&offset=0")).value().await), all);
    for offset in ["two", "-1", "1.5"] {
        let path = format!("/announcements?lang=hi&offset={offset}");
        assert_eq!(refusal(&c, &s, &path).await, ["offset", "invalid_number"]);
    }
    // The notices page's first list: the cuts on now and coming up, the soonest first (a tie in
    // start by id), whatever order they were published in.
    let cuts = "/announcements?lang=hi&kind=outage&hide_ended=true&order=soonest";
    assert_eq!(in_order(c.get(s.url(cuts)).value().await), ["on", "coming"]);
    assert_eq!(
        in_order(c.get(s.url("/announcements?lang=en&kind=outage&order=soonest")).value().await),
        ["on", "over", "coming"]
    );
    assert_eq!(in_order(c.get(s.url(&format!("{cuts}&limit=1"))).value().await), ["on"]);
    assert_eq!(in_order(c.get(s.url("/announcements?lang=hi&kind=scheme")).value().await), ["a1"]);
    // By publication without a start: a1 (20 Nov) before a3 (10 Nov) newest first, after it soonest.
    let notices = in_order(c.get(s.url("/announcements?lang=hi&order=newest")).value().await);
    assert_eq!(notices, full);
    let soonest = in_order(c.get(s.url("/announcements?lang=hi&order=soonest")).value().await);
    assert!(soonest.iter().position(|i| i == "a3") < soonest.iter().position(|i| i == "a1"));
    for kind in ["outages", "OUTAGE", ""] {
        assert_eq!(refusal(&c, &s, &format!("/announcements?lang=hi&kind={kind}")).await, ["kind", "invalid_choice"]);
    }
    for order in ["oldest", "Soonest", ""] {
        assert_eq!(
            refusal(&c, &s, &format!("/announcements?lang=hi&order={order}")).await,
            ["order", "invalid_choice"]
        );
    }
    // One district's notices: its own cuts and those for everyone, not another district's.
    let mut gzp = cut.clone();
    gzp["id"] = json!("gzp");
    gzp["district"] = json!("GZP");
    drop(s);
    let Value::Array(mut with_gzp) = seeded_announcements() else { panic!("a list") };
    with_gzp.push(gzp);
    let dir2 = data_dir_with(&Value::Array(with_gzp));
    let s = Server::start_args(dir2.join("s.db"), true, &["--data-dir", dir2.to_str().unwrap()]);
    assert_eq!(ids(c.get(s.url("/announcements?lang=hi")).value().await), ["a1", "a2", "a3", "gzp"]);
    assert_eq!(ids(c.get(s.url("/announcements?lang=hi&district=VNS")).value().await), ["a1", "a2", "a3"]);
    assert_eq!(ids(c.get(s.url("/announcements?lang=en&district=GZP&limit=3")).value().await), ["a1", "a3", "gzp"]);
    for district in ["XYZ", "vns", ""] {
        let path = format!("/announcements?lang=hi&district={district}");
        assert_eq!(refusal(&c, &s, &path).await, ["district", "invalid_choice"]);
    }
    drop(s);
    std::fs::remove_dir_all(&dir).ok();
    std::fs::remove_dir_all(&dir2).ok();
}

/// What a late fix may earn is worked out from what the server publishes (the catalogue's
/// schedule and the ticket's own history) by the rule the portal uses.
#[tokio::test]
async fn a_transformer_fixed_two_days_late_may_earn_two_days_of_compensation() {
    use portal_contract::{compensation, wire};
    let s = Server::start();
    let c = Client::new();
    let tok = token(&c, &s, "9855555511", "complaint").await;
    let mut body = complaint("9855555511");
    body["category"] = json!("transformer");
    body["subcategory"] = json!("burnt");
    let created: Value = post_as(&c, &s, "/complaints", &tok, "comp1", &body).await.json().await.unwrap();
    let n = created["number"].as_str().unwrap();
    for _ in 0..2 {
        c.post(s.url(&format!("/dev/tickets/{n}/advance"))).send().await.unwrap();
    }
    // Resolved now, against a deadline 50 hours ago.
    let v: wire::TicketView =
        c.post(s.url(&format!("/dev/tickets/{n}/advance"))).json(&json!({"overdue_hours": 50})).value().await;
    assert_eq!(v.status, portal_contract::status::Status::Resolved);
    let meta: wire::Meta = c.get(s.url("/meta")).value().await;
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    let owed = compensation::due(&meta.compensation, &v, now + 30 * 86_400).unwrap();
    assert_eq!((owed.rupees_per_day, owed.days, owed.rupees), (150, 2, 300), "fixed, so it stops growing");
    // The same delay on a fault the regulation does not price earns nothing.
    let tok = token(&c, &s, "9855555512", "complaint").await;
    let created: Value =
        post_as(&c, &s, "/complaints", &tok, "comp2", &complaint("9855555512")).await.json().await.unwrap();
    let n = created["number"].as_str().unwrap();
    let v: wire::TicketView =
        c.post(s.url(&format!("/dev/tickets/{n}/advance"))).json(&json!({"overdue_hours": 50})).value().await;
    assert_eq!(compensation::due(&meta.compensation, &v, now), None);
}

#[tokio::test]
async fn dropped_response_after_commit_is_safe_to_retry() {
    let s = Server::start();
    let c = Client::new();
    let tok = token(&c, &s, "9877777777", "complaint").await;
    c.post(s.url("/dev/faults")).json(&json!({"drop_next": 1})).send().await.unwrap();
    let first = c
        .post(s.url("/complaints"))
        .bearer_auth(&tok)
        .header("Idempotency-Key", "d1")
        .json(&complaint("9877777777"))
        .send()
        .await;
    let broken = match first {
        Err(_) => true,
        Ok(r) => r.bytes().await.is_err(),
    };
    assert!(broken, "the response was dropped");
    assert_eq!(s.count("tickets"), 1, "but the complaint was committed");
    let retry = post_as(&c, &s, "/complaints", &tok, "d1", &complaint("9877777777")).await;
    assert_eq!(retry.status(), StatusCode::CREATED);
    assert_eq!(retry.headers()["idempotent-replayed"], "true");
    assert_eq!(s.count("tickets"), 1);

    c.post(s.url("/dev/faults")).json(&json!({"fail_next": 1})).send().await.unwrap();
    let r = post_as(&c, &s, "/complaints", &tok, "d2", &complaint("9877777777")).await;
    assert_eq!(r.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(s.count("tickets"), 1, "an injected failure happens before any work");
}

#[tokio::test]
async fn restart_keeps_tickets_and_idempotency_records() {
    let dir = std::env::temp_dir().join(format!("portal-api-restart-{}", rand_suffix()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("r.db");
    let c = Client::new();
    let (number, tok) = {
        let s = Server::start_with(db.clone(), true);
        let tok = token(&c, &s, "9888888888", "complaint").await;
        let v: Value = post_as(&c, &s, "/complaints", &tok, "r1", &complaint("9888888888")).await.json().await.unwrap();
        (v["number"].as_str().unwrap().to_string(), tok)
    };
    let s = Server::start_with(db, true);
    let v: Value = c.get(s.url(&format!("/complaints/{number}"))).value().await;
    assert_eq!(v["number"], number.as_str());
    let replay = post_as(&c, &s, "/complaints", &tok, "r1", &complaint("9888888888")).await;
    assert_eq!(replay.json::<Value>().await.unwrap()["number"], number.as_str());
    assert_eq!(s.count("tickets"), 1);
}

#[tokio::test]
async fn dev_helpers_absent_without_dev_flag() {
    let dir = std::env::temp_dir().join(format!("portal-api-nodev-{}", rand_suffix()));
    std::fs::create_dir_all(&dir).unwrap();
    let s = Server::start_with(dir.join("n.db"), false);
    let c = Client::new();
    for p in ["/dev/sms?mobile=9876543210", "/dev/faults"] {
        assert_eq!(c.get(s.url(p)).send().await.unwrap().status(), StatusCode::NOT_FOUND, "{p}");
    }
    let r = c.post(s.url("/dev/housekeep")).json(&json!({"days_later": 400})).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "nobody outside dev can make the server forget");
    c.post(s.url("/otp")).json(&json!({"mobile": "9899999999", "purpose": "complaint"})).send().await.unwrap();
    assert_eq!(s.count("sms"), 0, "no SMS text (with the code) kept outside dev");
    let log = s.log();
    assert!(log.contains("otp_sent") && log.contains("XXXXXX9999"));
    assert!(!log.contains("9899999999"), "full mobile never logged outside dev");
    assert!(!log.contains("OTP"), "no SMS text (with the code) logged outside dev");
}

#[tokio::test]
async fn deep_links_get_the_precompressed_index_like_the_home_page() {
    let dir = std::env::temp_dir().join(format!("portal-api-static-{}-{}", std::process::id(), rand_suffix()));
    let site = dir.join("site");
    std::fs::create_dir_all(&site).unwrap();
    std::fs::write(site.join("index.html"), "<!doctype html><div id=boot></div>").unwrap();
    std::fs::write(site.join("index.html.br"), b"brotli bytes").unwrap();
    std::fs::write(site.join("index.html.gz"), b"gzip bytes").unwrap();
    let s = Server::start_args(dir.join("s.db"), true, &["--static-dir", site.to_str().unwrap()]);
    let root = s.base.trim_end_matches("/api/v1").to_string();
    let c = Client::new();
    // An SMS's /track/<number> is most people's first visit: it must be as small as the home page.
    for path in ["/", "/track/123456789012", "/complaint/new/contact"] {
        for (accept, encoding, body) in [("br, gzip", "br", "brotli bytes"), ("gzip", "gzip", "gzip bytes")] {
            let r = c.get(format!("{root}{path}")).header("Accept-Encoding", accept).send().await.unwrap();
            assert_eq!(r.status(), StatusCode::OK, "{path}");
            assert_eq!(
                r.headers().get("content-encoding").map(|v| v.to_str().unwrap()),
                Some(encoding),
                "{path} {accept}"
            );
            assert_eq!(r.text().await.unwrap(), body);
        }
        let plain = c.get(format!("{root}{path}")).send().await.unwrap();
        assert!(plain.headers().get("content-encoding").is_none());
        assert!(plain.text().await.unwrap().contains("id=boot"));
    }
}

#[tokio::test]
async fn json_answers_are_gzipped_for_clients_that_accept_it() {
    let s = Server::start();
    let c = Client::new();
    let plain = c.get(s.url("/meta")).send().await.unwrap();
    assert!(plain.headers().get("content-encoding").is_none(), "only when asked for");
    let plain = plain.bytes().await.unwrap();
    let gz = c.get(s.url("/meta")).header("Accept-Encoding", "gzip").send().await.unwrap();
    assert_eq!(gz.headers().get("content-encoding").unwrap(), "gzip");
    let gz = gz.bytes().await.unwrap();
    assert_eq!(&gz[..2], &[0x1f, 0x8b], "a gzip stream");
    assert!(gz.len() * 4 < plain.len(), "the catalogue shrinks: {} -> {} bytes", plain.len(), gz.len());
}

// ------------------------------------------------------------------ Jhatpat applications

fn jpeg(size: usize) -> Vec<u8> {
    let mut v = vec![0xFF, 0xD8, 0xFF, 0xE0];
    v.resize(size.max(4), 7);
    v
}

async fn upload(c: &Client, s: &Server, doc: &str, name: &str, bytes: Vec<u8>) -> reqwest::Response {
    let form = reqwest::multipart::Form::new()
        .text("document_type", doc.to_string())
        .part("file", reqwest::multipart::Part::bytes(bytes).file_name(name.to_string()));
    c.post(s.url("/uploads")).multipart(form).send().await.unwrap()
}

/// The three documents a home connection needs, uploaded: `(document type, upload id)`.
async fn home_documents(c: &Client, s: &Server) -> Vec<(&'static str, String)> {
    let mut ids = vec![];
    for (doc, body) in
        [("photo", jpeg(1000)), ("id_proof", b"%PDF-1.7".to_vec()), ("ownership_proof", b"%PDF-1.7".to_vec())]
    {
        let r: Value = upload(c, s, doc, "f", body).await.json().await.unwrap();
        ids.push((doc, r["upload_id"].as_str().unwrap().to_string()));
    }
    ids
}

fn ist_today() -> i64 {
    portal_contract::time::ist_today(
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64,
    )
}

/// An application's chosen dates of one kind, earliest first.
fn app_dates(app: &Value, which: &str) -> Vec<String> {
    let mut d: Vec<String> = app[which].as_array().unwrap().iter().map(|d| d.as_str().unwrap().to_string()).collect();
    d.sort();
    d
}

fn application(mobile: &str, uploads: &[(&str, String)]) -> Value {
    let base = "52345678901";
    let aadhaar = format!("{base}{}", portal_contract::aadhaar::verhoeff_check_digit(base));
    let today = ist_today();
    // Days the shipped catalogue books inspections on: not Sundays, not its holidays.
    let meta: portal_contract::wire::Meta =
        serde_json::from_str(include_str!("../data/meta.json")).expect("the catalogue parses");
    let days: Vec<String> =
        (1..20).map(|k| today + k).filter(|d| meta.office_day(*d)).take(6).map(portal_contract::time::civil).collect();
    let (inspection, installation) = days.split_at(3);
    json!({
        "applicant": {"name": "Sita Devi", "father_name": "Ram Prasad", "date_of_birth": "1990-05-17", "mobile": mobile,
            "applicant_type": "individual", "id_proof_type": "aadhaar", "id_proof_number": aadhaar, "aadhaar_consent": true},
        "premises": {"house": "12", "street": "Sigra", "district": "VNS", "division": "VNS-U1", "sub_division": "VNS-U1-1",
            "pin": "221010", "area": "urban", "ownership": "owner"},
        "connection": {"tariff": "LMV-1", "load_kw": 2, "phase": null},
        "documents": uploads.iter().map(|(d, id)| json!({"document_type": d, "upload_id": id})).collect::<Vec<_>>(),
        "inspection_dates": inspection, "installation_dates": installation, "declaration": true, "language": "hi", "filed_by": {"kind": "self"}
    })
}

#[tokio::test]
async fn an_application_found_feasible_is_paid_online_once_and_its_days_resume() {
    let s = Server::start();
    let c = Client::new();
    let mobile = "9855500310";
    let uploads = home_documents(&c, &s).await;
    let tok = token(&c, &s, mobile, "connection").await;
    let app: Value =
        post_as(&c, &s, "/connections", &tok, "p1", &application(mobile, &uploads)).await.json().await.unwrap();
    let n = app["number"].as_str().unwrap().to_string();
    let portal = s.base.trim_end_matches("/api/v1").to_string();
    let start = |body: Value| {
        let (c, url) = (c.clone(), s.url(&format!("/connections/{n}/payments")));
        async move { c.post(url).json(&body).send().await.unwrap() }
    };
    let home = json!({"return_to": format!("{portal}/track/{n}")});
    let complaint_number = portal_contract::ticket::make(portal_contract::ticket::TicketKind::Complaint, 1);

    // Nothing is due before the office finds the connection feasible.
    assert_eq!(start(home.clone()).await.status(), StatusCode::CONFLICT);
    let advance = |to: Option<&str>| {
        let (c, url) = (c.clone(), s.url(&format!("/dev/tickets/{n}/advance")));
        let body = to.map_or(json!({}), |t| json!({"to": t}));
        async move { c.post(url).json(&body).value::<Value>().await }
    };
    let feasible = advance(Some("feasible")).await;
    assert_eq!(feasible["status"], "feasible");
    let due = feasible["amount_due_rupees"].as_u64().unwrap();
    assert_eq!(due, app["fees"]["total_rupees"].as_u64().unwrap(), "the fees the acknowledgement showed");
    // The office waits for the applicant: its usual next step is refused.
    assert_eq!(
        c.post(s.url(&format!("/dev/tickets/{n}/advance"))).send().await.unwrap().status(),
        StatusCode::CONFLICT
    );

    // The bank sends the browser back only to this application's status page on the portal.
    for (to, code) in [
        (format!("https://evil.example/track/{n}"), "not_allowed"),
        (format!("{portal}/track/{n}?next=https://evil.example"), "invalid_choice"),
        (format!("{portal}/track/{complaint_number}"), "invalid_choice"),
        ("javascript:alert(1)".to_string(), "invalid_choice"),
    ] {
        let r = start(json!({ "return_to": to })).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{to}");
        let e: Value = r.json().await.unwrap();
        assert_eq!(
            (e["errors"][0]["field"].as_str(), e["errors"][0]["code"].as_str()),
            (Some("return_to"), Some(code))
        );
    }
    assert_eq!(start(json!({})).await.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = c.post(s.url(&format!("/connections/{complaint_number}/payments"))).json(&home).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "a complaint's number is no application");

    // An attempt that fails takes nothing and leaves the fees due.
    let r = start(home.clone()).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let first: Value = r.json().await.unwrap();
    assert_eq!((first["state"].as_str(), first["amount_rupees"].as_u64()), (Some("pending"), Some(due)));
    let pay_url = format!("{portal}{}", first["pay_url"].as_str().unwrap());
    let page = c.get(&pay_url).send().await.unwrap().text().await.unwrap();
    assert!(page.contains(&portal_contract::connection::rupees(due as u32)), "the bank's page shows the amount");
    let no_redirects = Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let r = no_redirects.post(&pay_url).form(&[("outcome", "failed")]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let id = first["id"].as_str().unwrap();
    assert_eq!(r.headers()["location"], format!("{portal}/track/{n}?payment={id}").as_str());
    let read = |id: String| {
        let (c, url) = (c.clone(), s.url(&format!("/connections/{n}/payments/{id}")));
        async move { c.get(url).value::<Value>().await }
    };
    let failed = read(id.to_string()).await;
    assert_eq!(failed["state"], "failed");
    assert!(failed.get("pay_url").is_none() && failed.get("reference").is_none());
    let still: Value = c.get(s.url(&format!("/connections/{n}"))).value().await;
    assert_eq!((still["status"].as_str(), still["amount_due_rupees"].as_u64()), (Some("feasible"), Some(due)));
    // Its result is settled: the bank's page cannot be used again for it.
    let r = no_redirects.post(&pay_url).form(&[("outcome", "paid")]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(read(id.to_string()).await["state"], "failed");

    // Paid: the application moves on, the SMS gives the bank's reference, and the days the office
    // waited for the fees are added to its deadline.
    let second: Value = start(home.clone()).await.json().await.unwrap();
    let third: Value = start(home.clone()).await.json().await.unwrap();
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let before: Value = c.get(s.url(&format!("/connections/{n}"))).value().await;
    let r = no_redirects
        .post(format!("{portal}{}", second["pay_url"].as_str().unwrap()))
        .form(&[("outcome", "paid")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let paid = read(second["id"].as_str().unwrap().to_string()).await;
    assert_eq!(paid["state"], "paid");
    let reference = paid["reference"].as_str().unwrap().to_string();
    assert!(reference.starts_with("PUV"), "{reference}");
    let after: Value = c.get(s.url(&format!("/connections/{n}"))).value().await;
    assert_eq!(after["status"], "charges_paid");
    assert!(after.get("amount_due_rupees").is_none(), "nothing is due any more");
    let note = after["updates"].as_array().unwrap().last().unwrap()["note"]["en"].as_str().unwrap().to_string();
    assert!(note.contains(&reference) && note.contains(&portal_contract::connection::rupees(due as u32)), "{note}");
    let at = |v: &Value| portal_contract::time::parse_rfc3339(v["expected_by"].as_str().unwrap()).unwrap();
    assert!(at(&after) > at(&before), "the deadline moved by the time spent waiting for the fees");
    let sms: Vec<Value> = c.get(s.url(&format!("/dev/sms?mobile={mobile}"))).value().await;
    let told = sms[0]["body"].as_str().unwrap();
    assert!(told.contains(&reference) && told.contains("शुल्क ऑनलाइन प्राप्त हुआ"), "{told}");
    // A second tab's attempt cannot take the fees twice, and nothing more can be started.
    no_redirects
        .post(format!("{portal}{}", third["pay_url"].as_str().unwrap()))
        .form(&[("outcome", "paid")])
        .send()
        .await
        .unwrap();
    assert_eq!(read(third["id"].as_str().unwrap().to_string()).await["state"], "failed");
    assert_eq!(start(home.clone()).await.status(), StatusCode::CONFLICT);
    let r = c.get(s.url(&format!("/connections/{n}/payments/nope"))).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    // The office then moves it on as usual, to the first of the applicant's installation dates.
    let fitting = advance(None).await;
    assert_eq!(fitting["status"], "installation_scheduled");
    let first = portal_contract::time::parse_date(&app_dates(&application(mobile, &uploads), "installation_dates")[0]);
    let note = fitting["updates"].as_array().unwrap().last().unwrap()["note"]["en"].as_str().unwrap().to_string();
    assert_eq!(
        note,
        format!(
            "Meter installation on {}, one of the dates you chose. Please have someone at the premises.",
            portal_contract::time::civil_display(first.unwrap())
        )
    );
}

#[tokio::test]
async fn a_released_connection_gets_its_own_account_number_told_in_full_only_by_sms_and_is_rated_once() {
    let s = Server::start();
    let c = Client::new();
    let mut accounts = vec![];
    for (i, mobile) in ["9855500320", "9855500321"].into_iter().enumerate() {
        let uploads = home_documents(&c, &s).await;
        let tok = token(&c, &s, mobile, "connection").await;
        let app: Value = post_as(&c, &s, "/connections", &tok, &format!("r{i}"), &application(mobile, &uploads))
            .await
            .json()
            .await
            .unwrap();
        let n = app["number"].as_str().unwrap().to_string();
        let advance = |body: Value| {
            let (c, url) = (c.clone(), s.url(&format!("/dev/tickets/{n}/advance")));
            async move { c.post(url).json(&body).value::<Value>().await }
        };
        let wrong = c.post(s.url(&format!("/dev/tickets/{n}/advance"))).json(&json!({"to": "in_progress"}));
        assert_eq!(wrong.send().await.unwrap().status(), StatusCode::CONFLICT, "a complaint's status");
        let fitting = advance(json!({"to": "installation_scheduled"})).await;
        assert!(fitting.get("account_masked").is_none(), "no account before the meter is in");
        let rate = |tok: String, body: Value| {
            let (c, url) = (c.clone(), s.url(&format!("/connections/{n}/feedback")));
            async move { c.post(url).bearer_auth(tok).json(&body).send().await.unwrap() }
        };
        let rater = token(&c, &s, mobile, "feedback").await;
        let r = rate(rater.clone(), json!({"resolved": true, "rating": 5})).await;
        assert_eq!(r.status(), StatusCode::CONFLICT, "rated only once the connection is released");
        let released = advance(json!({})).await;
        assert_eq!(released["status"], "connection_released");
        let masked = released["account_masked"].as_str().unwrap().to_string();
        let sms: Vec<Value> = c.get(s.url(&format!("/dev/sms?mobile={mobile}"))).value().await;
        let told = sms[0]["body"].as_str().unwrap();
        let account = told.split(|ch: char| !ch.is_ascii_digit()).find(|w| w.len() == 10).unwrap().to_string();
        assert!(told.contains(&format!("आपकी खाता संख्या {account} है")), "{told}");
        assert!(told.contains("सेवा कैसी रही, स्थिति पेज पर बताएँ।"), "the SMS asks for a rating: {told}");
        assert_eq!(portal_contract::validate::account(&account), Ok(account.clone()), "a number complaints accept");
        assert_eq!(masked, format!("XXXXXX{}", &account[6..]));
        // Anyone with the application's number reads its view: the account appears there only masked.
        let view = c.get(s.url(&format!("/connections/{n}"))).send().await.unwrap().text().await.unwrap();
        assert!(!view.contains(&account), "{view}");
        assert!(view.contains(&format!("Your account number ({masked}) has been sent to you by SMS.")), "{view}");
        accounts.push(account);

        // Released, the applicant rates the service once, with an OTP to the mobile that applied.
        let stranger = token(&c, &s, "9855500329", "feedback").await;
        assert_eq!(rate(stranger, json!({"resolved": true, "rating": 5})).await.status(), StatusCode::FORBIDDEN);
        for (bad, field, code) in [
            (json!({"resolved": true}), "rating", "required"),
            (json!({"resolved": true, "rating": 9}), "rating", "invalid_choice"),
            (json!({"resolved": false, "comment": "No supply yet"}), "resolved", "invalid_choice"),
            (json!({"resolved": true, "rating": 4, "comment": "x".repeat(501)}), "comment", "too_long"),
        ] {
            let r = rate(rater.clone(), bad.clone()).await;
            assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
            let e: Value = r.json().await.unwrap();
            assert_eq!((e["errors"][0]["field"].as_str(), e["errors"][0]["code"].as_str()), (Some(field), Some(code)));
        }
        let filing = token(&c, &s, mobile, "connection").await;
        assert_eq!(rate(filing, json!({"resolved": true, "rating": 4})).await.status(), StatusCode::UNAUTHORIZED);
        let r =
            rate(rater.clone(), json!({"resolved": true, "rating": 4, "comment": "  Quick,   polite lineman "})).await;
        assert_eq!(r.status(), StatusCode::OK);
        let rated: Value = r.json().await.unwrap();
        assert_eq!(rated["status"], "connection_released", "a rating moves nothing");
        assert_eq!(rated["feedback"], json!({"resolved": true, "rating": 4, "comment": "Quick, polite lineman"}));
        let sms: Vec<Value> = c.get(s.url(&format!("/dev/sms?mobile={mobile}"))).value().await;
        assert!(sms[0]["body"].as_str().unwrap().contains("सेवा पर आपकी रेटिंग (4/5) कार्यालय तक पहुँच गई है"));
        let again = token(&c, &s, mobile, "feedback").await;
        let r = rate(again, json!({"resolved": true, "rating": 1})).await;
        assert_eq!(r.status(), StatusCode::CONFLICT, "once");
        let complaint_number = portal_contract::ticket::make(portal_contract::ticket::TicketKind::Complaint, 1);
        let r = c
            .post(s.url(&format!("/connections/{complaint_number}/feedback")))
            .bearer_auth(token(&c, &s, "9855500328", "feedback").await)
            .json(&json!({"resolved": true, "rating": 4}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "a complaint's number is no connection");
        let r = c
            .post(s.url(&format!("/complaints/{n}/feedback")))
            .bearer_auth(token(&c, &s, "9855500327", "feedback").await)
            .json(&json!({"resolved": false, "comment": "No supply"}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "nor an application's a complaint: it cannot be reopened");
    }
    assert_ne!(accounts[0], accounts[1], "one account per connection");
}

#[tokio::test]
async fn uploads_are_checked_by_content_and_size() {
    let s = Server::start();
    let c = Client::new();
    let ok = upload(&c, &s, "photo", "me.jpg", jpeg(50_000)).await;
    assert_eq!(ok.status(), StatusCode::CREATED);
    let r: Value = ok.json().await.unwrap();
    assert_eq!((r["content_type"].as_str(), r["bytes"].as_u64()), (Some("image/jpeg"), Some(50_000)));
    let png = [&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A][..], &[0u8; 100]].concat();
    assert_eq!(upload(&c, &s, "id_proof", "id.png", png).await.status(), StatusCode::CREATED);
    assert_eq!(
        upload(&c, &s, "ownership_proof", "deed.pdf", b"%PDF-1.7\n...".to_vec()).await.status(),
        StatusCode::CREATED
    );
    // A Windows program renamed .jpg is refused by its content.
    let exe = upload(&c, &s, "photo", "photo.jpg", b"MZ\x90\x00\x03\x00\x00\x00 program".to_vec()).await;
    assert_eq!(exe.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(exe.json::<Value>().await.unwrap()["errors"][0]["code"], "invalid_file_type");
    // A PDF is not a photo.
    assert_eq!(upload(&c, &s, "photo", "x.pdf", b"%PDF-1.4".to_vec()).await.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // Oversized: over the document's limit, and over the whole body limit.
    let big = upload(&c, &s, "photo", "big.jpg", jpeg(1_100_000)).await;
    assert_eq!(big.json::<Value>().await.unwrap()["errors"][0]["code"], "file_too_large");
    let not_multipart = c.post(s.url("/uploads")).json(&json!({})).send().await.unwrap();
    assert_eq!(not_multipart.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    // Last, because the server answers 413 and closes the connection without reading 3 MB.
    let mut huge_pdf = b"%PDF-1.7\n".to_vec();
    huge_pdf.resize(3 * 1024 * 1024, b'x');
    let form = reqwest::multipart::Form::new()
        .text("document_type", "id_proof")
        .part("file", reqwest::multipart::Part::bytes(huge_pdf).file_name("big.pdf"));
    match c.post(s.url("/uploads")).multipart(form).send().await {
        Ok(r) => assert_eq!(r.status(), StatusCode::PAYLOAD_TOO_LARGE),
        Err(e) => assert!(e.is_request(), "refused before reading: {e}"),
    }
    assert_eq!(s.count("uploads"), 3);
}

#[tokio::test]
async fn one_address_cannot_send_sms_to_many_mobiles_or_fill_the_disk_with_uploads() {
    let dir = std::env::temp_dir().join(format!("portal-api-test-{}-{}", std::process::id(), rand_suffix()));
    std::fs::create_dir_all(&dir).unwrap();
    let s =
        Server::start_args(dir.join("t.db"), true, &["--otp-per-client-hour", "3", "--uploads-per-client-hour", "2"]);
    let c = Client::new();
    let otp = |mobile: &str, forwarded: Option<&str>| {
        let mut r = c.post(s.url("/otp")).json(&json!({"mobile": mobile, "purpose": "complaint"}));
        if let Some(f) = forwarded {
            r = r.header("X-Forwarded-For", f);
        }
        r.send()
    };
    // Three different mobiles from one address: each its first OTP, so only the address limit applies.
    for m in ["9811111111", "9822222222", "9833333333"] {
        assert_eq!(otp(m, None).await.unwrap().status(), StatusCode::ACCEPTED, "{m}");
    }
    let fourth = otp("9844444441", None).await.unwrap();
    assert_eq!(fourth.status(), StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = fourth.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((3590..=3600).contains(&wait), "until the first leaves the hour: {wait}");
    let p: Value = fourth.json().await.unwrap();
    assert!(p["type"].as_str().unwrap().ends_with("/too_many_from_client"), "{p}");
    assert_eq!(
        (p["errors"][0]["field"].as_str(), p["errors"][0]["code"].as_str()),
        (Some("mobile"), Some("too_many_attempts"))
    );
    assert_eq!(s.count("otps"), 3, "no SMS was sent for the refused one");
    // The server's test peer is loopback, i.e. a proxy on this host: the address it forwards is
    // another client, with its own count. A client's own claim before the proxy's entry is ignored.
    assert_eq!(otp("9844444441", Some("203.0.113.5")).await.unwrap().status(), StatusCode::ACCEPTED);
    assert_eq!(
        otp("9855555551", Some("203.0.113.5, 127.0.0.1")).await.unwrap().status(),
        StatusCode::TOO_MANY_REQUESTS
    );

    // Uploads: two kept, the third refused with when to come back; a refused file is not counted.
    assert_eq!(upload(&c, &s, "photo", "x.pdf", b"%PDF-1.4".to_vec()).await.status(), StatusCode::UNPROCESSABLE_ENTITY);
    for name in ["a.jpg", "b.jpg"] {
        assert_eq!(upload(&c, &s, "photo", name, jpeg(1000)).await.status(), StatusCode::CREATED, "{name}");
    }
    let third = upload(&c, &s, "photo", "c.jpg", jpeg(1000)).await;
    assert_eq!(third.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(third.headers().get("retry-after").is_some());
    assert!(third.json::<Value>().await.unwrap()["type"].as_str().unwrap().ends_with("/too_many_from_client"));
    assert_eq!(s.count("uploads"), 2);
    // A bad file is still told what is wrong with it (checked before the count).
    let exe = upload(&c, &s, "photo", "p.jpg", b"MZ\x90\x00 program".to_vec()).await;
    assert_eq!(exe.json::<Value>().await.unwrap()["errors"][0]["code"], "invalid_file_type");
    assert!(s.log().contains(r#""event":"client_limited""#));
    assert!(!s.log().contains("203.0.113.5"), "client addresses are not logged by the limits");
}

#[tokio::test]
async fn a_document_no_application_uses_is_deleted_on_request_and_then_cannot_be_used() {
    let s = Server::start();
    let c = Client::new();
    let kept: Value = upload(&c, &s, "photo", "a.jpg", jpeg(1000)).await.json().await.unwrap();
    let gone: Value = upload(&c, &s, "photo", "b.jpg", jpeg(1000)).await.json().await.unwrap();
    let id = gone["upload_id"].as_str().unwrap();
    for _ in 0..2 {
        // Twice: a retried delete (or one sent again by another tab) answers the same.
        let r = c.delete(s.url(&format!("/uploads/{id}"))).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::NO_CONTENT);
    }
    // An id that never existed answers the same way: no probing for which ids exist.
    assert_eq!(
        c.delete(s.url("/uploads/0123456789abcdef01234567")).send().await.unwrap().status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(s.count("uploads"), 1, "only the other document is left");
    assert!(s.log().contains(r#""event":"upload_released""#));
    // An application naming the deleted document is asked for it again.
    let mobile = "9811177001";
    let tok = token(&c, &s, mobile, "connection").await;
    let app = application(
        mobile,
        &[
            ("photo", id.to_string()),
            ("id_proof", kept["upload_id"].as_str().unwrap().to_string()),
            ("ownership_proof", kept["upload_id"].as_str().unwrap().to_string()),
        ],
    );
    let r = post_as(&c, &s, "/connections", &tok, "k1", &app).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let e: Value = r.json().await.unwrap();
    assert!(e["errors"].as_array().unwrap().iter().any(|e| e["code"] == "missing_document"), "{e}");
}

/// A complaint may carry one photo of the problem: uploaded first, like a document, then named
/// in the complaint. The status page says one was sent; the photo itself is the office's.
#[tokio::test]
async fn a_complaint_carries_its_own_photo_and_no_other_upload() {
    let s = Server::start();
    let c = Client::new();
    let mobile = "9811188001";
    let tok = token(&c, &s, mobile, "complaint").await;
    let photo = |id: &str| json!({"document_type": "complaint_photo", "upload_id": id});
    let refused = |r: Value| {
        r["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| format!("{}:{}", e["field"].as_str().unwrap(), e["code"].as_str().unwrap()))
            .collect::<Vec<_>>()
    };

    // Bad input: the type is read from the content (a text file named .jpg is refused)...
    let r = upload(&c, &s, "complaint_photo", "pole.jpg", b"not a picture".to_vec()).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // ...a PDF is a document, not a photo...
    let r = upload(&c, &s, "complaint_photo", "pole.pdf", b"%PDF-1.4 x".to_vec()).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // ...and a photo has its own size limit (1 MB in the catalogue).
    let r = upload(&c, &s, "complaint_photo", "pole.jpg", jpeg(1024 * 1024 + 1)).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);

    let mut body = complaint(mobile);
    // An id nobody uploaded, an application's document, a document sent as the photo.
    body["photo"] = photo("0123456789abcdef01234567");
    let r = post_as(&c, &s, "/complaints", &tok, "ph-1", &body).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused(r.json().await.unwrap()), ["photo:missing_document"]);
    let id_proof: Value = upload(&c, &s, "id_proof", "id.jpg", jpeg(2000)).await.json().await.unwrap();
    body["photo"] = json!({"document_type": "id_proof", "upload_id": id_proof["upload_id"]});
    let r = post_as(&c, &s, "/complaints", &tok, "ph-2", &body).await;
    assert_eq!(refused(r.json().await.unwrap()), ["photo:invalid_choice"]);
    body["photo"] = photo(id_proof["upload_id"].as_str().unwrap());
    let r = post_as(&c, &s, "/complaints", &tok, "ph-3", &body).await;
    assert_eq!(refused(r.json().await.unwrap()), ["photo:missing_document"], "an identity paper is no complaint photo");
    assert_eq!(s.count("tickets"), 0);

    let up: Value = upload(&c, &s, "complaint_photo", "pole.jpg", jpeg(3000)).await.json().await.unwrap();
    assert_eq!(up["document_type"], "complaint_photo");
    let id = up["upload_id"].as_str().unwrap().to_string();
    body["photo"] = photo(&id);
    let r = post_as(&c, &s, "/complaints", &tok, "ph-4", &body).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let n = r.json::<Value>().await.unwrap()["number"].as_str().unwrap().to_string();
    let view: Value = c.get(s.url(&format!("/complaints/{n}"))).value().await;
    assert_eq!(view["photo"], true, "{view}");
    assert!(!view.to_string().contains(&id), "the photo's id (its capability) is not published: {view}");
    // Kept with its complaint: neither deleted on request nor usable by another complaint.
    assert_eq!(c.delete(s.url(&format!("/uploads/{id}"))).send().await.unwrap().status(), StatusCode::CONFLICT);
    let mut other = complaint(mobile);
    other["subcategory"] = json!("street");
    other["photo"] = photo(&id);
    let r = post_as(&c, &s, "/complaints", &tok, "ph-5", &other).await;
    assert_eq!(refused(r.json().await.unwrap()), ["photo:missing_document"]);
    // A complaint without one says nothing of photos.
    other.as_object_mut().unwrap().remove("photo");
    let r = post_as(&c, &s, "/complaints", &tok, "ph-6", &other).await;
    let plain = r.json::<Value>().await.unwrap()["number"].as_str().unwrap().to_string();
    let view: Value = c.get(s.url(&format!("/complaints/{plain}"))).value().await;
    assert!(view.get("photo").is_none(), "{view}");
    // Reported again with a photo: the open complaint takes it only if it has none.
    let second: Value = upload(&c, &s, "complaint_photo", "again.jpg", jpeg(3000)).await.json().await.unwrap();
    other["photo"] = photo(second["upload_id"].as_str().unwrap());
    let r = post_as(&c, &s, "/complaints", &tok, "ph-7", &other).await;
    assert_eq!(r.status(), StatusCode::OK, "a repeat");
    let view: Value = c.get(s.url(&format!("/complaints/{plain}"))).value().await;
    assert_eq!(view["photo"], true, "{view}");
    let third: Value = upload(&c, &s, "complaint_photo", "third.jpg", jpeg(3000)).await.json().await.unwrap();
    body["photo"] = photo(third["upload_id"].as_str().unwrap());
    assert_eq!(post_as(&c, &s, "/complaints", &tok, "ph-8", &body).await.status(), StatusCode::OK);
    let r = c.delete(s.url(&format!("/uploads/{}", third["upload_id"].as_str().unwrap()))).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT, "the first photo stays; the third is nobody's");
}

#[tokio::test]
async fn an_inspection_asked_for_on_a_holiday_is_refused_on_that_date() {
    let data = data_dir_with(&seeded_announcements());
    // A catalogue whose one holiday is the second date the application asks for.
    let probe = application("9812345600", &[]);
    let holiday = probe["inspection_dates"][1].clone();
    let mut meta: Value = serde_json::from_str(include_str!("../data/meta.json")).unwrap();
    meta["holidays"] = json!([{"date": holiday, "name": {"en": "Founders Day", "hi": "स्थापना दिवस"}}]);
    std::fs::write(data.join("meta.json"), meta.to_string()).unwrap();
    let s = Server::start_args(data.join("t.db"), true, &["--data-dir", data.to_str().unwrap()]);
    let c = Client::new();
    let published: Value = c.get(s.url("/meta")).value().await;
    assert_eq!(published["holidays"][0]["date"], holiday);

    let mobile = "9812345600";
    let ids = home_documents(&c, &s).await;
    let tok = token(&c, &s, mobile, "connection").await;
    let app = application(mobile, &ids);
    let r = post_as(&c, &s, "/connections", &tok, "h1", &app).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let e: Value = r.json().await.unwrap();
    assert_eq!(e["errors"], json!([{"field": "inspection_dates.1", "code": "holiday"}]));
    assert_eq!(s.count("tickets"), 0);
}

#[tokio::test]
async fn application_round_trip_fees_query_and_privacy() {
    let s = Server::start();
    let c = Client::new();
    let mobile = "9812345678";
    let ids = home_documents(&c, &s).await;
    let tok = token(&c, &s, mobile, "connection").await;
    let app = application(mobile, &ids);
    let aadhaar = app["applicant"]["id_proof_number"].as_str().unwrap().to_string();

    let mut bad = app.clone();
    bad["applicant"]["id_proof_number"] =
        json!(format!("{}{}", &aadhaar[..11], (aadhaar.as_bytes()[11] - b'0' + 1) % 10));
    let r = post_as(&c, &s, "/connections", &tok, "a0", &bad).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json::<Value>().await.unwrap()["errors"][0]["code"], "invalid_aadhaar");
    // Aadhaar without the applicant's consent is refused, by field.
    let mut unconsented = app.clone();
    unconsented["applicant"]["aadhaar_consent"] = json!(false);
    let r = post_as(&c, &s, "/connections", &tok, "a0b", &unconsented).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let e: Value = r.json().await.unwrap();
    assert_eq!(
        (e["errors"][0]["field"].as_str(), e["errors"][0]["code"].as_str()),
        (Some("aadhaar_consent"), Some("required"))
    );

    let r = post_as(&c, &s, "/connections", &tok, "a1", &app).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let created: Value = r.json().await.unwrap();
    let number = created["number"].as_str().unwrap().to_string();
    assert!(number.starts_with('2'));
    assert_eq!(created["statutory_days"], 3, "Varanasi is an A-class city");
    let sms: Vec<Value> = c.get(s.url(&format!("/dev/sms?mobile={mobile}"))).value().await;
    let shown = portal_contract::ticket::display(&number);
    assert!(
        sms[0]["body"].as_str().unwrap().starts_with(&format!("बिजली सेवा: आपका आवेदन {shown}। आवेदन")),
        "the applicant is texted the number: {}",
        sms[0]
    );
    // Fees equal the shared estimate for the schedule in force today.
    let meta: portal_contract::wire::Meta = c.get(s.url("/meta")).value().await;
    let want = portal_contract::connection::estimate(
        &meta.fee_schedules,
        ist_today(),
        "LMV-1",
        2,
        portal_contract::wire::Phase::Single,
    )
    .unwrap();
    assert_eq!(created["fees"]["total_rupees"], want.total_rupees);
    // The first note (and SMS) writes the amount and the schedule's date as the acknowledgement does.
    let from = portal_contract::time::civil_display(portal_contract::time::parse_date(&want.effective_from).unwrap());
    let amount = portal_contract::connection::rupees(want.total_rupees);
    assert!(amount.contains(','), "{amount}: four digits are grouped");
    let sms: Vec<Value> = c.get(s.url(&format!("/dev/sms?mobile={mobile}"))).value().await;
    assert!(sms[0]["body"].as_str().unwrap().contains(&format!("शुल्क: {amount} ({from} से लागू दरें)")), "{}", sms[0]);
    let view: Value = c.get(s.url(&format!("/connections/{number}"))).value().await;
    assert_eq!(
        view["updates"][0]["note"]["en"].as_str().unwrap(),
        format!(
            "Application received by {}. Fees: {amount} (rates in force from {from}).",
            view["office"]["name"]["en"].as_str().unwrap()
        )
    );
    // Same key → same application.
    let again: Value = post_as(&c, &s, "/connections", &tok, "a1", &app).await.json().await.unwrap();
    assert_eq!(again["number"], number.as_str());
    assert_eq!(s.count("tickets"), 1);
    // Aadhaar: stored masked, never in the logs.
    let rec: Value = c.get(s.url(&format!("/dev/tickets/{number}"))).value().await;
    assert_eq!(rec["request"]["applicant"]["id_proof_number"], format!("XXXX XXXX {}", &aadhaar[8..]));
    assert_eq!(rec["request"]["applicant"]["aadhaar_consent"], true, "the consent is kept with the application");
    let db = rusqlite::Connection::open(&s.db).unwrap();
    let stored: String = db.query_row("SELECT request FROM tickets", [], |r| r.get(0)).unwrap();
    assert!(!stored.contains(&aadhaar));
    assert!(!s.log().contains(&aadhaar), "no Aadhaar in the logs");

    // The office raises a query; the applicant answers it.
    let early = c
        .post(s.url(&format!("/connections/{number}/query-response")))
        .bearer_auth(&tok)
        .json(&json!({"message": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(early.status(), StatusCode::CONFLICT);
    c.post(s.url(&format!("/dev/tickets/{number}/advance"))).send().await.unwrap();
    // The query is raised, and its answer comes after the first deadline has passed.
    let v: Value =
        c.post(s.url(&format!("/dev/tickets/{number}/advance"))).json(&json!({"overdue_hours": 24})).value().await;
    assert_eq!(v["status"], "query_raised");
    // A date to answer by: seven office days (the catalogue's rule) after today, said in the SMS.
    let meta: portal_contract::wire::Meta = serde_json::from_str(include_str!("../data/meta.json")).unwrap();
    let by = meta.office_days_after(ist_today(), meta.query_answer_days.unwrap());
    assert_eq!(v["answer_by"], portal_contract::time::civil(by));
    let sms: Vec<Value> = c.get(s.url(&format!("/dev/sms?mobile={mobile}"))).value().await;
    let date = portal_contract::time::civil_display(by);
    assert!(sms[0]["body"].as_str().unwrap().contains(&format!("कृपया {date} तक स्थिति पेज पर उत्तर दें")), "{}", sms[0]);
    let extra: Value = upload(&c, &s, "ownership_proof", "tax.pdf", b"%PDF-1.7".to_vec()).await.json().await.unwrap();
    // An answer naming a document that does not exist changes nothing: the query stays open and
    // the real document is not marked as used (it can still be deleted, or sent again).
    let r = c
        .post(s.url(&format!("/connections/{number}/query-response")))
        .bearer_auth(&tok)
        .json(&json!({"message": "Receipt", "upload_ids": [extra["upload_id"], "no-such-upload"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json::<Value>().await.unwrap()["errors"][0]["code"], "missing_document");
    let still: Value = c.get(s.url(&format!("/connections/{number}"))).value().await;
    assert_eq!(still["status"], "query_raised");
    let used_by: Option<String> = rusqlite::Connection::open(&s.db)
        .unwrap()
        .query_row("SELECT used_by FROM uploads WHERE id = ?1", [extra["upload_id"].as_str().unwrap()], |r| r.get(0))
        .unwrap();
    assert_eq!(used_by, None, "a refused answer leaves its documents free");
    let answered: Value = c
        .post(s.url(&format!("/connections/{number}/query-response")))
        .bearer_auth(&tok)
        .json(&json!({"message": "House tax receipt attached", "upload_ids": [extra["upload_id"]]}))
        .value()
        .await;
    assert_eq!(answered["status"], "resubmitted");
    assert!(answered.get("answer_by").is_none(), "no date to answer by once answered");
    let sms: Vec<Value> = c.get(s.url(&format!("/dev/sms?mobile={mobile}"))).value().await;
    let told = sms[0]["body"].as_str().unwrap();
    assert!(told.contains("आपका उत्तर कार्यालय को मिल गया है। कनेक्शन के दिन आज से फिर गिने जाएँगे।"), "{told}");
    assert!(!told.contains("House tax receipt"), "the answer is not quoted: {told}");
    // The statutory 3 days count from the complete application: they start again at the answer.
    let at = |v: &Value| portal_contract::time::parse_rfc3339(v.as_str().unwrap()).unwrap();
    let answered_at = at(&answered["updates"].as_array().unwrap().last().unwrap()["at"]);
    assert_eq!(at(&answered["expected_by"]), answered_at + 3 * 86_400);
    assert!(at(&v["expected_by"]) < answered_at, "past the first deadline while the query was open");
    let view: Value = c.get(s.url(&format!("/connections/{number}"))).value().await;
    assert_eq!(view["kind"], "application");
    assert!(view["updates"]
        .as_array()
        .unwrap()
        .iter()
        .any(|u| u["note"]["en"].as_str().unwrap().contains("House tax receipt")));

    // Found feasible: the office's note and SMS state the amount due, the fees the
    // acknowledgement showed (the portal promised "an SMS with the amount due").
    // The inspection: on one of the applicant's dates, the first still ahead, and said so.
    let inspection: Value = c.post(s.url(&format!("/dev/tickets/{number}/advance"))).value().await;
    assert_eq!(inspection["status"], "inspection_scheduled");
    let dates = app_dates(&app, "inspection_dates");
    let first = portal_contract::time::civil_display(portal_contract::time::parse_date(&dates[0]).unwrap());
    let note = &inspection["updates"].as_array().unwrap().last().unwrap()["note"];
    assert_eq!(
        note["en"],
        format!("Site inspection on {first}, one of the dates you chose. Please have someone at the premises.")
    );
    let feasible: Value = c.post(s.url(&format!("/dev/tickets/{number}/advance"))).value().await;
    assert_eq!(feasible["status"], "feasible");
    let amount = portal_contract::connection::rupees(want.total_rupees);
    let note = &feasible["updates"].as_array().unwrap().last().unwrap()["note"];
    assert_eq!(
        note["en"],
        format!("Connection found feasible. Amount due: {amount}, the fees shown when you applied. Pay it online on the status page.")
    );
    let sms: Vec<Value> = c.get(s.url(&format!("/dev/sms?mobile={mobile}"))).value().await;
    let told = sms[0]["body"].as_str().unwrap();
    assert!(told.contains(&format!("देय राशि: {amount}")), "{told}");

    // A document the application uses cannot be deleted.
    let used = app["documents"][0]["upload_id"].as_str().unwrap().to_string();
    let r = c.delete(s.url(&format!("/uploads/{used}"))).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(r.json::<Value>().await.unwrap()["type"].as_str().unwrap().ends_with("/upload_in_use"));

    // Documents must exist and be of the declared type.
    let mut wrong = app.clone();
    wrong["documents"][0]["upload_id"] = json!("no-such-upload");
    let r = post_as(&c, &s, "/connections", &tok, "a2", &wrong).await;
    assert_eq!(r.json::<Value>().await.unwrap()["errors"][0]["code"], "missing_document");
}

#[tokio::test]
async fn expired_tokens_are_refused_and_cors_allows_the_portal_origin() {
    let dir = std::env::temp_dir().join(format!("portal-api-cors-{}", rand_suffix()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("c.db");
    let s = {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = Command::new(env!("CARGO_BIN_EXE_portal-api"))
            .args([
                "--addr",
                &format!("127.0.0.1:{port}"),
                "--db",
                db.to_str().unwrap(),
                "--dev",
                "--cors-origin",
                "https://portal.example",
            ])
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(db.with_extension("log")).unwrap())
            .spawn()
            .unwrap();
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Server { child, base: format!("http://127.0.0.1:{port}/api/v1"), db: db.clone() }
    };
    let c = Client::new();
    let tok = token(&c, &s, "9801010101", "complaint").await;
    rusqlite::Connection::open(&s.db).unwrap().execute("UPDATE tokens SET expires_at = 0", []).unwrap();
    let r = post_as(&c, &s, "/complaints", &tok, "e1", &complaint("9801010101")).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "expired token");
    assert_eq!(s.count("tickets"), 0);

    let pre = c
        .request(reqwest::Method::OPTIONS, s.url("/complaints"))
        .header("Origin", "https://portal.example")
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "idempotency-key,authorization,content-type")
        .send()
        .await
        .unwrap();
    assert!(pre.status().is_success());
    assert_eq!(pre.headers()["access-control-allow-origin"], "https://portal.example");
    let allowed = pre.headers()["access-control-allow-headers"].to_str().unwrap().to_ascii_lowercase();
    assert!(allowed.contains("idempotency-key") && allowed.contains("authorization"), "{allowed}");
    let get = c.get(s.url("/meta")).header("Origin", "https://portal.example").send().await.unwrap();
    let exposed = get.headers()["access-control-expose-headers"].to_str().unwrap().to_ascii_lowercase();
    assert!(exposed.contains("etag") && exposed.contains("retry-after"));
    let other = c.get(s.url("/meta")).header("Origin", "https://evil.example").send().await.unwrap();
    assert!(other.headers().get("access-control-allow-origin").is_none(), "other origins are not allowed");
}

#[tokio::test]
async fn find_my_numbers_lists_only_the_verified_mobiles_tickets_newest_first() {
    let s = Server::start();
    let c = Client::new();
    let tok = token(&c, &s, "9822222201", "complaint").await;
    let first: Value =
        post_as(&c, &s, "/complaints", &tok, "find-1", &complaint("9822222201")).await.json().await.unwrap();
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let mut elsewhere = complaint("9822222201");
    elsewhere["account_number"] = json!("1678444073");
    let second: Value = post_as(&c, &s, "/complaints", &tok, "find-2", &elsewhere).await.json().await.unwrap();
    tokio::time::sleep(Duration::from_millis(2100)).await;
    let other = token(&c, &s, "9822222202", "complaint").await;
    post_as(&c, &s, "/complaints", &other, "find-3", &complaint("9822222202")).await;

    // Nobody without a verified mobile gets a list.
    let r = c.get(s.url("/tickets")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let r = c.get(s.url("/tickets")).bearer_auth("not-a-token").send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);

    // Nor does a code bought to file a complaint: listing needs a code sent for that.
    let r = c.get(s.url("/tickets")).bearer_auth(&tok).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let tok = token(&c, &s, "9822222201", "lookup").await;
    let lookup = token(&c, &s, "9822222202", "lookup").await;
    let r = post_as(&c, &s, "/complaints", &lookup, "find-4", &complaint("9822222202")).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "and a lookup code files nothing");

    let r = c.get(s.url("/tickets")).bearer_auth(&tok).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["cache-control"], "no-store");
    let list: Value = r.json().await.unwrap();
    let numbers: Vec<&str> =
        list["tickets"].as_array().unwrap().iter().map(|t| t["number"].as_str().unwrap()).collect();
    assert_eq!(
        numbers,
        [second["number"].as_str().unwrap(), first["number"].as_str().unwrap()],
        "newest first, only this mobile's"
    );
    assert_eq!(list["tickets"][0]["status"], "registered");
    assert_eq!(list["tickets"][0]["kind"], "complaint");
    assert!(!list.to_string().contains("9822222201"), "the answer does not repeat the mobile");
    let logged = s.log().lines().find(|l| l.contains("tickets_listed")).unwrap_or_default().to_string();
    assert!(logged.contains("XXXXXX2201") && !logged.contains("9822222201"), "the log masks it: {logged}");
}

/// The SMS updates a consumer gets, in the dev outbox: one on filing (never two for a retried
/// submission) and one per step the office takes, each in the language chosen for updates, with
/// the number as on the receipt and the status page's address.
#[tokio::test]
async fn filing_and_each_office_step_send_the_number_and_status_link_in_the_chosen_language() {
    let dir = std::env::temp_dir().join(format!("portal-api-sms-{}", rand_suffix()));
    std::fs::create_dir_all(&dir).unwrap();
    let s = Server::start_args(dir.join("s.db"), true, &["--public-url", "https://bijli.example/"]);
    let c = Client::new();
    let updates = |mobile: &'static str| {
        let (c, url) = (c.clone(), s.url(&format!("/dev/sms?mobile={mobile}")));
        async move {
            let all: Vec<Value> = c.get(url).value().await;
            all.iter()
                .map(|m| m["body"].as_str().unwrap().to_string())
                .filter(|b| !b.contains("OTP"))
                .collect::<Vec<_>>()
        }
    };

    let tok = token(&c, &s, "9833300001", "complaint").await;
    let created: Value =
        post_as(&c, &s, "/complaints", &tok, "sms-1", &complaint("9833300001")).await.json().await.unwrap();
    let n = created["number"].as_str().unwrap();
    let again = post_as(&c, &s, "/complaints", &tok, "sms-1", &complaint("9833300001")).await;
    assert_eq!(again.headers()["idempotent-replayed"], "true");
    let sent = updates("9833300001").await;
    assert_eq!(sent.len(), 1, "a retried submission texts nothing twice: {sent:?}");
    let shown = portal_contract::ticket::display(n);
    assert!(sent[0].starts_with(&format!("बिजली सेवा: आपकी शिकायत {shown}। शिकायत दर्ज हुई")), "{}", sent[0]);
    assert!(sent[0].ends_with(&format!("स्थिति: https://bijli.example/track/{n}?lang=hi")), "{}", sent[0]);

    c.post(s.url(&format!("/dev/tickets/{n}/advance"))).send().await.unwrap();
    let sent = updates("9833300001").await;
    assert_eq!(sent.len(), 2);
    assert!(sent[0].contains("अवर अभियंता को सौंपी गई"), "the office's note, newest first: {}", sent[0]);

    let mut english = complaint("9833300002");
    english["language"] = json!("en");
    let tok = token(&c, &s, "9833300002", "complaint").await;
    let created: Value = post_as(&c, &s, "/complaints", &tok, "sms-2", &english).await.json().await.unwrap();
    let n = created["number"].as_str().unwrap();
    let sent = updates("9833300002").await;
    assert!(
        sent[0].starts_with("Bijli Seva: your complaint ") && sent[0].contains("Complaint registered"),
        "{}",
        sent[0]
    );
    assert!(sent[0].ends_with(&format!("Status: https://bijli.example/track/{n}?lang=en")), "{}", sent[0]);
    assert!(
        !s.log().lines().any(|l| l.contains("status_sms") && l.contains("9833300002")),
        "no mobile in that log line"
    );

    // Without a public address the message says how to ask instead of linking.
    let plain = Server::start();
    let tok = token(&c, &plain, "9833300003", "complaint").await;
    post_as(&c, &plain, "/complaints", &tok, "sms-3", &complaint("9833300003")).await;
    let all: Vec<Value> = c.get(plain.url("/dev/sms?mobile=9833300003")).value().await;
    assert!(
        all[0]["body"].as_str().unwrap().ends_with("स्थिति के लिए 1912 पर कॉल करें या पोर्टल पर यह नंबर डालें।"),
        "{}",
        all[0]
    );
}

#[tokio::test]
async fn csp_violation_reports_are_logged_cut_down_and_limited_per_client() {
    let s = Server::start();
    let c = Client::new();
    let report = |body: String, ct: &str, forwarded: &str| {
        c.post(s.url("/csp-reports")).header("content-type", ct).header("X-Forwarded-For", forwarded).body(body).send()
    };
    // What Chromium sends to report-uri when an injected inline script is blocked.
    let chromium = json!({"csp-report": {
        "document-uri": "https://bijli.example/track/2611280001?kiosk=1#top",
        "referrer": "", "violated-directive": "script-src-elem", "effective-directive": "script-src-elem",
        "original-policy": "default-src 'self'; report-uri /api/v1/csp-reports", "disposition": "enforce",
        "blocked-uri": "inline", "line-number": 12, "column-number": 3,
        "source-file": "https://bijli.example/track/2611280001?mobile=9812345678", "status-code": 200,
        "script-sample": "window.steal(\"9812345678\")"
    }});
    let r = report(chromium.to_string(), "application/csp-report", "203.0.113.9").await.unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let line = s.log().lines().find(|l| l.contains(r#""event":"csp_violation""#)).unwrap_or_default().to_string();
    let logged: Value = serde_json::from_str(&line).expect("one JSON log line");
    assert_eq!(logged["directive"], "script-src-elem");
    assert_eq!(logged["blocked"], "inline");
    assert_eq!(logged["page"], "https://bijli.example/track/2611280001");
    assert_eq!(logged["line"], "12");
    assert!(!line.contains("9812345678") && !line.contains("kiosk") && !line.contains("original"), "{line}");
    // A blocked script from elsewhere is logged by its origin only.
    let mut other = chromium.clone();
    other["csp-report"]["blocked-uri"] = json!("https://evil.example/x.js?session=abc");
    report(other.to_string(), "application/csp-report", "203.0.113.9").await.unwrap();
    assert!(s.log().contains(r#""blocked":"https://evil.example""#) && !s.log().contains("session=abc"));

    // Bad input: not JSON, not a report's shape, another content type.
    for (body, ct, want) in [
        ("{", "application/csp-report", StatusCode::BAD_REQUEST),
        (r#"{"csp-report": {"line-number": "twelve"}}"#, "application/csp-report", StatusCode::BAD_REQUEST),
        (r#"{"csp-report": []}"#, "application/csp-report", StatusCode::BAD_REQUEST),
        (r#"[]"#, "application/json", StatusCode::BAD_REQUEST),
        (r#"{"csp-report": {}}"#, "text/plain", StatusCode::UNSUPPORTED_MEDIA_TYPE),
    ] {
        let r = report(body.to_string(), ct, "203.0.113.9").await.unwrap();
        assert_eq!(r.status(), want, "{body} as {ct}");
        assert!(r.headers()["content-type"].to_str().unwrap().starts_with("application/problem+json"));
    }
    // One client cannot fill the log: 100 an hour, then 429 with when to come back; another
    // client is not affected.
    let sent = s.log().matches("csp_violation").count();
    let mut refused = None;
    for _ in 0..110 {
        let r = report(r#"{"csp-report": {}}"#.into(), "application/csp-report", "198.51.100.1").await.unwrap();
        if r.status() == StatusCode::TOO_MANY_REQUESTS {
            refused = Some(r);
            break;
        }
    }
    let refused = refused.expect("a flood is cut off");
    assert!(refused.headers().get("retry-after").is_some());
    assert_eq!(s.log().matches("csp_violation").count(), sent + 100);
    let r = report(r#"{"csp-report": {}}"#.into(), "application/csp-report", "198.51.100.2").await.unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
}
