//! Every translation key exists in both languages with the same placeholders, and no string is
//! left empty or untranslated by accident (native test; reads locales/*.json).

use serde_json::Value;
use std::collections::BTreeMap;

fn flatten(prefix: &str, v: &Value, out: &mut BTreeMap<String, String>) {
    match v {
        Value::Object(m) => m
            .iter()
            .for_each(|(k, v)| flatten(&if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") }, v, out)),
        Value::String(s) => {
            out.insert(prefix.to_string(), s.clone());
        }
        other => panic!("{prefix}: unexpected {other}"),
    }
}

fn load(lang: &str) -> BTreeMap<String, String> {
    let path = format!("{}/locales/{lang}.json", env!("CARGO_MANIFEST_DIR"));
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let mut out = BTreeMap::new();
    flatten("", &v, &mut out);
    out
}

fn placeholders(s: &str) -> Vec<String> {
    let mut v: Vec<String> =
        s.split("{{").skip(1).filter_map(|p| p.split("}}").next()).map(|p| p.trim().to_string()).collect();
    v.sort();
    v
}

#[test]
fn both_languages_have_the_same_keys_and_placeholders() {
    let (en, hi) = (load("en"), load("hi"));
    let only_en: Vec<_> = en.keys().filter(|k| !hi.contains_key(*k)).collect();
    let only_hi: Vec<_> = hi.keys().filter(|k| !en.contains_key(*k)).collect();
    assert!(only_en.is_empty() && only_hi.is_empty(), "missing in hi: {only_en:?}; missing in en: {only_hi:?}");
    for (k, e) in &en {
        let h = &hi[k];
        assert_eq!(placeholders(e), placeholders(h), "placeholders differ for {k}");
        assert!(!e.trim().is_empty() && !h.trim().is_empty(), "{k} is empty");
    }
    assert!(en.len() > 100);
}

#[test]
fn hindi_strings_are_in_devanagari() {
    // Guards against an English string pasted into hi.json: every Hindi sentence-length string
    // must contain Devanagari letters (short codes like "SMS" or "1912" are fine).
    // The language switch is labelled in the language it switches to (with a matching `lang`).
    const IN_TARGET_LANGUAGE: [&str; 1] = ["common.switch_language"];
    let hi = load("hi");
    let untranslated: Vec<_> = hi
        .iter()
        .filter(|(k, _)| !IN_TARGET_LANGUAGE.contains(&k.as_str()))
        .filter(|(_, v)| v.chars().filter(|c| c.is_alphabetic()).count() > 12)
        .filter(|(_, v)| !v.chars().any(|c| ('\u{0900}'..='\u{097F}').contains(&c)))
        .map(|(k, _)| k.clone())
        .collect();
    assert!(untranslated.is_empty(), "not in Hindi: {untranslated:?}");
}

#[test]
fn placeholder_parser_works() {
    assert_eq!(placeholders("a {{ x }} b {{y}}"), vec!["x", "y"]);
}
