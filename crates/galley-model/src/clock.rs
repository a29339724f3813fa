//! Where "now" comes from: the system clock in the app, a hand-driven clock in tests.
//!
//! Core code never calls `Timestamp::now()` itself; it asks the clock it was given.

use std::sync::Mutex;

use crate::Timestamp;

/// A source of the current time.
pub trait Clock: Send + Sync {
    fn now(&self) -> Timestamp;
}

/// The real clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    #[allow(clippy::disallowed_methods, reason = "the one place the real clock is read")]
    fn now(&self) -> Timestamp {
        Timestamp::now()
    }
}

/// A clock that stands still until a test moves it.
#[derive(Debug)]
pub struct ManualClock {
    now: Mutex<Timestamp>,
}

impl ManualClock {
    pub fn new(start: Timestamp) -> Self {
        ManualClock { now: Mutex::new(start) }
    }

    /// Moves the clock forward (or back) by `span`.
    pub fn advance(&self, span: jiff::SignedDuration) {
        let mut now = self.now.lock().expect("clock mutex is never poisoned");
        *now = now.checked_add(span).expect("test clock stays within range");
    }

    pub fn set(&self, to: Timestamp) {
        *self.now.lock().expect("clock mutex is never poisoned") = to;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Timestamp {
        *self.now.lock().expect("clock mutex is never poisoned")
    }
}
