//! A hand-written SVG chart: grouped horizontal bars of time ratios per
//! workload on a log scale, bars growing from 1.0.

use crate::ratios::Ratio;
use crate::results::Results;
use std::fmt::Write;

/// The ratios the chart shows, with their colours.
const CHARTED: [(Ratio, &str); 5] = [
    (Ratio::PlainOverRuby, "#4e79a7"),
    (Ratio::YjitOverRuby, "#bab0ac"),
    (Ratio::AotOverC, "#f28e2b"),
    (Ratio::WarmOverPlain, "#59a14f"),
    (Ratio::PlainCodeOverPg, "#b07aa1"),
];

/// The report's chart: each charted ratio for every workload.
pub fn ratio_chart(results: &Results) -> String {
    let names: Vec<String> = results
        .workloads
        .iter()
        .map(|w| w.workload.name.clone())
        .collect();
    let series: Vec<Series> = CHARTED
        .iter()
        .map(|&(ratio, color)| Series {
            label: ratio.heading(),
            color,
            values: results
                .workloads
                .iter()
                .map(|w| ratio.of(w).value())
                .collect(),
        })
        .collect();
    chart("naruby time ratios per workload", &names, &series)
}

/// One bar colour in every workload's group.
pub struct Series {
    pub label: String,
    pub color: &'static str,
    /// One value per workload, `None` where it was not measured.
    pub values: Vec<Option<f64>>,
}

const WIDTH: f64 = 960.0;
const LEFT: f64 = 170.0;
const RIGHT: f64 = 70.0;
const TOP: f64 = 78.0;
const BOTTOM: f64 = 56.0;
const BAR: f64 = 12.0;
const BAR_GAP: f64 = 2.0;
const GROUP_GAP: f64 = 14.0;

/// Decades shown: at least 0.1..10, with some room past the extreme values
/// for their labels.
fn decade_range(values: impl Iterator<Item = f64>) -> (i32, i32) {
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for v in values.filter(|v| v.is_finite() && *v > 0.0) {
        lo = lo.min(v.log10());
        hi = hi.max(v.log10());
    }
    if !lo.is_finite() {
        return (-1, 1);
    }
    let mut lo_exp = lo.floor() as i32;
    if lo - f64::from(lo_exp) < 0.3 {
        lo_exp -= 1;
    }
    let mut hi_exp = hi.ceil() as i32;
    if f64::from(hi_exp) - hi < 0.3 {
        hi_exp += 1;
    }
    (lo_exp.min(-1), hi_exp.max(1))
}

fn decade_label(exp: i32) -> String {
    if exp >= 0 {
        format!("{}", 10u64.pow(exp as u32))
    } else {
        format!("{:.*}", (-exp) as usize, 10f64.powi(exp))
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn value_label(v: f64) -> String {
    if v >= 100.0 {
        format!("{v:.0}")
    } else if v >= 0.1 {
        format!("{v:.2}")
    } else {
        format!("{v:.3}")
    }
}

/// Renders the chart for `workloads` (names, in order) and `series`.
pub fn chart(title: &str, workloads: &[String], series: &[Series]) -> String {
    let (lo_exp, hi_exp) = decade_range(
        series
            .iter()
            .flat_map(|s| s.values.iter().flatten().copied()),
    );
    let plot_width = WIDTH - LEFT - RIGHT;
    let x = |v: f64| {
        let v = v.clamp(10f64.powi(lo_exp), 10f64.powi(hi_exp));
        LEFT + (v.log10() - f64::from(lo_exp)) / f64::from(hi_exp - lo_exp) * plot_width
    };
    let bars = series.len().max(1) as f64;
    let group_height = bars * BAR + (bars - 1.0) * BAR_GAP + GROUP_GAP;
    let plot_height = group_height * workloads.len().max(1) as f64;
    let height = TOP + plot_height + BOTTOM;
    let bottom = TOP + plot_height;

    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" font-family="sans-serif" font-size="12">"#
    );
    let _ = writeln!(
        out,
        r#"<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="white"/>"#
    );
    let _ = writeln!(
        out,
        r#"<text x="{}" y="22" font-size="15" font-weight="bold" text-anchor="middle">{}</text>"#,
        WIDTH / 2.0,
        escape(title)
    );

    // Legend.
    let mut legend_x = LEFT;
    for s in series {
        let _ = writeln!(
            out,
            r#"<rect x="{legend_x}" y="38" width="12" height="12" fill="{}"/>"#,
            s.color
        );
        let _ = writeln!(
            out,
            r#"<text x="{}" y="48">{}</text>"#,
            legend_x + 17.0,
            escape(&s.label)
        );
        legend_x += 30.0 + 7.0 * s.label.chars().count() as f64;
    }

    // Alternate bands behind the workload groups, then the names.
    for (i, name) in workloads.iter().enumerate() {
        let y = TOP + group_height * i as f64;
        if i % 2 == 0 {
            let _ = writeln!(
                out,
                r##"<rect x="{}" y="{y}" width="{}" height="{group_height}" fill="#f3f3f3"/>"##,
                LEFT - 160.0,
                plot_width + 160.0
            );
        }
        let _ = writeln!(
            out,
            r#"<text x="{}" y="{}" text-anchor="end">{}</text>"#,
            LEFT - 8.0,
            y + (group_height - GROUP_GAP) / 2.0 + 4.0 + GROUP_GAP / 2.0,
            escape(name)
        );
    }

    // Grid: minor lines at 2..9 of each decade, labelled lines at decades.
    for exp in lo_exp..hi_exp {
        for step in 2..10 {
            let gx = x(f64::from(step) * 10f64.powi(exp));
            let _ = writeln!(
                out,
                r##"<line x1="{gx:.1}" y1="{TOP}" x2="{gx:.1}" y2="{bottom}" stroke="#e0e0e0"/>"##
            );
        }
    }
    for exp in lo_exp..=hi_exp {
        let gx = x(10f64.powi(exp));
        let (stroke, width) = if exp == 0 {
            ("#000000", 2)
        } else {
            ("#b0b0b0", 1)
        };
        let _ = writeln!(
            out,
            r#"<line x1="{gx:.1}" y1="{TOP}" x2="{gx:.1}" y2="{}" stroke="{stroke}" stroke-width="{width}"/>"#,
            bottom + 4.0
        );
        let _ = writeln!(
            out,
            r#"<text x="{gx:.1}" y="{}" text-anchor="middle">{}</text>"#,
            bottom + 18.0,
            decade_label(exp)
        );
    }
    let _ = writeln!(
        out,
        r#"<text x="{}" y="{}" text-anchor="middle">time ratio (log scale; left of 1 = first named is faster)</text>"#,
        LEFT + plot_width / 2.0,
        bottom + 40.0
    );

    // Bars from 1.0 to each value, with the value printed at the bar's end.
    let one = x(1.0);
    for (i, _) in workloads.iter().enumerate() {
        for (j, s) in series.iter().enumerate() {
            let y = TOP + GROUP_GAP / 2.0 + group_height * i as f64 + (BAR + BAR_GAP) * j as f64;
            let text_y = y + BAR - 2.0;
            match s.values.get(i).copied().flatten() {
                Some(v) if v.is_finite() && v > 0.0 => {
                    let end = x(v);
                    let (left, width) = (one.min(end), (end - one).abs().max(1.0));
                    let _ = writeln!(
                        out,
                        r#"<rect x="{left:.1}" y="{y}" width="{width:.1}" height="{BAR}" fill="{}"><title>{}: {}</title></rect>"#,
                        s.color,
                        escape(&s.label),
                        value_label(v)
                    );
                    let (tx, anchor) = if v >= 1.0 {
                        (end + 3.0, "start")
                    } else {
                        (end - 3.0, "end")
                    };
                    let _ = writeln!(
                        out,
                        r#"<text x="{tx:.1}" y="{text_y}" font-size="10" text-anchor="{anchor}">{}</text>"#,
                        value_label(v)
                    );
                }
                _ => {
                    let _ = writeln!(
                        out,
                        r##"<text x="{:.1}" y="{text_y}" font-size="10" fill="#888888">n/a</text>"##,
                        one + 4.0
                    );
                }
            }
        }
    }
    out.push_str("</svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Checks that every element is closed in order (a tiny XML tag matcher).
    fn assert_balanced(svg: &str) {
        let mut open: Vec<String> = Vec::new();
        let mut rest = svg;
        while let Some(start) = rest.find('<') {
            let end = rest[start..].find('>').expect("unterminated tag") + start;
            let tag = &rest[start + 1..end];
            let name: String = tag
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            if let Some(closing) = tag.strip_prefix('/') {
                assert_eq!(
                    open.pop().as_deref(),
                    Some(closing.trim()),
                    "mismatched </{closing}>"
                );
            } else if !tag.ends_with('/') {
                open.push(name);
            }
            rest = &rest[end + 1..];
        }
        assert!(open.is_empty(), "unclosed: {open:?}");
    }

    fn sample() -> String {
        let names = vec![
            "prime".to_string(),
            "fib<&>".to_string(),
            "sieve".to_string(),
        ];
        let series = vec![
            Series {
                label: "plain/CRuby".into(),
                color: "#4e79a7",
                values: vec![Some(0.26), Some(0.5), None],
            },
            Series {
                label: "AOT/C -O3".into(),
                color: "#f28e2b",
                values: vec![Some(1.02), Some(2.4), Some(0.9)],
            },
            Series {
                label: "store warm/plain".into(),
                color: "#59a14f",
                values: vec![Some(0.04), None, Some(300.0)],
            },
        ];
        chart("ratios", &names, &series)
    }

    #[test]
    fn chart_is_well_formed_and_complete() {
        let svg = sample();
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.contains("viewBox=\"0 0 960 "));
        assert!(svg.contains("font-family=\"sans-serif\""));
        assert!(!svg.contains("<script"));
        assert_balanced(&svg);
        for name in [
            "prime",
            "fib&lt;&amp;&gt;",
            "sieve",
            "plain/CRuby",
            "AOT/C -O3",
        ] {
            assert!(svg.contains(name), "missing {name}");
        }
        // 0.04 and 300 widen the axis to 0.01..1000.
        for tick in [">0.01<", ">0.1<", ">1<", ">10<", ">100<", ">1000<"] {
            assert!(svg.contains(tick), "missing tick {tick}");
        }
        assert!(svg.contains(">n/a<"));
    }

    #[test]
    fn axis_covers_at_least_a_decade_each_side() {
        assert_eq!(decade_range([1.0].into_iter()), (-1, 1));
        assert_eq!(decade_range(std::iter::empty()), (-1, 1));
        assert_eq!(decade_range([0.26, 3.5].into_iter()), (-1, 1));
        assert_eq!(decade_range([0.011, 95.0].into_iter()), (-3, 3));
        assert_eq!(decade_range([0.04, 300.0].into_iter()), (-2, 3));
    }

    #[test]
    fn ratio_chart_shows_the_pg_speedup() {
        use crate::fixtures::sample;
        use crate::modes::Mode;
        use crate::suite::Group;
        let results = Results {
            workloads: vec![sample(
                "chain10",
                Group::Other,
                &[(Mode::StorePlain, 0.9), (Mode::Pg, 0.3)],
            )],
            startup: None,
            l2: None,
        };
        let svg = ratio_chart(&results);
        assert_balanced(&svg);
        assert!(svg.contains(">store plain code/--pg (2nd run)<"), "{svg}");
        assert!(
            svg.contains("<title>store plain code/--pg (2nd run): 3.00</title>"),
            "{svg}"
        );
    }
}
