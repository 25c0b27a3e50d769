//! Login throttling, per account and per client address. Kept in memory:
//! it guards one server process; a restart forgets it, which costs an
//! attacker a restart they cannot cause.

use chrono::{DateTime, Duration, Utc};
use std::{collections::HashMap, sync::Mutex};

#[derive(Debug, Clone, Copy)]
pub struct ThrottleRule {
    /// Failures within `window` that trigger a lock.
    pub max_failures: u32,
    pub window: Duration,
    /// How long a key stays locked after the last failure that locked it.
    pub lockout: Duration,
}

#[derive(Debug, Default, Clone, Copy)]
struct Bucket {
    failures: u32,
    window_start: Option<DateTime<Utc>>,
    locked_until: Option<DateTime<Utc>>,
}

pub struct LoginThrottle {
    per_account: ThrottleRule,
    per_address: ThrottleRule,
    buckets: Mutex<HashMap<String, Bucket>>,
}

impl LoginThrottle {
    pub fn new(per_account: ThrottleRule, per_address: ThrottleRule) -> Self {
        Self { per_account, per_address, buckets: Mutex::new(HashMap::new()) }
    }

    fn keys(username: &str, address: &str) -> [(String, bool); 2] {
        [(format!("u:{username}"), true), (format!("a:{address}"), false)]
    }

    /// Seconds to wait if either key is locked now.
    pub fn check(&self, username: &str, address: &str, now: DateTime<Utc>) -> Option<u64> {
        let buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        Self::keys(username, address)
            .iter()
            .filter_map(|(key, _)| buckets.get(key).and_then(|b| b.locked_until))
            .filter(|until| *until > now)
            .map(|until| (until - now).num_seconds().max(1) as u64)
            .max()
    }

    pub fn record_failure(&self, username: &str, address: &str, now: DateTime<Utc>) {
        let mut buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        for (key, is_account) in Self::keys(username, address) {
            let rule = if is_account { self.per_account } else { self.per_address };
            let bucket = buckets.entry(key).or_default();
            match bucket.window_start {
                Some(start) if now - start <= rule.window => bucket.failures += 1,
                _ => {
                    bucket.window_start = Some(now);
                    bucket.failures = 1;
                }
            }
            if bucket.failures >= rule.max_failures {
                bucket.locked_until = Some(now + rule.lockout);
            }
        }
        // Bound memory: forget buckets idle for a day.
        if buckets.len() > 10_000 {
            buckets.retain(|_, b| b.window_start.is_some_and(|s| now - s < Duration::days(1)));
        }
    }

    /// A successful login clears the account's failures, not the address's:
    /// one good password must not reset a spray across many accounts.
    pub fn record_success(&self, username: &str) {
        let mut buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        buckets.remove(&format!("u:{username}"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn throttle() -> LoginThrottle {
        LoginThrottle::new(
            ThrottleRule { max_failures: 3, window: Duration::minutes(15), lockout: Duration::minutes(15) },
            ThrottleRule { max_failures: 5, window: Duration::minutes(15), lockout: Duration::minutes(15) },
        )
    }

    #[test]
    fn account_locks_after_limit_and_unlocks_later() {
        let t = throttle();
        let now = Utc::now();
        for _ in 0..2 {
            t.record_failure("ali", "1.1.1.1", now);
        }
        assert_eq!(t.check("ali", "1.1.1.1", now), None);
        t.record_failure("ali", "1.1.1.1", now);
        assert!(t.check("ali", "9.9.9.9", now).is_some(), "locked from any address");
        assert_eq!(t.check("ali", "1.1.1.1", now + Duration::minutes(16)), None);
    }

    #[test]
    fn address_locks_across_accounts() {
        let t = throttle();
        let now = Utc::now();
        for i in 0..5 {
            t.record_failure(&format!("user{i}"), "2.2.2.2", now);
        }
        assert!(t.check("someone-else", "2.2.2.2", now).is_some());
        assert_eq!(t.check("someone-else", "3.3.3.3", now), None);
    }

    #[test]
    fn success_clears_account_but_not_address() {
        let t = throttle();
        let now = Utc::now();
        for _ in 0..2 {
            t.record_failure("ali", "1.1.1.1", now);
        }
        t.record_success("ali");
        t.record_failure("ali", "1.1.1.1", now);
        assert_eq!(t.check("ali", "4.4.4.4", now), None);
    }
}
