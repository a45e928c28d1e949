//! Every message between the page and its workers, in one place: the page's requests to its
//! worker (`ToWorker`), the worker's replies (`FromWorker`), and the conversation of the worker
//! with a second one that reads half of a large file (`ToPart`, `FromPart`).
//!
//! On the wire a message is a list of numbers (`f64`, posted as a `Float64Array`) whose first
//! number is its `Tag`, from the one table below; replies that carry text or a file's piece
//! add bytes beside the numbers. What follows the tag is the message's payload, written and read
//! by its own type (a `Request`, a `DecideJob`...), which reads the whole rest or nothing. All of
//! it is pure and tested natively; `worker::js` only moves the numbers and bytes in and out of
//! JavaScript.

mod page;
mod part;

pub use page::{FromWorker, ToWorker};
pub use part::{FromPart, ToPart, scores_header, scores_of};

/// Declares the tags: explicit numbers, which the compiler keeps unique, and `Tag::ALL`.
macro_rules! tags {
    ($($(#[$doc:meta])* $tag:ident = $n:literal,)+) => {
        /// The kind of a message: the first number on the wire.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Tag {
            $($(#[$doc])* $tag = $n,)+
        }

        impl Tag {
            /// Every tag.
            pub const ALL: [Tag; [$($n),+].len()] = [$(Tag::$tag),+];
        }
    };
}

tags! {
    /// The page asks for the exact numbers of a request.
    Exact = 1,
    /// The page asks for the predictions file.
    Csv = 2,
    /// The share of the exact numbers' work done.
    Progress = 3,
    /// The exact numbers.
    Answer = 4,
    /// A piece of the predictions file.
    CsvPiece = 5,
    /// The predictions file is complete.
    CsvDone = 6,
    /// The page asks for every loss trained on a sample.
    Train = 7,
    /// A step of that training.
    TrainStep = 8,
    /// The page hands over a file to look at or import.
    Import = 9,
    /// The share of a file read.
    ImportProgress = 10,
    /// A file was imported.
    Imported = 11,
    /// An import failed, and why (text).
    ImportFailed = 12,
    /// What a look at a file's first bytes found.
    Detected = 13,
    /// The exact numbers of a data set the worker does not hold.
    NotHeld = 14,
    /// The page let go of its imported data set.
    Forget = 15,
    /// The page asks for the decision panel.
    Decide = 16,
    /// The decision panel, rendered (text).
    Decided = 17,
    /// The page asks for its words.
    Words = 18,
    /// The words, written (text).
    WordsWritten = 19,
    /// A worker asks a second one to read the part of a file from a byte on.
    Part = 20,
    /// The first worker is ready for the next class of the part's scores.
    Send = 21,
    /// Bytes of the part read so far.
    PartProgress = 22,
    /// The part is read and sorted (its scores follow), or what stopped it.
    PartRead = 23,
    /// A slice of the part's scores of one class of one model.
    Scores = 24,
    /// The page asks for every loss retrained on K samples.
    Spread = 25,
    /// One sample of that retraining, with the spread so far.
    SpreadSample = 26,
}

impl Tag {
    /// The tag as the first number of a message.
    pub fn number(self) -> f64 {
        f64::from(self as u8)
    }

    /// The tag a message starts with, if it is one.
    pub fn of(v: f64) -> Option<Tag> {
        Tag::ALL.into_iter().find(|t| t.number() == v)
    }

    /// Whether the bytes beside a reply's numbers are text the page reads (the rest are a
    /// file's piece, which stays in JavaScript, or nothing).
    pub fn carries_text(self) -> bool {
        matches!(self, Tag::ImportFailed | Tag::Decided | Tag::WordsWritten)
    }

    /// The tag and the rest of a message's numbers.
    pub fn split(v: &[f64]) -> Option<(Tag, &[f64])> {
        let (&first, rest) = v.split_first()?;
        Some((Tag::of(first)?, rest))
    }
}

/// The numbers of a message: its tag, then what `write` writes.
fn message(tag: Tag, write: impl FnOnce(&mut Vec<f64>)) -> Vec<f64> {
    let mut out = vec![tag.number()];
    write(&mut out);
    out
}
