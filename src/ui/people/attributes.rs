//! The person attributes in the tag set editor (issue 14): one line,
//! `gender=woman|man|non-binary|unknown, role`, read as the relation
//! attributes are (a name alone is free text; `name=a|b` lists the values).

use egui::{RichText, Ui};

use crate::model::{AttributeDef, TagSet};
use crate::ui::relation_attributes::{format_definitions, parse_definitions};

/// The line for the tag set's person attributes.
pub fn text_of(tags: &TagSet) -> String {
    format_definitions(&tags.person_attributes)
}

/// The person attributes a line defines.
pub fn parse(text: &str) -> Vec<AttributeDef> {
    parse_definitions(text)
}

/// The editor's row; "Defaults" fills in the default tag set's (gender, role).
pub fn definitions_ui(ui: &mut Ui, text: &mut String) {
    ui.separator();
    ui.label(RichText::new("Person attributes").strong()).on_hover_text(
        "What the people register records for each person, e.g. gender=woman|man, role: a name alone is free text",
    );
    ui.horizontal(|ui| {
        ui.add(
            egui::TextEdit::singleline(text)
                .hint_text("gender=woman|man|non-binary, role")
                .desired_width(300.0)
                .id_salt("person_attribute_definitions"),
        );
        if ui
            .button("Defaults")
            .on_hover_text("The default tag set's person attributes")
            .clicked()
        {
            *text = text_of(&TagSet::default());
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_line_reads_back_as_the_default_attributes() {
        let t = TagSet::default();
        let names: Vec<&str> = t.person_attributes.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["gender", "role"]);
        assert_eq!(parse(&text_of(&t)), t.person_attributes);
    }
}
