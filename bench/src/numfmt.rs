//! Number formatting shared by the report, the targets and the chart.

use crate::stats::Stats;

/// Decimal places that show `x` with three significant digits.
fn decimals_for_3_significant(x: f64) -> usize {
    if x == 0.0 || !x.is_finite() {
        return 3;
    }
    let magnitude = x.abs().log10().floor() as i32;
    let places = (2 - magnitude).max(0) as usize;
    // Rounding may carry into a new digit (0.9996 -> 1.000): one place fewer.
    let rounded: f64 = format!("{:.*}", places, x.abs()).parse().unwrap_or(0.0);
    if places > 0 && rounded >= 10f64.powi(magnitude + 1) {
        places - 1
    } else {
        places
    }
}

/// `x` with three significant digits (integers of four or more digits are
/// printed whole).
pub fn sig3(x: f64) -> String {
    format!("{:.*}", decimals_for_3_significant(x), x)
}

/// A timing as `median ±half-range`, both at the median's precision.
pub fn time_with_spread(stats: &Stats) -> String {
    let places = decimals_for_3_significant(stats.median);
    format!(
        "{:.*} ±{:.*}",
        places,
        stats.median,
        places,
        stats.half_range()
    )
}

/// A ratio with two decimals; tiny ratios keep two significant digits
/// instead of collapsing to `0.00`.
pub fn ratio(x: f64) -> String {
    if x > 0.0 && x < 0.005 {
        let places = (1 - x.log10().floor() as i32).max(2) as usize;
        format!("{:.*}", places, x)
    } else {
        format!("{x:.2}")
    }
}

/// Milliseconds with one decimal and an explicit sign.
pub fn signed_ms(ms: f64) -> String {
    format!("{ms:+.1}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_significant_digits() {
        assert_eq!(sig3(0.25431), "0.254");
        assert_eq!(sig3(2.5431), "2.54");
        assert_eq!(sig3(25.431), "25.4");
        assert_eq!(sig3(254.31), "254");
        assert_eq!(sig3(2543.1), "2543");
        assert_eq!(sig3(0.0012345), "0.00123");
        assert_eq!(sig3(0.99996), "1.00");
        assert_eq!(sig3(9.9996), "10.0");
    }

    #[test]
    fn spread_uses_median_precision() {
        let stats = Stats {
            median: 0.2543,
            min: 0.2501,
            max: 0.2601,
            samples: 3,
        };
        assert_eq!(time_with_spread(&stats), "0.254 ±0.005");
    }

    #[test]
    fn ratios_and_milliseconds() {
        assert_eq!(ratio(0.256), "0.26");
        assert_eq!(ratio(12.0), "12.00");
        assert_eq!(ratio(0.0012), "0.0012");
        assert_eq!(signed_ms(12.34), "+12.3");
        assert_eq!(signed_ms(-3.0), "-3.0");
    }
}
