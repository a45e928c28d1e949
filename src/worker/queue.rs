//! The page's side of the conversation: one request in flight at a time, and only the newest
//! of those that came meanwhile waiting, so a long drag never queues up stale work.

use crate::sim::engine::Request;

/// The requests the page has sent and still wants.
#[derive(Debug, Default)]
pub struct Queue {
    in_flight: Option<Request>,
    waiting: Option<Request>,
}

impl Queue {
    /// The page wants the exact numbers of `r`; `exact` says whether it has them already.
    /// Returns the request to send now, if one is to be sent.
    pub fn want(&mut self, r: Request, exact: bool) -> Option<Request> {
        if exact {
            self.waiting = None;
            None
        } else if self.in_flight.is_some() {
            self.waiting = Some(r);
            None
        } else {
            self.in_flight = Some(r);
            Some(r)
        }
    }

    /// The answer to the request in flight arrived; `exact` says whether a request is answered
    /// by what the page now has. Returns the waiting request to send next, if any.
    pub fn answered(&mut self, exact: impl Fn(&Request) -> bool) -> Option<Request> {
        self.in_flight = None;
        let next = self.waiting.take()?;
        self.want(next, exact(&next))
    }

    /// Forgets the waiting request: a newer one is held back and will be wanted later.
    pub fn drop_waiting(&mut self) {
        self.waiting = None;
    }

    /// The request in flight, to send again when the worker failed and another engine takes
    /// over.
    pub fn in_flight(&self) -> Option<Request> {
        self.in_flight
    }

    /// Whether a request is in flight.
    pub fn busy(&self) -> bool {
        self.in_flight.is_some()
    }
}
