//! The squarified treemap layout (Bruls, Huizing, van Wijk, "Squarified Treemaps", 2000): a
//! rectangle split into one rectangle per value, each with an area proportional to its value and
//! an aspect ratio as close to 1 as the greedy row-by-row algorithm gets.
//!
//! Values are laid out in the order given (callers sort them largest first, as the algorithm
//! expects); rows run along the rectangle's shorter side. The areas are exact in `f64`; the
//! rectangles tile the input without gaps or overlaps.

use crate::geom::Rect;

/// One rectangle per value, in the order of `values`, tiling `area` (values ≤ 0 get an empty
/// rectangle at the corner of what is left).
pub fn squarify(values: &[u64], area: Rect) -> Vec<Rect> {
    let total: f64 = values.iter().map(|&v| v as f64).sum();
    let (mut x, mut y, mut w, mut h) = (area.x as f64, area.y as f64, area.w as f64, area.h as f64);
    let mut out = Vec::with_capacity(values.len());
    if total <= 0.0 || w <= 0.0 || h <= 0.0 {
        return values.iter().map(|_| Rect::new(area.x, area.y, 0.0, 0.0)).collect();
    }
    let scale = w * h / total;
    let areas: Vec<f64> = values.iter().map(|&v| v as f64 * scale).collect();
    let mut i = 0;
    while i < areas.len() {
        let short = w.min(h);
        let mut j = i + 1;
        let mut best = worst(areas.get(i..j).unwrap_or(&[]), short);
        while j < areas.len() {
            let next = worst(areas.get(i..j + 1).unwrap_or(&[]), short);
            if next > best {
                break;
            }
            best = next;
            j += 1;
        }
        let row = areas.get(i..j).unwrap_or(&[]);
        let sum: f64 = row.iter().sum();
        // The last row takes what is left, so rounding never leaves a sliver.
        let last = j == areas.len();
        if w >= h {
            // A column at the left, as wide as the row's area over the height.
            let thick = if last || h <= 0.0 { w } else { (sum / h).min(w) };
            let mut yy = y;
            for (n, a) in row.iter().enumerate() {
                let hh = if n + 1 == row.len() {
                    y + h - yy
                } else if thick > 0.0 {
                    a / thick
                } else {
                    0.0
                };
                out.push(Rect::new(x as f32, yy as f32, thick as f32, hh.max(0.0) as f32));
                yy += hh;
            }
            x += thick;
            w -= thick;
        } else {
            let thick = if last || w <= 0.0 { h } else { (sum / w).min(h) };
            let mut xx = x;
            for (n, a) in row.iter().enumerate() {
                let ww = if n + 1 == row.len() {
                    x + w - xx
                } else if thick > 0.0 {
                    a / thick
                } else {
                    0.0
                };
                out.push(Rect::new(xx as f32, y as f32, ww.max(0.0) as f32, thick as f32));
                xx += ww;
            }
            y += thick;
            h -= thick;
        }
        i = j;
    }
    out
}

/// The worst aspect ratio of a row of areas laid along a side of length `side`.
fn worst(row: &[f64], side: f64) -> f64 {
    let sum: f64 = row.iter().sum();
    let (min, max) = row.iter().fold((f64::INFINITY, 0.0f64), |(lo, hi), &a| (lo.min(a), hi.max(a)));
    if sum <= 0.0 || min <= 0.0 || side <= 0.0 {
        return f64::INFINITY;
    }
    let (s2, w2) = (sum * sum, side * side);
    (w2 * max / s2).max(s2 / (w2 * min))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn area(r: &Rect) -> f64 {
        r.w as f64 * r.h as f64
    }

    #[test]
    fn the_papers_example_tiles_the_rectangle_in_proportion() {
        // Bruls et al.'s example: 6×4 split into 6 6 4 3 2 2 1.
        let values = [6, 6, 4, 3, 2, 2, 1];
        let rects = squarify(&values, Rect::new(0.0, 0.0, 6.0, 4.0));
        assert_eq!(rects.len(), 7);
        for (v, r) in values.iter().zip(&rects) {
            assert!((area(r) - *v as f64).abs() < 1e-3, "{v}: {r:?}");
        }
        // The first two share the left column, 3 wide.
        assert!((rects[0].w - 3.0).abs() < 1e-4 && (rects[1].w - 3.0).abs() < 1e-4, "{:?}", &rects[..2]);
        for (a, ra) in rects.iter().enumerate() {
            for rb in rects.iter().skip(a + 1) {
                assert!(!ra.overlaps(rb), "{ra:?} {rb:?}");
            }
        }
    }

    #[test]
    fn skewed_values_stay_proportional_and_inside() {
        let values: Vec<u64> = (0..200u64).map(|i| 1_000_000 / (i + 1).pow(2) + 7).collect();
        let outer = Rect::new(10.0, 20.0, 952.0, 560.0);
        let rects = squarify(&values, outer);
        let total: u64 = values.iter().sum();
        let scale = area(&outer) / total as f64;
        for (v, r) in values.iter().zip(&rects) {
            assert!((area(r) - *v as f64 * scale).abs() <= 0.01 * (*v as f64 * scale) + 0.5, "{v}: {r:?}");
            assert!(r.x >= outer.x - 0.01 && r.right() <= outer.right() + 0.01, "{r:?}");
            assert!(r.y >= outer.y - 0.01 && r.bottom() <= outer.bottom() + 0.01, "{r:?}");
        }
        let sum: f64 = rects.iter().map(area).sum();
        assert!((sum - area(&outer)).abs() < 1.0, "tiles without gaps: {sum}");
        assert!(squarify(&[0, 0], outer).iter().all(|r| r.w == 0.0));
    }
}
