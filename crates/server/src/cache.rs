//! A small bounded in-memory cache with one computation per key.
//!
//! Each key maps to a [`OnceLock`] slot: concurrent requests for the same
//! key wait for one computation instead of all running it. When the cache
//! is full the least recently used key is dropped (a linear scan: the cache
//! holds tens of entries).

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

/// A slot with the tick of its last use.
type Entry<V> = (u64, Arc<OnceLock<V>>);

/// A bounded map from keys to lazily computed values.
#[derive(Debug)]
pub(crate) struct Cache<K, V> {
    capacity: usize,
    clock: AtomicU64,
    slots: Mutex<HashMap<K, Entry<V>>>,
}

impl<K: Hash + Eq + Clone, V> Cache<K, V> {
    /// An empty cache holding at most `capacity` keys (at least one).
    pub(crate) fn new(capacity: usize) -> Cache<K, V> {
        Cache {
            capacity: capacity.max(1),
            clock: AtomicU64::new(0),
            slots: Mutex::new(HashMap::new()),
        }
    }

    /// The slot for `key`, created empty when absent. Fill it with
    /// [`OnceLock::get_or_init`] outside the async runtime's threads when
    /// the computation is slow.
    pub(crate) fn slot(&self, key: &K) -> Arc<OnceLock<V>> {
        let now = self.clock.fetch_add(1, Ordering::Relaxed);
        // A panic while holding the lock cannot leave the map inconsistent
        // (every mutation is a single call), so a poisoned lock is usable.
        let mut slots = self.slots.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((used, slot)) = slots.get_mut(key) {
            *used = now;
            return slot.clone();
        }
        if slots.len() >= self.capacity {
            let oldest = slots
                .iter()
                .min_by_key(|(_, (used, _))| *used)
                .map(|(k, _)| k.clone());
            if let Some(oldest) = oldest {
                slots.remove(&oldest);
            }
        }
        let slot = Arc::new(OnceLock::new());
        slots.insert(key.clone(), (now, slot.clone()));
        slot
    }

    /// Number of keys held.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.slots
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn computes_once_per_key_and_evicts_least_recently_used() {
        let cache: Cache<u32, String> = Cache::new(2);
        let mut runs = 0;
        let get = |k: u32, runs: &mut u32| {
            cache
                .slot(&k)
                .get_or_init(|| {
                    *runs += 1;
                    format!("v{k}")
                })
                .clone()
        };
        assert_eq!(get(1, &mut runs), "v1");
        assert_eq!(get(1, &mut runs), "v1");
        assert_eq!(runs, 1);
        assert_eq!(get(2, &mut runs), "v2");
        // Touch 1 so that 2 is the least recently used, then add 3.
        assert_eq!(get(1, &mut runs), "v1");
        assert_eq!(get(3, &mut runs), "v3");
        assert_eq!(cache.len(), 2);
        assert_eq!(runs, 3);
        // 1 survived, 2 was evicted and is computed again.
        assert_eq!(get(1, &mut runs), "v1");
        assert_eq!(runs, 3);
        assert_eq!(get(2, &mut runs), "v2");
        assert_eq!(runs, 4);
    }
}
