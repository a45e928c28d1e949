//! Importing a file: the look at its first bytes, the import itself, and the worker's replies
//! about both. The parser lives in the worker's module only, so where neither a worker nor that
//! module on the page's thread can run, nothing can be imported (the page says so).

use web_sys::Blob;

use leptos::prelude::*;

use super::connection::{Compute, NO_IMPORT};
use super::{Client, ImportStatus, client};
use crate::features::import::parse::Overrides;
use crate::features::import::worker::ImportJob;
use crate::features::import::worker::{Detection, ImportSummary};
use crate::protocol::ToWorker;
use crate::worker::js::{to_js, with_file};

/// Sends a file (or pasted text, as a Blob) to the worker: `detect` looks at its first bytes
/// and answers with what it found (`Progress::detection`); otherwise the whole file is imported
/// and then shown instead of the synthetic scenario.
pub fn send_file(file: &Blob, name: &str, detect: bool, overrides: Overrides) {
    let Some(c) = client() else { return };
    let id = c.jobs.get() + 1;
    c.jobs.set(id);
    if detect {
        c.detecting.set(id);
        c.progress.import.set(ImportStatus::Idle);
    } else {
        c.detecting.set(0);
        c.importing.set(id);
        *c.import_name.borrow_mut() = name.to_string();
        c.progress.import.set(ImportStatus::Reading(0.0));
    }
    c.try_worker();
    let settings = c.page.scenario.with_untracked(|s| [s.gamma, s.threshold]);
    let job = ImportJob {
        id,
        detect,
        overrides,
        settings,
    };
    let message = with_file(&ToWorker::Import(job).encode(), file);
    match &*c.compute.borrow() {
        // An import is posted once the page has painted what the click changed: two workers
        // then take both cores, and a frame painted beside them takes longer than 50 ms.
        Compute::Worker { worker: w, .. } if !detect => {
            let w = w.clone();
            request_animation_frame(move || {
                set_timeout(
                    move || {
                        let _ = w.post_message(&message);
                    },
                    std::time::Duration::ZERO,
                )
            });
        }
        Compute::Worker { worker: w, .. } => {
            let _ = w.post_message(&message);
        }
        Compute::Here(_) => {
            c.detecting.set(0);
            c.importing.set(0);
            c.progress
                .import
                .set(ImportStatus::Failed(NO_IMPORT.into()));
        }
    }
}

/// Tells the worker to let go of the imported data set (the page went back to the synthetic
/// scenario): up to hundreds of megabytes for a large file.
pub fn forget_data() {
    if let Some(c) = client()
        && let Compute::Worker { worker: w, .. } = &*c.compute.borrow()
    {
        let _ = w.post_message(&to_js(&ToWorker::Forget));
    }
}

/// Forgets the file the reader was looking at: a look still on its way is dropped.
pub fn forget_file() {
    if let Some(c) = client() {
        c.detecting.set(0);
        c.progress.detection.set(None);
    }
}

impl Client {
    /// What the worker found in a file's first bytes, if it is the newest look's.
    pub(super) fn detected(&self, d: Detection) {
        if d.id == self.detecting.get() {
            self.progress.detection.set(Some(d));
        }
    }

    /// The share of a file read, if it is the newest import's.
    pub(super) fn import_progress(&self, id: u32, p: f64) {
        if id == self.importing.get() {
            self.progress.import.set(ImportStatus::Reading(p));
        }
    }

    /// A file imported: shown, if it is the newest import's.
    pub(super) fn imported(&self, summary: ImportSummary) {
        if summary.id == self.importing.replace(0) {
            self.progress.import.set(ImportStatus::Idle);
            self.page.show_import(summary, self.import_name.take());
        }
    }

    /// A look or an import that failed, and why.
    pub(super) fn import_failed(&self, id: u32, message: String) {
        // 0: a reply about some file that could not be read.
        if id == 0 || id == self.importing.get() || id == self.detecting.get() {
            self.importing.set(0);
            self.progress.import.set(ImportStatus::Failed(message));
        }
    }

    /// Imported predictions the engine no longer holds: back to the synthetic scenario, saying
    /// why; a look or an import under way ends with the same words.
    pub(super) fn lose_import(&self, why: &str) {
        let lost = self.page.data.with_untracked(Option::is_some);
        let importing = self.importing.replace(0) != 0;
        let pending = self.detecting.replace(0) != 0 || importing;
        if lost || pending {
            self.progress.detection.set(None);
            self.progress.import.set(ImportStatus::Failed(why.into()));
        }
        if lost {
            self.page.back_to_synthetic();
        }
    }
}
