//! Importers: parse a shop's files into records, reporting what was kept and why
//! the rest was dropped. They write nothing; [`crate::Store::import`] writes a
//! parsed batch in one transaction.

pub mod jsonl;
pub mod online_retail;
pub mod taxonomy;

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use crate::{Error, Result};

/// Opens a file for reading, decompressing it when its name ends in `.gz`.
pub fn open(path: &Path) -> Result<(Box<dyn Read>, u64)> {
    let file = File::open(path).map_err(|e| Error::Read {
        path: path.display().to_string(),
        message: e.to_string(),
    })?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let reader: Box<dyn Read> = if path.extension().is_some_and(|e| e == "gz") {
        Box::new(flate2::read::MultiGzDecoder::new(BufReader::new(file)))
    } else {
        Box::new(BufReader::new(file))
    };
    Ok((reader, size))
}
