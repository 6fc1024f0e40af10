use quotebench::format::*;
#[test]
fn probe() {
    let s = quotebench::SAMPLE_PROJECT;
    let bad = s.replacen(r#"(id: "sample-c02""#, r#"(id: "sample-c01""#, 1);
    let l = parse_project(&bad, "f").unwrap();
    for p in &l.problems {
        eprintln!("{p}");
    }
    eprintln!(
        "c01 first line {}",
        s.lines()
            .position(|l| l.contains("\"sample-c01\", label"))
            .unwrap()
            + 1
    );
    eprintln!(
        "c02 line {}",
        s.lines()
            .position(|l| l.contains("\"sample-c02\", label"))
            .unwrap()
            + 1
    );
}
