//! strata-web: the browser front end. The main thread renders (Yew); a dedicated Web Worker reads
//! the dropped `File` through [`file_reader::FileReader`] and runs `strata-core` over it, so the page
//! never blocks and the archive is never loaded whole.

pub mod csp;
pub mod file_reader;
pub mod i18n;
pub mod protocol;
pub mod state;
