//! UIMA CAS XMI, the format of INCEpTION, WebAnno, DKPro and cassis.
//!
//! Written: a folder with `TypeSystem.xml` and one `NAME.xmi` per document,
//! in INCEpTION's conventions for custom layers: each label a span type
//! `webanno.custom.LABEL` (a subtype of `uima.tcas.Annotation`) with the
//! label's attributes as string features; each relation kind a relation
//! type `webanno.custom.KIND` with `Governor` (our `from`) and `Dependent`
//! (our `to`), its `begin`/`end` those of the dependent, as DKPro's
//! relations have them. The text is the `_InitialView` `uima.cas.Sofa`; a
//! `DocumentMetaData` holds the document's id and title; every
//! feature structure has an `xmi:id` and the view lists its members.
//!
//! XMI offsets count UTF-16 code units (Java's strings): converted exactly
//! ([`Utf16Offsets`]), so an emoji moves every later offset by two.
//!
//! INCEpTION cannot hold a discontinuous span: such an annotation becomes
//! one span per fragment, each with the annotation's features, linked in
//! order by `webanno.custom.NextPart` relations (Governor: a part,
//! Dependent: the next); its relations go from and to its first part. On
//! import the parts are put back together.
//!
//! Read: any XMI (ours, INCEpTION's exports, DKPro's): span types of any
//! namespace but DKPro's segmentation and metadata, relation types are
//! those with `Governor` and `Dependent`; a label is the type's short name
//! (DKPro's `NamedEntity`: its `value`), renamed by the label map, so that
//! `--map Quotation=Quote` imports a project's own layer names.

mod names;
mod read;
mod typesystem;
mod utf16;
mod write;

pub(super) use read::import;
pub(super) use write::export;

/// The namespace of `xmi:` names.
const XMI_NS: &str = "http://www.omg.org/XMI";
/// The namespace of `cas:` types (`Sofa`, `View`, `NULL`).
const CAS_NS: &str = "http:///uima/cas.ecore";
/// INCEpTION's custom layers: types `webanno.custom.*`.
const CUSTOM_NS: &str = "http:///webanno/custom.ecore";
const CUSTOM_PACKAGE: &str = "webanno.custom";
/// DKPro's document metadata.
const METADATA_NS: &str = "http:///de/tudarmstadt/ukp/dkpro/core/api/metadata/type.ecore";
const METADATA_TYPE: &str = "de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData";
/// The relation type that links the parts of a discontinuous annotation.
const NEXT_PART: &str = "NextPart";
