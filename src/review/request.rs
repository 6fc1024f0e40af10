//! What a reviewer asks to compare (Review > Compare with…, or
//! `quotebench compare`): colleagues' files, and how the open project takes
//! part. A plain value, so that the dialog, the command line and the tests
//! all ask the same way.

use std::path::PathBuf;

use super::error::ReviewError;
use crate::format::interchange::{LabelMap, paths_field};

#[derive(Clone, Debug, PartialEq)]
pub struct CompareRequest {
    /// Colleagues' project files, brat folders or `.ann` files.
    pub paths: Vec<PathBuf>,
    /// The open project is one of the annotators (ignored when the open
    /// project is a gold project: then its review is resumed).
    pub include_open: bool,
    /// How brat labels are renamed.
    pub map: LabelMap,
}

impl CompareRequest {
    /// From the dialog's fields: one path a line; map items `FROM=TO` (or
    /// `polnear`) separated by commas or lines.
    pub fn parse(paths: &str, map: &str, include_open: bool) -> Result<Self, ReviewError> {
        let paths = paths_field(paths);
        if paths.is_empty() {
            return Err(ReviewError::NoPaths);
        }
        let map = LabelMap::parse_field(map)?;
        Ok(CompareRequest {
            paths,
            include_open,
            map,
        })
    }
}
