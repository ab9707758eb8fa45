//! Browser tests (wasm-bindgen-test in headless Chromium): behaviour that needs a real DOM and
//! real Web Storage.
#![cfg(target_arch = "wasm32")]

use bijli_seva::domain::draft::{Persistence, Policy, DRAFT_PREFIX, QUARANTINE_PREFIX};
use bijli_seva::storage::{self, drafts::DraftStore, StoreError};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn local() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

async fn tick(ms: i32) {
    let p = js_sys::Promise::new(&mut |r, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&r, ms).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(p).await.unwrap();
}

fn q(sel: &str) -> Option<web_sys::Element> {
    web_sys::window().unwrap().document().unwrap().query_selector(sel).unwrap()
}

/// The element once the app has drawn it: the first render takes a few tasks (`Later`).
async fn drawn(sel: &str) -> web_sys::Element {
    for _ in 0..250 {
        if let Some(e) = q(sel) {
            return e;
        }
        tick(20).await;
    }
    panic!("{sel} never drawn");
}

#[wasm_bindgen_test]
async fn language_switch_rerenders_and_keeps_typed_value() {
    local().clear().unwrap();
    let history = web_sys::window().unwrap().history().unwrap();
    history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("/track")).unwrap();
    let body = web_sys::window().unwrap().document().unwrap().body().unwrap();
    let host = web_sys::window().unwrap().document().unwrap().create_element("div").unwrap();
    body.append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone().unchecked_into(), bijli_seva::App);
    let h1 = drawn("main h1").await;
    assert!(h1.text_content().unwrap().contains("स्थिति"), "Hindi first: {:?}", h1.text_content());

    let input: web_sys::HtmlInputElement = q("#f-number").unwrap().unchecked_into();
    input.set_value("१२३४ ५६७८");
    input.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();

    let switch: web_sys::HtmlElement = q(".lang-switch").unwrap().unchecked_into();
    switch.click();
    tick(20).await;
    assert!(q("main h1").unwrap().text_content().unwrap().contains("Track"), "English after the switch");
    let input: web_sys::HtmlInputElement = q("#f-number").unwrap().unchecked_into();
    assert_eq!(input.value(), "१२३४ ५६७८", "typed value survives the re-render");
    assert_eq!(local().get_item("bijli.lang").unwrap().as_deref(), Some("en"), "choice remembered");
    drop(handle);
    host.remove();
}

#[wasm_bindgen_test]
fn full_storage_is_reported_not_thrown() {
    local().clear().unwrap();
    // Fill localStorage until the browser refuses.
    let chunk = "x".repeat(512 * 1024);
    let mut i = 0;
    while local().set_item(&format!("filler.{i}"), &chunk).is_ok() {
        i += 1;
        assert!(i < 100, "quota never reached");
    }
    assert_eq!(storage::set(Persistence::Local, "bijli.test", &"y".repeat(600 * 1024)), Err(StoreError::Full));
    local().clear().unwrap();
    assert_eq!(storage::set(Persistence::Local, "bijli.test", "ok"), Ok(()));
}

#[wasm_bindgen_test]
fn corrupt_and_future_drafts_are_moved_aside() {
    local().clear().unwrap();
    local().set_item(&format!("{DRAFT_PREFIX}bad"), "{not json").unwrap();
    local().set_item(&format!("{DRAFT_PREFIX}future"), r#"{"v":99,"id":"future"}"#).unwrap();
    let store = DraftStore { policy: bijli_seva::domain::draft::Policy::CONSUMER };
    assert!(store.list(None).is_empty());
    assert_eq!(local().get_item(&format!("{QUARANTINE_PREFIX}bad")).unwrap().as_deref(), Some("{not json"));
    assert!(local().get_item(&format!("{QUARANTINE_PREFIX}future")).unwrap().is_some());
    assert!(local().get_item(&format!("{DRAFT_PREFIX}bad")).unwrap().is_none());
    storage::clear_all();
    assert_eq!(local().length().unwrap(), 0, "clear_all leaves nothing of ours");
}

#[wasm_bindgen_test]
fn queue_and_ticket_list_are_read_when_first_asked_for() {
    use bijli_seva::domain::outbox::{ItemState, KEY};
    use bijli_seva::storage::tickets::MyTickets;
    use leptos::prelude::GetUntracked;
    // Mounting sets up Leptos's task executor, which the outbox's effects need.
    let host = web_sys::window().unwrap().document().unwrap().create_element("div").unwrap();
    let _mounted = leptos::mount::mount_to(host.unchecked_into(), || ());
    local().clear().unwrap();
    let earlier_visit = r#"[{"key":"k1","mobile":"9876543210","request":{"name":"Asha","category":"no_supply"},"draft":{"name":"Asha"},"created_at":1,"attempts":1,"next_at_ms":0,"state":"waiting"}]"#;
    local().set_item(KEY, earlier_visit).unwrap();
    local()
        .set_item("bijli.tickets", r#"[{"number":"C-1","kind":"complaint","status":"registered","added_at":1}]"#)
        .unwrap();
    let owner = leptos::prelude::Owner::new();
    owner.with(|| {
        let tickets = MyTickets::new(Policy::CONSUMER);
        let outbox = bijli_seva::offline::outbox::Outbox::start(
            Persistence::Local,
            tickets,
            bijli_seva::offline::Network::start(),
        );
        assert_eq!(local().get_item(KEY).unwrap().as_deref(), Some(earlier_visit), "start-up leaves the queue unread");
        let items = outbox.items().get_untracked();
        assert_eq!(items.len(), 1);
        // Tokens are never stored: a new visit asks for the mobile to be confirmed again.
        assert_eq!(items[0].state, ItemState::NeedsVerification);
        assert_eq!(items[0].request_text("name"), "Asha");
        assert!(
            local().get_item(KEY).unwrap().unwrap().contains(r#""state":"needs_verification""#),
            "and says so on the device"
        );
        assert_eq!(tickets.0.get_untracked(), vec![], "not read yet");
        assert_eq!(tickets.ready().0.get_untracked().iter().map(|t| t.number.as_str()).collect::<Vec<_>>(), ["C-1"]);
    });
    local().clear().unwrap();
}

/// Two forms open on one draft in one tab (a page built again over the old one, whose last
/// autosave lands after the new one opened): the form in use never loses a change to the other's
/// older copy, and takes the other's copy only when it has nothing new itself. Another tab's newer
/// copy is still taken, as before.
#[wasm_bindgen_test]
fn a_second_form_on_the_same_draft_in_this_tab_never_takes_a_change_away() {
    use bijli_seva::domain::draft::DraftKind;
    use bijli_seva::storage::drafts::Draft;
    use leptos::prelude::{GetUntracked, Update};
    #[derive(serde::Serialize, serde::Deserialize, Clone, Default, PartialEq, Debug)]
    struct Form {
        photo: String,
        id_proof: String,
    }
    let host = web_sys::window().unwrap().document().unwrap().create_element("div").unwrap();
    let _mounted = leptos::mount::mount_to(host.unchecked_into(), || ());
    local().clear().unwrap();
    let store = DraftStore { policy: Policy::CONSUMER };
    let stored = || {
        let env = store.load("same-tab").unwrap();
        (env.rev, serde_json::from_value::<Form>(env.data).unwrap())
    };
    let form = |photo: &str, id_proof: &str| Form { photo: photo.into(), id_proof: id_proof.into() };
    let owner = leptos::prelude::Owner::new();
    owner.with(|| {
        let open = || Draft::<Form>::open(DraftKind::Connection, Some("same-tab".into()), |_| String::new(), |_| 0);
        let old = open();
        old.data.update(|f| f.photo = "A".into());
        old.save_now();
        let new = open();
        assert_eq!(new.data.get_untracked(), form("A", ""));
        // The old form's last autosave, after the new one opened: nothing new, a higher revision.
        old.save_now();
        new.data.update(|f| f.photo = "B".into());
        new.save_now();
        assert_eq!(new.data.get_untracked(), form("B", ""), "the change just made is kept");
        assert_eq!(stored().1, form("B", ""), "and saved");
        new.data.update(|f| f.id_proof = "C".into());
        new.save_now();
        assert_eq!(stored().1, form("B", "C"));
        // The other way round: a form with nothing new takes the newer copy from this tab.
        let before = stored().0;
        old.save_now();
        assert_eq!(old.data.get_untracked(), form("B", "C"));
        assert_eq!(stored(), (before, form("B", "C")), "taken, not written over");
        // Another tab's newer input is taken, as it always was (a storage event brings it too).
        let mut elsewhere = store.load("same-tab").unwrap();
        elsewhere.rev += 5;
        elsewhere.data = serde_json::to_value(form("D", "C")).unwrap();
        local()
            .set_item(&bijli_seva::domain::draft::key("same-tab"), &serde_json::to_string(&elsewhere).unwrap())
            .unwrap();
        new.save_now();
        assert_eq!(new.data.get_untracked(), form("D", "C"));
    });
    local().clear().unwrap();
}

/// The payment gateway's address comes from the backend, and the status page sends the browser
/// there: only an http(s) address is followed, made absolute against the API's own.
#[wasm_bindgen_test]
fn only_an_http_gateway_address_is_followed() {
    use bijli_seva::api::gateway_address;
    let origin = web_sys::window().unwrap().location().origin().unwrap();
    assert_eq!(
        gateway_address("/api/v1/dev/gateway/ab12").as_deref(),
        Some(format!("{origin}/api/v1/dev/gateway/ab12").as_str())
    );
    assert_eq!(gateway_address("https://pay.bank.example/p?id=7").as_deref(), Some("https://pay.bank.example/p?id=7"));
    for bad in ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "JAVASCRIPT:alert(1)"] {
        assert_eq!(gateway_address(bad), None, "{bad}");
    }
}

/// In the browser, JSON text is read and written by the browser's own parser (`bijli_seva::json`).
/// It must be serde_json's JSON: what it writes, serde_json (the backend, the native tests) reads
/// as the same value, and what serde_json wrote (a draft, ticket list or queued complaint kept by
/// an earlier build) it reads as the same value.
#[wasm_bindgen_test]
fn json_text_in_the_browser_is_the_same_json_as_serde_json() {
    use bijli_seva::domain::draft::{DraftKind, Envelope};
    use bijli_seva::domain::outbox::{ItemState, OutboxItem};
    use bijli_seva::domain::tickets::MyTicket;
    use bijli_seva::json;
    use portal_contract::wire::{ComplaintRequest, FiledBy, Location};
    use serde::{de::DeserializeOwned, Serialize};

    fn same<T: Serialize + DeserializeOwned + std::fmt::Debug + PartialEq>(v: T) {
        let ours = json::to_string(&v).expect("written");
        assert_eq!(serde_json::from_str::<T>(&ours).unwrap(), v, "serde_json reads {ours}");
        let theirs = serde_json::to_string(&v).unwrap();
        assert_eq!(json::from_str::<T>(&theirs).as_ref(), Some(&v), "the browser reads {theirs}");
    }
    // Hindi, quotes, a line break, a control character and an emoji in what people type.
    let typed = "सीता \"देवी\"\nगली २, \\ ⚡\u{1}";
    same(Envelope {
        v: 2,
        id: "d1".into(),
        kind: DraftKind::Connection,
        rev: 7,
        created_at: 1_764_547_200,
        updated_at: 1_764_550_000,
        step: "premises".into(),
        progress: 40,
        label: typed.into(),
        idempotency_key: None,
        data: serde_json::json!({ "name": typed, "load_kw": 2.5, "documents": [{ "bytes": 1_234_567, "upload_id": null }], "consent": true }),
    });
    let request = ComplaintRequest {
        mobile: "9876543210".into(),
        category: "no_supply".into(),
        subcategory: "whole_area".into(),
        description: typed.into(),
        district: "VNS".into(),
        location: Some(Location { lat: 25.3176, lon: 82.9739 }),
        filed_by: FiledBy::Operator {
            operator_id: "9876500000".into(),
            operator_name: "Ravi".into(),
            shop: "Sigra CSC".into(),
        },
        ..Default::default()
    };
    same(request.clone());
    let mut queued = OutboxItem::new(
        "k1".into(),
        "9876543210".into(),
        &request,
        serde_json::json!({ "description": typed }),
        1_764_547_200,
    );
    queued.state = ItemState::Sent {
        number: "123456789012".into(),
        expected_by: "2026-12-07T10:00:00Z".into(),
        already_open: true,
    };
    same(vec![queued]);
    let ticket: MyTicket = serde_json::from_value(serde_json::json!({
        "number": "123456789012", "kind": "complaint", "status": "in_progress", "added_at": 1_764_547_200,
        "expected_by": null, "what": "no_supply", "filed_here": true,
    }))
    .unwrap();
    same(vec![ticket]);
    // Discarding a draft finds its documents by scanning the stored text for `"upload_id":"`
    // (`draft::upload_ids`), so the browser must write it as compactly as serde_json does.
    let mut with_document = serde_json::json!({ "documents": [{ "document_type": "photo", "upload_id": "u_1-a" }] });
    let written = json::to_string(&with_document).unwrap();
    let mut ids = Vec::new();
    bijli_seva::domain::draft::upload_ids(&written, &mut ids);
    assert_eq!(ids, ["u_1-a"], "{written}");
    with_document["documents"][0]["upload_id"] = serde_json::Value::Null;
    assert_eq!(json::to_string(&with_document).unwrap(), serde_json::to_string(&with_document).unwrap());
    // Not JSON, or not the type asked for: nothing, as with serde_json.
    assert_eq!(json::from_str::<Envelope>("{\"v\":2"), None);
    assert_eq!(json::from_str::<Vec<u32>>("[1] x"), None);
    assert_eq!(json::from_str::<u64>("2.5"), None);
    assert_eq!(json::from_str::<String>("2"), None);
    // An integer JavaScript cannot hold exactly is refused, never rounded.
    assert_eq!(json::to_string(&(1u64 << 60)), None);
}
