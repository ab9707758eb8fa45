//! Per-client hourly limits on the requests anyone may send without a token: asking for an
//! OTP (each one is an SMS the discom pays for — the target of "SMS pumping", which spreads over
//! many mobiles, so the per-mobile limit alone does not stop it), uploading a document (each
//! one is kept for up to 31 days, so a script could fill the disk), and reporting a
//! Content-Security-Policy violation (each one is a log line).
//!
//! A client is the address the request came from. Behind a reverse proxy on the same host (the
//! nginx of `deploy/`), that address is loopback and the client is the last `X-Forwarded-For`
//! entry, the one the proxy itself added; a far peer's `X-Forwarded-For` is never believed,
//! because anyone can send one. IPv6 clients count per /64, the block one household or phone
//! is given, so a client cannot dodge the limit by walking through its own addresses.
//!
//! The limits are generous (mobile networks put many phones behind one address) and set with
//! `--otp-per-client-hour` and `--uploads-per-client-hour` (reports: a fixed 100); the counts live in memory, because
//! losing them on a restart costs nothing worth a table.

use axum::http::HeaderMap;
use std::collections::{HashMap, VecDeque};
use std::net::{IpAddr, Ipv6Addr, SocketAddr};
use std::sync::Mutex;

const WINDOW: i64 = 3600;

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Bucket {
    Otp,
    Upload,
    /// Content-Security-Policy reports (src/reports.rs): a fixed limit, they only fill the log.
    Report,
}

pub struct Limiter {
    otp: u32,
    upload: u32,
    seen: Mutex<HashMap<(Bucket, IpAddr), VecDeque<i64>>>,
}

impl Limiter {
    pub fn new(otp: u32, upload: u32) -> Self {
        Limiter { otp, upload, seen: Mutex::new(HashMap::new()) }
    }

    /// Count one request of `bucket` from `client` at `now`, or say how many seconds until the
    /// client may send another.
    pub fn take(&self, bucket: Bucket, client: IpAddr, now: i64) -> Result<(), u64> {
        let max = match bucket {
            Bucket::Otp => self.otp,
            Bucket::Upload => self.upload,
            Bucket::Report => crate::reports::REPORTS_PER_CLIENT_HOUR,
        } as usize;
        let mut seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
        let times = seen.entry((bucket, client)).or_default();
        while times.front().is_some_and(|&t| t <= now - WINDOW) {
            times.pop_front();
        }
        if times.len() >= max {
            let oldest = times.front().copied().unwrap_or(now);
            return Err((oldest + WINDOW - now).max(1) as u64);
        }
        times.push_back(now);
        Ok(())
    }

    /// Forget clients with nothing left in the window (the hourly housekeeping), so the table
    /// holds only the last hour's clients.
    pub fn prune(&self, now: i64) -> usize {
        let mut seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
        seen.retain(|_, times| times.back().is_some_and(|&t| t > now - WINDOW));
        seen.len()
    }
}

/// Who sent the request, as the limits count it (see the module's comment).
pub fn client(peer: SocketAddr, headers: &HeaderMap) -> IpAddr {
    let peer_ip = canonical(peer.ip());
    let forwarded = || {
        let last = headers.get_all("x-forwarded-for").iter().next_back()?.to_str().ok()?;
        last.rsplit(',').next()?.trim().parse::<IpAddr>().ok()
    };
    let ip = if peer_ip.is_loopback() { forwarded().map(canonical).unwrap_or(peer_ip) } else { peer_ip };
    match ip {
        IpAddr::V6(v6) => {
            let s = v6.segments();
            IpAddr::V6(Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
        }
        v4 => v4,
    }
}

/// An IPv4 client reached over IPv6 (`::ffff:a.b.c.d`) is the same IPv4 client.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map(IpAddr::V4).unwrap_or(ip),
        v4 => v4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(xff: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in xff {
            h.append("x-forwarded-for", HeaderValue::from_str(v).unwrap());
        }
        h
    }

    #[test]
    fn counts_per_client_and_bucket_and_says_when_to_come_back() {
        let l = Limiter::new(2, 3);
        let (a, b): (IpAddr, IpAddr) = ("203.0.113.7".parse().unwrap(), "203.0.113.8".parse().unwrap());
        assert_eq!(l.take(Bucket::Otp, a, 1000), Ok(()));
        assert_eq!(l.take(Bucket::Otp, a, 1100), Ok(()));
        assert_eq!(l.take(Bucket::Otp, a, 1200), Err(3400), "the first one leaves the window at 4600");
        assert_eq!(l.take(Bucket::Otp, b, 1200), Ok(()), "another client is not affected");
        assert_eq!(l.take(Bucket::Upload, a, 1200), Ok(()), "nor is the other bucket");
        assert_eq!(l.take(Bucket::Otp, a, 4600), Ok(()), "an hour after the first, one more");
        assert_eq!(l.take(Bucket::Otp, a, 4601), Err(99));
    }

    #[test]
    fn prune_forgets_clients_quiet_for_an_hour() {
        let l = Limiter::new(5, 5);
        l.take(Bucket::Otp, "203.0.113.7".parse().unwrap(), 0).unwrap();
        l.take(Bucket::Upload, "203.0.113.8".parse().unwrap(), 3000).unwrap();
        assert_eq!(l.prune(3700), 1);
        assert_eq!(l.prune(6600), 0);
    }

    #[test]
    fn believes_forwarded_for_only_from_a_proxy_on_this_host() {
        let lo: SocketAddr = "127.0.0.1:5000".parse().unwrap();
        let far: SocketAddr = "198.51.100.1:5000".parse().unwrap();
        // nginx appends the address it saw; whatever the client claimed comes before it.
        let h = headers(&["1.2.3.4, 203.0.113.9"]);
        assert_eq!(client(lo, &h), "203.0.113.9".parse::<IpAddr>().unwrap());
        assert_eq!(client(lo, &headers(&["1.2.3.4", "203.0.113.9"])), "203.0.113.9".parse::<IpAddr>().unwrap());
        assert_eq!(client(far, &h), "198.51.100.1".parse::<IpAddr>().unwrap(), "a far peer's header is ignored");
        assert_eq!(client(lo, &HeaderMap::new()), "127.0.0.1".parse::<IpAddr>().unwrap());
        assert_eq!(client(lo, &headers(&["not an address"])), "127.0.0.1".parse::<IpAddr>().unwrap());
    }

    #[test]
    fn ipv6_clients_count_per_64_and_mapped_ipv4_is_ipv4() {
        let a: SocketAddr = "[2001:db8:1:2:aaaa::1]:5000".parse().unwrap();
        let b: SocketAddr = "[2001:db8:1:2:bbbb::9]:5000".parse().unwrap();
        assert_eq!(client(a, &HeaderMap::new()), client(b, &HeaderMap::new()));
        assert_eq!(client(a, &HeaderMap::new()), "2001:db8:1:2::".parse::<IpAddr>().unwrap());
        let mapped: SocketAddr = "[::ffff:203.0.113.7]:5000".parse().unwrap();
        assert_eq!(client(mapped, &HeaderMap::new()), "203.0.113.7".parse::<IpAddr>().unwrap());
    }
}
