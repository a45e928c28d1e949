//! What the page asks the worker to do with a file, and its form on the wire.

use super::wire::{
    kind_code, kind_of, read_option, read_optional_text, write_option, write_optional_text,
};
use crate::features::import::parse::Overrides;
use crate::sim::engine::Reader;

/// What to do with a file: look at its first bytes (`detect`), or import it all. The file
/// travels beside the message.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportJob {
    /// The number the answer carries (and requests name the data set by; never 0, the
    /// synthetic scenario's).
    pub id: u32,
    /// Only detect: the page shows what was found before anything is imported.
    pub detect: bool,
    /// The reader's choices on top of detection.
    pub overrides: Overrides,
    /// The page's gamma and threshold: once the file is in, the worker computes its exact
    /// numbers for them while the page shows the preview, so the page's request finds them
    /// ready.
    pub settings: [f64; 2],
}

impl ImportJob {
    pub(crate) fn write(&self, out: &mut Vec<f64>) {
        let o = &self.overrides;
        out.push(f64::from(self.id));
        out.push(f64::from(u8::from(self.detect)));
        out.extend(self.settings);
        write_option(out, o.delimiter.map(u64::from));
        write_option(out, o.header.map(u64::from));
        write_option(out, o.label.map(|l| l as u64));
        write_option(out, o.kind.map(|k| kind_code(k) as u64));
        match &o.scores {
            None => out.push(0.0),
            Some(s) => {
                out.push(s.len() as f64 + 1.0);
                out.extend(s.iter().map(|&c| c as f64));
            }
        }
        write_optional_text(out, o.positive.as_deref());
    }

    pub(crate) fn read(v: &[f64]) -> Option<Self> {
        let mut r = Reader::new(v);
        let id = r.count()?;
        let detect = match r.whole()? {
            0 => false,
            1 => true,
            _ => return None,
        };
        let settings = [r.real()?, r.real()?];
        let delimiter = read_option(&mut r)?.map(u8::try_from).transpose().ok()?;
        let header = read_option(&mut r)?.map(|h| h == 1);
        let label = read_option(&mut r)?.map(|l| l as usize);
        let kind = match read_option(&mut r)? {
            None => None,
            Some(k) => Some(kind_of(k)?),
        };
        let scores = match r.whole()? {
            0 => None,
            n if n <= 3 => Some(
                (1..n)
                    .map(|_| r.whole().map(|c| c as usize))
                    .collect::<Option<Vec<_>>>()?,
            ),
            _ => return None,
        };
        let positive = read_optional_text(&mut r)?;
        let job = ImportJob {
            id,
            detect,
            settings,
            overrides: Overrides {
                delimiter,
                header,
                label,
                scores,
                positive,
                kind,
            },
        };
        r.end(job)
    }
}
