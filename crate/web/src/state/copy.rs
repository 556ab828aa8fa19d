//! Asking for a copy of a file: what the file panel asks the file worker for, what comes back,
//! and the callback the app hands down (the panel never touches the worker itself).

use std::rc::Rc;
use yew::Callback;

/// One copy to read: entry `entry` of layer `layer` of image `image`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyAsk {
    /// The image.
    pub image: usize,
    /// The layer holding the bytes.
    pub layer: usize,
    /// The entry's path in that layer.
    pub entry: String,
    /// How many leading bytes to show.
    pub keep: u64,
    /// `Some(file name)`: save the whole copy as a download instead.
    pub download: Option<String>,
}

/// What came back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CopyAnswer {
    /// The copy: its size, the sha256 of all of it (hex), its first bytes.
    Read {
        /// The copy's size.
        size: u64,
        /// Its sha256, hex.
        sha256: String,
        /// Its first bytes.
        head: Rc<Vec<u8>>,
    },
    /// It could not be read, and why.
    Failed(String),
}

/// Reads a copy and calls back with the answer (given by the app: the file worker in a browser).
#[derive(Clone)]
pub struct ReadCopy(pub Rc<dyn Fn(CopyAsk, Callback<CopyAnswer>)>);

impl ReadCopy {
    /// Asks for `ask`; `done` gets the answer.
    pub fn ask(&self, ask: CopyAsk, done: Callback<CopyAnswer>) {
        (self.0)(ask, done)
    }
}

impl PartialEq for ReadCopy {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}
