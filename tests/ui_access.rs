//! kittest: the article read through the accessibility tree, as a screen
//! reader gets it. Each visible paragraph is a `Paragraph` node named by its
//! text; each span in it a `Mark` child named by its label, its speaker and
//! its text. Paragraphs far below the window are not in the tree (the cost
//! per frame is what is on screen). Right-to-left text is given in logical
//! order, marked as right to left.
#![cfg(feature = "gui")]

mod common;

use egui::accesskit::{Role, TextDirection};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use quotebench::model::names;
use quotebench::ui::{QuotebenchApp, Workspace};

/// The window as it opens, with its fonts (Hebrew and Arabic letters too).
fn harness(app: QuotebenchApp) -> Harness<'static, QuotebenchApp> {
    let mut h = Harness::builder()
        .with_size([1280.0, 800.0])
        .with_accessibility_check(false)
        .build_eframe(move |cc| {
            quotebench::ui::fonts::install(&cc.egui_ctx);
            app
        });
    h.run();
    h
}

#[test]
fn the_sample_reads_as_paragraphs_and_spans_with_their_speakers() {
    let mut h = harness(QuotebenchApp::with_sample());
    let para = h.get_by_role_and_label(
        Role::Paragraph,
        "Commissioner Cressida Dick said she was aware of the controversy the proposals could cause.",
    );
    let speaker = para
        .children()
        .find(|n| n.accesskit_node().role() == Role::Mark)
        .expect("the speaker's span is a child of its paragraph");
    assert_eq!(
        speaker.accesskit_node().label().as_deref(),
        Some("Speaker, Cressida Dick: Commissioner Cressida Dick")
    );
    // The end of the article is far below the window: not in the tree.
    assert!(
        h.query_by_label_contains("Please refresh the page").is_none(),
        "paragraphs off screen are not exposed"
    );
    // Scrolled to Ms Dick's long quote: a quote says who said it, and the
    // start of what was said.
    let text = h.state().ws().document().expect("the sample").text().to_owned();
    let at = text[..text.find("The possible proposal").expect("in the sample")]
        .chars()
        .count();
    h.state_mut().view_mut().scroll_to_char(at);
    h.run();
    h.run();
    let quote = h.get_by_label_contains("Quote, said by Cressida Dick: The possible proposal here");
    assert_eq!(quote.accesskit_node().role(), Role::Mark);
    let name = quote.accesskit_node().label().expect("a name");
    assert!(name.ends_with('…'), "{name}");
    assert!(name.chars().count() < 110, "{name}");
    assert_eq!(
        quote.parent().map(|p| p.accesskit_node().role()),
        Some(Role::Paragraph),
        "a span sits in its paragraph"
    );
}

#[test]
fn right_to_left_paragraphs_are_read_in_logical_order() {
    const TEXT: &str = "Two scripts\n\
وقال الوزير إن الخطة 2030 ستنجح\n\
The minister said «مرحبا بكم» on Monday.";
    let p = common::one_document(
        "tester",
        "rtl",
        TEXT,
        vec![
            common::span(TEXT, "q1", names::QUOTE, "الخطة 2030 ستنجح"),
            common::span(TEXT, "s1", names::SPEAKER, "الوزير"),
            common::span(TEXT, "q2", names::QUOTE, "مرحبا بكم"),
        ],
        vec![common::said_by("r1", "q1", "s1")],
    );
    let h = harness(QuotebenchApp::with_workspace(Workspace::new(p, None)));
    let arabic = h.get_by_role_and_label(Role::Paragraph, "وقال الوزير إن الخطة 2030 ستنجح");
    assert_eq!(
        arabic.accesskit_node().text_direction(),
        Some(TextDirection::RightToLeft)
    );
    let spans: Vec<String> = arabic
        .children()
        .filter(|n| n.accesskit_node().role() == Role::Mark)
        .filter_map(|n| n.accesskit_node().label())
        .collect();
    assert!(
        spans.contains(&"Quote, said by الوزير: الخطة 2030 ستنجح".to_string()),
        "{spans:?}"
    );
    assert!(spans.contains(&"Speaker: الوزير".to_string()), "{spans:?}");
    let mixed = h.get_by_role_and_label(Role::Paragraph, "The minister said «مرحبا بكم» on Monday.");
    assert_eq!(
        mixed.accesskit_node().text_direction(),
        Some(TextDirection::LeftToRight)
    );
    assert!(
        mixed
            .children()
            .any(|n| n.accesskit_node().label().as_deref() == Some("Quote, no speaker: مرحبا بكم"))
    );
    // The one-line title has no spans: a paragraph node with no children.
    let title = h.get_by_role_and_label(Role::Paragraph, "Two scripts");
    assert_eq!(title.children().count(), 0);
    // Nothing named by reordered (visual) text.
    assert!(h.query_by_label_contains("ةطخلا").is_none());
}
