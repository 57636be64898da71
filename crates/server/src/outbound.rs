//! Outbound webhooks reach the public internet only (the rules are
//! `herald_model::outbound`). A URL is checked when it is subscribed, and
//! again at every delivery after DNS resolution, since a name can resolve
//! to an inside address later; redirects are not followed.
//!
//! `herald serve --allow-private-webhooks` lifts the check, for receivers
//! on the operator's own network (and the tests' loopback receivers).

use herald_model::outbound::{is_inside_name, is_public_ip};
use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use reqwest::Url;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

/// Why a URL may not be sent to, as a sentence for the subscriber.
pub fn refusal(url: &str) -> Option<String> {
    let parsed = match Url::parse(url) {
        Ok(u) => u,
        Err(e) => return Some(format!("'{url}' is not a URL: {e}")),
    };
    if !matches!(parsed.scheme(), "http" | "https") {
        return Some("only http and https URLs can receive webhooks".to_owned());
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Some(
            "a webhook URL may not carry credentials; put a secret in the path instead".to_owned(),
        );
    }
    match parsed.host() {
        None => Some("the URL has no host".to_owned()),
        Some(url::Host::Ipv4(ip)) => inside_ip(IpAddr::V4(ip)),
        Some(url::Host::Ipv6(ip)) => inside_ip(IpAddr::V6(ip)),
        Some(url::Host::Domain(name)) => is_inside_name(name)
            .then(|| format!("'{name}' names this machine or an internal service")),
    }
}

fn inside_ip(ip: IpAddr) -> Option<String> {
    (!is_public_ip(ip)).then(|| {
        format!("{ip} is not a public internet address (loopback, private, link-local or reserved)")
    })
}

/// [`refusal`], and the addresses the URL's name resolves to now: a name
/// that resolves to an inside address is refused too. A name that does not
/// resolve (yet) is let through; delivery checks again.
pub async fn check(url: &str) -> Result<(), String> {
    if let Some(reason) = refusal(url) {
        return Err(reason);
    }
    let Ok(parsed) = Url::parse(url) else {
        return Ok(());
    };
    if let Some(url::Host::Domain(name)) = parsed.host() {
        let port = parsed.port_or_known_default().unwrap_or(443);
        let lookup = tokio::time::timeout(
            std::time::Duration::from_secs(3),
            tokio::net::lookup_host((name, port)),
        )
        .await;
        if let Ok(Ok(addrs)) = lookup {
            for addr in addrs {
                if let Some(reason) = inside_ip(addr.ip()) {
                    return Err(format!("'{name}' resolves to {}: {reason}", addr.ip()));
                }
            }
        }
    }
    Ok(())
}

/// Resolves names for the delivery client, refusing any that resolves to
/// an inside address.
struct PublicOnly;

impl Resolve for PublicOnly {
    fn resolve(&self, name: Name) -> Resolving {
        Box::pin(async move {
            let host = name.as_str().to_owned();
            if is_inside_name(&host) {
                return Err(format!("'{host}' names an internal service").into());
            }
            let addrs: Vec<SocketAddr> =
                tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            if let Some(inside) = addrs.iter().find(|a| !is_public_ip(a.ip())) {
                return Err(format!(
                    "'{host}' resolves to {}, which is not a public internet address",
                    inside.ip()
                )
                .into());
            }
            let addrs: Addrs = Box::new(addrs.into_iter());
            Ok(addrs)
        })
    }
}

/// The HTTP client deliveries use: no redirects, and (unless
/// `allow_private`) a resolver that refuses inside addresses.
pub fn client(timeout: std::time::Duration, allow_private: bool) -> reqwest::Client {
    let builder = reqwest::Client::builder()
        .timeout(timeout)
        .redirect(reqwest::redirect::Policy::none());
    let builder = if allow_private {
        builder
    } else {
        builder.dns_resolver(Arc::new(PublicOnly))
    };
    builder.build().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_of_an_inside_target_is_refused() {
        for url in [
            "http://127.0.0.1:22/",
            "http://localhost:6379/",
            "http://LOCALHOST./x",
            "http://169.254.169.254/latest/meta-data/iam",
            "http://metadata.google.internal/computeMetadata/v1/",
            "http://[fd00:ec2::254]/latest/meta-data/",
            "http://[::1]:8080/",
            "http://[::ffff:127.0.0.1]/",
            "http://0x7f.0.0.1/",
            "http://0177.0.0.1/",
            "http://2130706433/",
            "http://127.1/",
            "http://0/",
            "http://10.0.0.5/hook",
            "http://172.16.3.4/hook",
            "http://192.168.0.10/hook",
            "http://100.64.0.1/",
            "http://user:pass@hooks.example.com/x",
            "ftp://hooks.example.com/x",
        ] {
            assert!(refusal(url).is_some(), "{url} should be refused");
        }
    }

    #[test]
    fn a_public_url_passes() {
        for url in [
            "https://hooks.example.com/herald",
            "http://93.184.216.34:8080/x",
            "https://[2606:4700::1111]/x",
        ] {
            assert_eq!(refusal(url), None, "{url}");
        }
    }
}
