//! Where Herald may send a webhook: to the public internet only. Never to
//! this machine, a private or link-local network, a cloud's metadata
//! service, or any other address that only makes sense from inside, in
//! whatever spelling (the server parses URLs as browsers do, so
//! `0x7f.0.0.1` and `2130706433` arrive here as 127.0.0.1).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// Whether `ip` is an address on the public internet.
pub fn is_public_ip(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => is_public_v6(v6),
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    let special = ip.is_unspecified()
        || ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_broadcast()
        || ip.is_documentation()
        || ip.is_multicast()
        || a == 0
        // Shared address space (carrier-grade NAT), 100.64.0.0/10.
        || (a == 100 && (64..128).contains(&b))
        // IETF protocol assignments, 192.0.0.0/24.
        || (a == 192 && b == 0 && c == 0)
        // Benchmarking, 198.18.0.0/15.
        || (a == 198 && (b == 18 || b == 19))
        // Reserved, 240.0.0.0/4.
        || a >= 240;
    !special
}

fn is_public_v6(ip: Ipv6Addr) -> bool {
    // Addresses that carry an IPv4 address are judged by it: mapped
    // (::ffff:a.b.c.d), compatible (::a.b.c.d), NAT64 (64:ff9b::/96) and
    // 6to4 (2002::/16).
    let s = ip.segments();
    if let Some(v4) = ip.to_ipv4_mapped() {
        return is_public_v4(v4);
    }
    let embedded =
        |hi: u16, lo: u16| Ipv4Addr::new((hi >> 8) as u8, hi as u8, (lo >> 8) as u8, lo as u8);
    if s[..6] == [0, 0, 0, 0, 0, 0] && !ip.is_loopback() && !ip.is_unspecified() {
        return is_public_v4(embedded(s[6], s[7]));
    }
    if s[0] == 0x64 && s[1] == 0xff9b && s[2..6] == [0, 0, 0, 0] {
        return is_public_v4(embedded(s[6], s[7]));
    }
    if s[0] == 0x2002 {
        return is_public_v4(embedded(s[1], s[2]));
    }
    let special = ip.is_unspecified()
        || ip.is_loopback()
        || ip.is_multicast()
        // Unique local, fc00::/7 (fd00:ec2::254 is AWS's metadata service).
        || (s[0] & 0xfe00) == 0xfc00
        // Link-local, fe80::/10, and the old site-local, fec0::/10.
        || (s[0] & 0xffc0) == 0xfe80
        || (s[0] & 0xffc0) == 0xfec0
        // Documentation, 2001:db8::/32.
        || (s[0] == 0x2001 && s[1] == 0x0db8)
        // Discard-only, 100::/64.
        || (s[0] == 0x0100 && s[1..4] == [0, 0, 0]);
    !special
}

/// Whether a host name names this machine or an inside service whatever it
/// resolves to: `localhost` and its subdomains, `.internal` names (cloud
/// metadata services such as `metadata.google.internal`), `.local` (mDNS),
/// and the bare names metadata services answer to.
pub fn is_inside_name(host: &str) -> bool {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    let under = |suffix: &str| host == suffix || host.ends_with(&format!(".{suffix}"));
    under("localhost")
        || under("internal")
        || under("local")
        || under("home.arpa")
        || matches!(host.as_str(), "metadata" | "instance-data")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn inside_addresses_are_refused_in_every_range() {
        for inside in [
            "127.0.0.1",
            "127.255.0.9",
            "0.0.0.0",
            "0.1.2.3",
            "10.0.0.1",
            "172.16.0.1",
            "172.31.255.255",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "192.0.0.170",
            "198.18.0.1",
            "224.0.0.1",
            "255.255.255.255",
            "240.0.0.1",
            "192.0.2.1",
            "::",
            "::1",
            "fd00:ec2::254",
            "fc00::1",
            "fe80::1",
            "fec0::1",
            "ff02::1",
            "2001:db8::1",
            "::ffff:127.0.0.1",
            "::ffff:169.254.169.254",
            "::127.0.0.1",
            "64:ff9b::a9fe:a9fe",
            "2002:7f00:1::",
            "100::1",
        ] {
            assert!(!is_public_ip(ip(inside)), "{inside} is inside");
        }
    }

    #[test]
    fn public_addresses_pass() {
        for public in [
            "93.184.216.34",
            "8.8.8.8",
            "172.32.0.1",
            "100.128.0.1",
            "2606:4700::1111",
            "::ffff:93.184.216.34",
            "64:ff9b::808:808",
        ] {
            assert!(is_public_ip(ip(public)), "{public} is public");
        }
    }

    #[test]
    fn inside_names_are_refused_whatever_they_resolve_to() {
        for name in [
            "localhost",
            "LOCALHOST.",
            "api.localhost",
            "metadata.google.internal",
            "metadata",
            "instance-data",
            "printer.local",
            "router.home.arpa",
        ] {
            assert!(is_inside_name(name), "{name}");
        }
        for name in [
            "hooks.example.com",
            "internal.example.com",
            "localhost.example.com",
        ] {
            assert!(!is_inside_name(name), "{name}");
        }
    }
}
