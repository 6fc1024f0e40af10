//! kittest: File > Import… and Export… run off the UI thread and land in the window.
#![cfg(feature = "gui")]

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use quotebench::ui::QuotebenchApp;

fn harness(app: QuotebenchApp) -> Harness<'static, QuotebenchApp> {
    Harness::builder()
        .with_size([1280.0, 800.0])
        .with_accessibility_check(false)
        .allow_missing_glyphs()
        .build_eframe(move |_cc| app)
}

/// Steps the app until the running job has finished.
fn finish_job(h: &mut Harness<'_, QuotebenchApp>) {
    for _ in 0..500 {
        h.step();
        if !h.state().job_running() {
            h.run_steps(2);
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    panic!("the job did not finish");
}

#[test]
fn import_a_brat_folder_then_export_csv() {
    let dir = tempfile::tempdir().expect("temp dir");
    let brat = dir.path().join("brat");
    std::fs::create_dir(&brat).expect("mkdir");
    std::fs::write(brat.join("a.txt"), "Ms Dick said “we act now” 😀 today.\n").expect("txt");
    std::fs::write(
        brat.join("a.ann"),
        "T1\tSource 0 7\tMs Dick\nT2\tCue 8 12\tsaid\nT3\tContent 14 24\twe act now\nT4\tAttribution 8 12\tsaid\n\
         E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\nbroken line here\n",
    )
    .expect("ann");

    let mut h = harness(QuotebenchApp::with_sample());
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::I);
    h.run();
    h.get_by_label("Import annotations");
    // The paths field (typing into it is covered by egui; set it directly).
    h.state_mut().import_dialog_mut().expect("dialog open").paths = brat.display().to_string();
    h.run();
    h.get_by_label("PolNeAR").click();
    h.run();
    h.get_by_label("Import").click();
    h.step();
    finish_job(&mut h);

    assert!(
        h.state().error().is_none(),
        "{:?} / {}",
        h.state().error(),
        h.state().message()
    );
    let d = h.state().ws().document().expect("imported document");
    assert_eq!(d.text(), "Ms Dick said “we act now” 😀 today.\n");
    let quote = d
        .annotations()
        .find(|a| a.label == "Quote")
        .expect("Content became Quote");
    assert_eq!(quote.covered_text(), "we act now");
    assert_eq!(d.person_of_quote(&quote.id).as_deref(), Some("Ms Dick"));
    assert!(h.state().ws().is_dirty());
    let notice = h.state().notice().expect("the malformed line is reported");
    assert!(notice.contains("a.ann:6"), "{notice}");

    // Export the quotes table.
    h.state_mut().dismiss_notice();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::E);
    h.run();
    let out = dir.path().join("quotes.csv");
    let field = h
        .get_all_by_role(egui::accesskit::Role::TextInput)
        .find(|n| n.value().is_some_and(|v| v.ends_with(".csv")))
        .expect("output field");
    field.focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(egui::Event::Text(out.display().to_string()));
    h.run();
    h.get_by_label("Export").click();
    h.step();
    finish_job(&mut h);
    let csv = std::fs::read_to_string(&out).expect("csv written");
    assert!(csv.contains("we act now") && csv.contains("Ms Dick"), "{csv}");
    assert!(
        h.state().message().starts_with("Exported"),
        "{}",
        h.state().message()
    );
}

/// The combo box showing `value`.
fn combo<'h>(h: &'h Harness<'_, QuotebenchApp>, value: &str) -> egui_kittest::Node<'h> {
    h.get_all_by_role(egui::accesskit::Role::ComboBox)
        .find(|n| n.value().as_deref() == Some(value))
        .unwrap_or_else(|| panic!("a combo box showing {value:?}"))
}

/// Issue 15: the dialogs list every format of the table, the new bridges
/// included, and an export chosen in the dialog writes that format.
#[test]
fn the_dialogs_offer_the_bridges_and_export_a_docbin() {
    use quotebench::format::interchange::{ExportFormat, FORMATS, ImportFormat, read_docbin};

    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = harness(QuotebenchApp::with_sample());
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::I);
    h.run();
    combo(&h, "Guess from the files").click();
    h.run();
    for name in ["xmi", "label-studio", "citron", "ggt"] {
        let row = FORMATS.iter().find(|f| f.name == name).expect("in the table");
        assert!(row.import_format().is_some(), "{name} imports");
        h.get_by_label(row.title);
    }
    assert_eq!(ImportFormat::all().count(), 7);
    h.key_press(Key::Escape);
    h.run();
    h.key_press(Key::Escape);
    h.run();

    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::E);
    h.run();
    // The format's combo box shows one of the table's titles.
    let titles: Vec<&str> = ExportFormat::all().map(|f| f.info().title).collect();
    let shown = h
        .get_all_by_role(egui::accesskit::Role::ComboBox)
        .find_map(|n| n.value().filter(|v| titles.contains(&v.as_str())))
        .expect("the export format's combo box");
    combo(&h, &shown).click();
    h.run();
    for name in ["xmi", "spacy", "label-studio"] {
        let row = FORMATS.iter().find(|f| f.name == name).expect("in the table");
        assert!(row.export_format().is_some(), "{name} exports");
        h.get_by_label(row.title);
    }
    h.get_by_label(ExportFormat::Spacy.info().title).click();
    h.run();
    let out = dir.path().join("sample.spacy");
    let field = h
        .get_all_by_role(egui::accesskit::Role::TextInput)
        .find(|n| n.value().is_some_and(|v| v.ends_with(".spacy")))
        .expect("the proposed file ends in .spacy");
    field.focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(egui::Event::Text(out.display().to_string()));
    h.run();
    h.get_by_label("Export").click();
    h.step();
    finish_job(&mut h);
    assert!(
        h.state().message().starts_with("Exported"),
        "{}",
        h.state().message()
    );
    let docs = read_docbin(&std::fs::read(&out).expect("written")).expect("a DocBin");
    let doc = h.state().ws().document().expect("sample");
    assert_eq!(docs[0].text, doc.text());
    assert_eq!(
        docs[0].spans.len(),
        doc.annotations().map(|a| a.fragments.len()).sum::<usize>()
    );
}
