//! The page keeps one request in flight, with only the newest waiting.

use imbalance_lab::worker::queue::Queue;

use super::helpers::request;

#[test]
fn the_queue_keeps_one_request_in_flight_and_only_the_newest_waiting() {
    let (a, b, c) = (
        request(1e6 as u32, 1, 0.1),
        request(1e6 as u32, 1, 0.2),
        request(1e6 as u32, 1, 0.3),
    );
    let mut q = Queue::default();
    assert!(!q.busy());
    // Numbers the page already has exactly are never asked for.
    assert_eq!(q.want(a, true), None);
    assert_eq!(q.want(a, false), Some(a));
    assert!(q.busy());
    // A drag: b then c while a runs; only c waits.
    assert_eq!(q.want(b, false), None);
    assert_eq!(q.want(c, false), None);
    assert_eq!(q.answered(|_| false), Some(c));
    assert_eq!(q.in_flight(), Some(c));
    // The worker failed: the request in flight is the one to send again.
    assert_eq!(q.in_flight(), Some(c));
    assert_eq!(q.answered(|_| false), None);
    assert!(!q.busy());
    // A waiting request the answer already covers is dropped.
    assert_eq!(q.want(a, false), Some(a));
    assert_eq!(q.want(b, false), None);
    assert_eq!(q.answered(|r| *r == b), None);
    assert!(!q.busy());
    // A newer request held back (it needs new draws) supersedes the waiting one.
    assert_eq!(q.want(a, false), Some(a));
    assert_eq!(q.want(b, false), None);
    q.drop_waiting();
    assert_eq!(q.answered(|_| false), None);
    assert!(!q.busy());
    // Coming back to exact numbers while busy forgets the waiting request.
    assert_eq!(q.want(a, false), Some(a));
    assert_eq!(q.want(b, false), None);
    assert_eq!(q.want(c, true), None);
    assert_eq!(q.answered(|_| false), None);
}
