//! Every answer any test gets is checked against the OpenAPI document: its
//! status must be one the document lists for the operation, and its JSON
//! body must match the schema given for that status. So the document
//! cannot drift from what the server does, on any path a test takes.

use axum::http::Method;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

/// The document, read once per test binary (it is the same for every app).
static DOC: OnceLock<Value> = OnceLock::new();

/// Compiled schemas, by their JSON text.
type Compiled = Arc<jsonschema::Validator>;
static VALIDATORS: OnceLock<Mutex<HashMap<String, Compiled>>> = OnceLock::new();

/// Stores the document (the first app of the binary reads it).
pub fn remember(doc: Value) {
    let _ = DOC.set(doc);
}

/// Whether the document is known yet.
pub fn known() -> bool {
    DOC.get().is_some()
}

/// Resolves `{"$ref": "#/components/schemas/X"}` (once) in the document.
pub fn resolve<'a>(doc: &'a Value, schema: &'a Value) -> &'a Value {
    match schema["$ref"].as_str() {
        Some(r) => doc.pointer(r.trim_start_matches('#')).unwrap_or(schema),
        None => schema,
    }
}

/// What is wrong with `instance` under `schema` (none: it matches).
pub fn schema_errors(doc: &Value, schema: &Value, instance: &Value) -> Vec<String> {
    let key = schema.to_string();
    let validators = VALIDATORS.get_or_init(Default::default);
    let validator = {
        let mut all = validators.lock().unwrap();
        all.entry(key)
            .or_insert_with(|| {
                let mut root = json!({ "allOf": [schema] });
                root["components"] = doc["components"].clone();
                Arc::new(jsonschema::validator_for(&root).unwrap_or_else(|e| {
                    panic!("the document's schema {schema} does not compile: {e}")
                }))
            })
            .clone()
    };
    validator
        .iter_errors(instance)
        .map(|e| format!("{e} (at {})", e.instance_path()))
        .collect()
}

/// The document's operation for a method and a concrete path: the
/// template that matches with the most literal segments.
pub fn operation<'a>(doc: &'a Value, method: &Method, path: &str) -> Option<(&'a str, &'a Value)> {
    let segments: Vec<&str> = path.split('/').collect();
    let method = method.as_str().to_ascii_lowercase();
    doc["paths"]
        .as_object()?
        .iter()
        .filter_map(|(template, item)| {
            let parts: Vec<&str> = template.split('/').collect();
            if parts.len() != segments.len() {
                return None;
            }
            let mut literal = 0;
            for (part, segment) in parts.iter().zip(&segments) {
                if part.starts_with('{') {
                    if segment.is_empty() {
                        return None;
                    }
                } else if part == segment {
                    literal += 1;
                } else {
                    return None;
                }
            }
            item.get(&method).map(|op| (literal, template.as_str(), op))
        })
        .max_by_key(|(literal, _, _)| *literal)
        .map(|(_, template, op)| (template, op))
}

/// Why an answer does not match the document, if it does not.
pub fn mismatch(
    method: &Method,
    uri: &str,
    status: u16,
    json: &Value,
    is_json: bool,
) -> Option<String> {
    let doc = DOC.get()?;
    let path = uri.split('?').next().unwrap_or(uri);
    let (template, op) = operation(doc, method, path)?;
    let status = status.to_string();
    let Some(documented) = op["responses"].get(&status) else {
        let listed: Vec<&String> = op["responses"].as_object()?.keys().collect();
        return Some(format!(
            "{method} {template} answered {status}, but the OpenAPI document lists only {listed:?}: {json}"
        ));
    };
    let schema = documented.pointer("/content/application~1json/schema")?;
    if !is_json {
        return Some(format!(
            "{method} {template} answered {status} without JSON, but the document gives a JSON schema"
        ));
    }
    let errors = schema_errors(doc, schema, json);
    (!errors.is_empty()).then(|| {
        format!("{method} {template} answered {status} with a body its schema refuses: {errors:?}\n{json}")
    })
}
