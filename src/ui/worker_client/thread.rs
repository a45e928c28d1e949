//! The worker's own module run on the page's thread, where no Web Worker can start (a sandboxed
//! frame's document has an opaque origin, which cannot start one): `init.js`'s
//! `imbalanceLab.pageHost` imports it only then, for it is nearly as large as the page's own.
//! Messages go to it and its replies come back as across a worker, asynchronously both ways, so
//! the words, the decision panel, imports and training all work; long jobs pause the page.

use std::rc::Rc;

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::connection::Compute;
use super::{Client, Runs};
use leptos::prelude::*;

/// The module on the page's thread: loading (the messages wait), then its `receive`.
pub(super) struct Thread {
    receive: Option<Function>,
    waiting: Vec<JsValue>,
    /// Tells the module's side to stop forwarding replies (`reply` is about to be dropped).
    close: Option<Function>,
    _reply: Closure<dyn FnMut(JsValue)>,
}

impl Thread {
    pub(super) fn post(&mut self, message: &JsValue) {
        match &self.receive {
            Some(receive) => drop(receive.call1(&JsValue::NULL, message)),
            None => self.waiting.push(message.clone()),
        }
    }
}

impl Drop for Thread {
    fn drop(&mut self) {
        // A reply already scheduled would otherwise call a dropped closure.
        if let Some(close) = &self.close {
            let _ = close.call0(&JsValue::NULL);
        }
    }
}

/// `globalThis.imbalanceLab[name]` as a function, if there is one.
fn lab_function(on: &JsValue, name: &str) -> Option<Function> {
    Reflect::get(on, &name.into()).ok()?.dyn_into().ok()
}

impl Client {
    /// Loads the worker's module on the page's thread; until it is in, messages wait. If it
    /// cannot load, the page's own engine computes what it can (`fail`).
    pub(super) fn start_thread(self: &Rc<Self>) {
        let this = Rc::clone(self);
        let reply = Closure::<dyn FnMut(JsValue)>::new(move |m: JsValue| this.reply(&m));
        let lab = Reflect::get(&js_sys::global(), &"imbalanceLab".into()).unwrap_or_default();
        let load = lab_function(&lab, "pageHost")
            .and_then(|f| f.call1(&JsValue::NULL, reply.as_ref()).ok())
            .and_then(|p| p.dyn_into::<Promise>().ok());
        *self.compute.borrow_mut() = Compute::Thread(Thread {
            receive: None,
            waiting: Vec::new(),
            close: None,
            _reply: reply,
        });
        self.progress.runs.set(Runs::Thread);
        let this = Rc::clone(self);
        leptos::task::spawn_local(async move {
            let host = match load {
                Some(p) => JsFuture::from(p).await.ok(),
                None => None,
            };
            this.thread_loaded(host.as_ref());
        });
    }

    /// The module is in (`host`, with its `receive` and `close`) or could not load (`None`).
    fn thread_loaded(self: &Rc<Self>, host: Option<&JsValue>) {
        if !self.live() {
            return;
        }
        let receive = host.and_then(|h| lab_function(h, "receive"));
        let ok = match &mut *self.compute.borrow_mut() {
            // Torn down or failed meanwhile: nothing to do.
            Compute::Thread(t) if t.receive.is_none() => {
                t.close = host.and_then(|h| lab_function(h, "close"));
                t.receive = receive;
                for message in std::mem::take(&mut t.waiting) {
                    t.post(&message);
                }
                t.receive.is_some()
            }
            _ => return,
        };
        if !ok {
            self.fail();
        }
    }
}
