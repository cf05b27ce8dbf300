//! `capstan show chart|values|readme|crds|all`.

use crate::chart::Chart;
use crate::values::yaml;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShowWhat {
    All,
    Chart,
    Values,
    Readme,
    Crds,
}

/// Chart.yaml as Helm prints it (re-marshalled metadata).
pub fn chart_yaml(ch: &Chart) -> String {
    yaml::to_yaml(&ch.metadata.to_value(true))
}

/// The text `helm show WHAT` prints for a loaded chart.
pub fn run(ch: &Chart, what: ShowWhat) -> String {
    let all = what == ShowWhat::All;
    let mut out = String::new();
    if what == ShowWhat::Chart || all {
        out.push_str(&chart_yaml(ch));
        out.push('\n');
    }
    if let (ShowWhat::Values | ShowWhat::All, Some(v)) = (what, ch.raw_values()) {
        if all {
            out.push_str("---\n");
        }
        out.push_str(&String::from_utf8_lossy(v));
        out.push('\n');
    }
    if let (ShowWhat::Readme | ShowWhat::All, Some(r)) = (what, ch.readme()) {
        if all {
            out.push_str("---\n");
        }
        out.push_str(&String::from_utf8_lossy(&r.data));
        out.push('\n');
    }
    if what == ShowWhat::Crds || all {
        for (_, f) in ch.crd_objects() {
            if !f.data.starts_with(b"---") {
                out.push_str("---\n");
            }
            out.push_str(&String::from_utf8_lossy(&f.data));
            out.push('\n');
        }
    }
    out
}
