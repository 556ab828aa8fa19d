//! Points, boxes and the two parallel projections the figures use.
//!
//! - [`Oblique`] (cabinet projection): a box's front face stays an upright rectangle and its depth
//!   recedes up and to the right; text on the front face stays unskewed, as in the textbook's
//!   stacks of plates (figs 6.3–6.7).
//! - [`Isometric`]: x and y recede at ±30°, z is up; the system's view of stacked layers over one
//!   plane (fig 6.8).

/// A point on the canvas (y grows downwards, as in SVG).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    /// Horizontal position.
    pub x: f32,
    /// Vertical position.
    pub y: f32,
}

/// A point.
pub fn pt(x: f32, y: f32) -> Point {
    Point { x, y }
}

/// An axis-aligned rectangle.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    /// Left.
    pub x: f32,
    /// Top.
    pub y: f32,
    /// Width.
    pub w: f32,
    /// Height.
    pub h: f32,
}

impl Rect {
    /// A rectangle from its left, top, width and height.
    pub fn new(x: f32, y: f32, w: f32, h: f32) -> Rect {
        Rect { x, y, w, h }
    }

    /// Right edge.
    pub fn right(&self) -> f32 {
        self.x + self.w
    }

    /// Bottom edge.
    pub fn bottom(&self) -> f32 {
        self.y + self.h
    }

    /// Whether the two overlap (touching edges do not count).
    pub fn overlaps(&self, o: &Rect) -> bool {
        self.x < o.right() - 0.01
            && o.x < self.right() - 0.01
            && self.y < o.bottom() - 0.01
            && o.y < self.bottom() - 0.01
    }

    /// Whether `o` lies inside this rectangle (with a small tolerance).
    pub fn contains(&self, o: &Rect) -> bool {
        o.x >= self.x - 0.01
            && o.y >= self.y - 0.01
            && o.right() <= self.right() + 0.01
            && o.bottom() <= self.bottom() + 0.01
    }

    /// The smallest rectangle holding both.
    pub fn union(&self, o: &Rect) -> Rect {
        let (x, y) = (self.x.min(o.x), self.y.min(o.y));
        Rect::new(x, y, self.right().max(o.right()) - x, self.bottom().max(o.bottom()) - y)
    }

    /// The rectangle holding `points` (an empty one at the origin for none).
    pub fn around(points: &[Point]) -> Rect {
        let Some(first) = points.first() else { return Rect::new(0.0, 0.0, 0.0, 0.0) };
        let (mut x0, mut y0, mut x1, mut y1) = (first.x, first.y, first.x, first.y);
        for p in points {
            (x0, y0, x1, y1) = (x0.min(p.x), y0.min(p.y), x1.max(p.x), y1.max(p.y));
        }
        Rect::new(x0, y0, x1 - x0, y1 - y0)
    }
}

/// The cabinet projection: depth `d` recedes by `(d·cos a, −d·sin a)`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Oblique {
    /// Horizontal shift per unit of depth.
    pub dx: f32,
    /// Vertical shift per unit of depth (negative: up).
    pub dy: f32,
}

impl Oblique {
    /// Depth receding at 30° above the horizontal, halved (cabinet style).
    pub const TEXTBOOK: Oblique = Oblique { dx: 0.433, dy: -0.25 };

    /// The three visible faces of a box whose front face is `front` and whose depth is `depth`:
    /// (top, right side), each a parallelogram.
    pub fn faces(&self, front: Rect, depth: f32) -> ([Point; 4], [Point; 4]) {
        let (ox, oy) = (self.dx * depth, self.dy * depth);
        let top = [
            pt(front.x, front.y),
            pt(front.right(), front.y),
            pt(front.right() + ox, front.y + oy),
            pt(front.x + ox, front.y + oy),
        ];
        let side = [
            pt(front.right(), front.y),
            pt(front.right(), front.bottom()),
            pt(front.right() + ox, front.bottom() + oy),
            pt(front.right() + ox, front.y + oy),
        ];
        (top, side)
    }
}

/// The isometric projection with `scale` canvas units per world unit, the world origin at `origin`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Isometric {
    /// Where the world origin lands.
    pub origin: Point,
    /// Canvas units per world unit.
    pub scale: f32,
}

impl Isometric {
    /// The canvas point of world point (x, y, z): x recedes down-right, y down-left, z is up.
    pub fn project(&self, x: f32, y: f32, z: f32) -> Point {
        const COS30: f32 = 0.866_025_4;
        pt(self.origin.x + (x - y) * COS30 * self.scale, self.origin.y + ((x + y) * 0.5 - z) * self.scale)
    }

    /// The parallelogram of the world rectangle `[x, x+w] × [y, y+h]` at height `z`.
    pub fn quad(&self, x: f32, y: f32, w: f32, h: f32, z: f32) -> [Point; 4] {
        [self.project(x, y, z), self.project(x + w, y, z), self.project(x + w, y + h, z), self.project(x, y + h, z)]
    }
}

/// A plate's thickness for a layer of `bytes`: `min` for an empty layer, `max` for 1 GB and more,
/// logarithmic in between (so a 10 kB layer and a 100 MB one both stay visible).
pub fn log_thickness(bytes: u64, min: f32, max: f32) -> f32 {
    let decades = (bytes as f64 + 1.0).log10() / 9.0;
    min + (max - min) * decades.clamp(0.0, 1.0) as f32
}

/// A number as the SVG writes it: at most one decimal, no trailing zero, no `-0`.
pub fn num(v: f32) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r == 0.0 {
        return "0".to_owned();
    }
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn projections_and_thickness() {
        let iso = Isometric { origin: pt(100.0, 50.0), scale: 10.0 };
        assert_eq!(iso.project(0.0, 0.0, 0.0), pt(100.0, 50.0));
        let p = iso.project(1.0, 1.0, 0.0);
        assert!((p.x - 100.0).abs() < 1e-4 && (p.y - 60.0).abs() < 1e-4, "x and y cancel sideways: {p:?}");
        assert!((iso.project(0.0, 0.0, 2.0).y - 30.0).abs() < 1e-4, "z is up");
        let (top, side) = Oblique::TEXTBOOK.faces(Rect::new(0.0, 100.0, 200.0, 20.0), 40.0);
        assert_eq!(top[0], pt(0.0, 100.0));
        assert!(top[3].y < 100.0 && side[2].x > 200.0);
        assert_eq!(log_thickness(0, 10.0, 40.0), 10.0);
        assert_eq!(log_thickness(u64::MAX, 10.0, 40.0), 40.0);
        let (small, big) = (log_thickness(10_000, 10.0, 40.0), log_thickness(100_000_000, 10.0, 40.0));
        assert!(10.0 < small && small < big && big < 40.0);
        assert_eq!(
            (num(1.25), num(-0.01), num(3.0), num(12.34)),
            ("1.3".into(), "0".into(), "3".into(), "12.3".into())
        );
        let a = Rect::new(0.0, 0.0, 10.0, 10.0);
        assert!(!a.overlaps(&Rect::new(10.0, 0.0, 5.0, 5.0)), "touching is not overlapping");
        assert!(a.overlaps(&Rect::new(9.0, 9.0, 5.0, 5.0)));
        assert!(a.contains(&Rect::new(1.0, 1.0, 2.0, 2.0)));
    }
}
