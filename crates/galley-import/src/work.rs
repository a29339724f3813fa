//! Counts the work the heuristics do (lines looked at, characters read), so tests can hold an
//! import to linear work without timing it. Outside tests the count is nothing and costs nothing.

#[cfg(test)]
use std::cell::Cell;

#[cfg(test)]
thread_local!(static DONE: Cell<usize> = const { Cell::new(0) });

#[cfg(test)]
pub(crate) fn add(units: usize) {
    DONE.with(|done| done.set(done.get() + units));
}

#[cfg(not(test))]
#[inline(always)]
pub(crate) fn add(_: usize) {}

/// The work `f` did.
#[cfg(test)]
pub(crate) fn of(f: impl FnOnce()) -> usize {
    let before = DONE.with(Cell::get);
    f();
    DONE.with(Cell::get) - before
}
