//! Small helpers for reading JSON documents whose key case varies between writers (Jib writes
//! `config`/`repoTags`/`layers` where Docker writes `Config`/`RepoTags`/`Layers`).

use serde_json::Value;

/// The value of `key` in object `v`, matched exactly first, then ignoring ASCII case.
pub fn get<'a>(v: &'a Value, key: &str) -> Option<&'a Value> {
    let obj = v.as_object()?;
    obj.get(key)
        .or_else(|| obj.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)).map(|(_, v)| v))
        .filter(|v| !v.is_null())
}

/// The string value of `key`, if it is a string.
pub fn get_str<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    get(v, key).and_then(Value::as_str)
}

/// Parses bytes as JSON.
pub fn parse(bytes: &[u8]) -> Result<Value, String> {
    serde_json::from_slice(bytes).map_err(|e| e.to_string())
}
