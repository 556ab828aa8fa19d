//! A figure as data: a flat list of [`Item`]s (each a few primitive [`Shape`]s under one stable id,
//! with the `data-*` hooks, the layer it belongs to and what activating it does), on a canvas of a
//! given size. Colours are symbolic ([`Ink`]) and words are [`Label`]s: the writers resolve both, so
//! one scene draws in either theme and either language.

use crate::geom::{Point, Rect};
use crate::text::Face;

/// Which figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ViewKind {
    /// The stack of read-only layers (figs 6.3–6.5).
    Stack,
    /// Layers with their files (figs 6.6–6.7).
    Layers,
    /// The system's union view (fig 6.8).
    Union,
    /// The size map: a treemap of where the bytes are.
    Sizes,
    /// Two images side by side, their shared layers joined (drawn from two images, so not in
    /// [`ViewKind::ALL`], the figures of one image).
    Compare,
}

impl ViewKind {
    /// Every figure.
    pub const ALL: [ViewKind; 4] = [ViewKind::Stack, ViewKind::Layers, ViewKind::Union, ViewKind::Sizes];

    /// The name in `data-view`, the URL hash and `strata diagram --view`.
    pub fn key(self) -> &'static str {
        match self {
            ViewKind::Stack => "stack",
            ViewKind::Layers => "layers",
            ViewKind::Union => "union",
            ViewKind::Sizes => "sizes",
            ViewKind::Compare => "compare",
        }
    }

    /// A figure from its name.
    pub fn parse(s: &str) -> Option<ViewKind> {
        ViewKind::ALL.into_iter().find(|v| v.key() == s)
    }
}

/// What a copy drawn in a figure shows about itself (its tooltip).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TileInfo {
    /// The path.
    pub path: String,
    /// `file`, `dir`, `symlink`, … (as the CLI's JSON names them).
    pub kind: &'static str,
    /// Size in bytes.
    pub size: u64,
    /// `-rw-r--r--`-style mode.
    pub mode: String,
    /// Owner `uid:gid`.
    pub owner: String,
    /// The layer that wrote it.
    pub layer: usize,
    /// The instruction that made that layer (Dockerfile form), if known.
    pub instruction: Option<String>,
    /// What became of it: `visible`, `replaced`, `deleted` or `whiteout`.
    pub state: &'static str,
    /// The layer that replaced or deleted it (or whose view it is, for a whiteout).
    pub by: Option<usize>,
}

/// What a node of the size map shows about itself (its tooltip).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SizeTip {
    /// The path (the directory, for the rest of its children).
    pub path: String,
    /// `dir`, `file` or `rest` (the smaller children drawn as one).
    pub kind: &'static str,
    /// Bytes.
    pub bytes: u64,
    /// The parent directory's bytes (the node's share of it is `bytes / parent`).
    pub parent: u64,
    /// The whole image's bytes in the map's mode.
    pub image: u64,
    /// Non-directory entries at or under it (for the rest: how many children it stands for).
    pub files: u64,
    /// A file's layer.
    pub layer: Option<usize>,
    /// That layer's instruction (Dockerfile form), if known.
    pub instruction: Option<String>,
    /// A stored copy's fate: `visible`, `replaced` or `deleted`.
    pub state: &'static str,
    /// The layer that replaced or deleted it.
    pub by: Option<usize>,
}

/// Words a figure needs. Data (names, ids, instructions, sizes) is [`Label::Text`]; everything
/// else is a key the front end words in its language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Label {
    /// Shown as it is (after [`crate::text::visible`]).
    Text(String),
    /// "image".
    Image,
    /// "3 layers · 4.3 kB".
    ImageFacts {
        /// Layers.
        layers: usize,
        /// Size of the merged filesystem, already worded as a size.
        size: String,
    },
    /// Beside a metadata-only history step: "no layer".
    NoLayer,
    /// A layer whose history records no instruction.
    NoInstruction,
    /// Under a plate's instruction: "55 B · +2 ~0 −2 · shared" (`changes` unknown until the
    /// layers are read; the size is then the stored blob's).
    PlateFacts {
        /// The size, worded.
        size: String,
        /// Paths added, modified, deleted.
        changes: Option<[usize; 3]>,
        /// Another image of the archive has this layer too.
        shared: bool,
    },
    /// The band of the layers view that shows the merged filesystem.
    ContainerSees,
    /// "3 layers · 7 files written · 6 visible".
    Counts {
        /// Layers.
        layers: usize,
        /// Copies of non-directory entries written under the focused directory.
        written: usize,
        /// Non-directory entries visible under it.
        visible: usize,
    },
    /// "+12 more".
    More(usize),
    /// A group tile's second line: "12 files · 3.4 kB · −2" (`bytes` already worded).
    GroupFacts {
        /// Non-directory entries under the directory.
        files: usize,
        /// Their bytes, worded.
        bytes: String,
        /// Paths deleted under it.
        deletes: usize,
    },
    /// A replaced copy's second line: "replaced by L3".
    ReplacedBy(usize),
    /// A deleted copy's second line: "deleted by L3".
    DeletedBy(usize),
    /// A whiteout tile's tooltip: the path it hides.
    WhiteoutOf(String),
    /// A whiteout tile's second line: "whiteout".
    Whiteout,
    /// An opaque-directory marker's second line.
    Opaque,
    /// A layer that changes nothing in the focused directory.
    NothingHere,
    /// The union view's stack of image layers: "lower layers (read-only) · lowerdir".
    LowerLayers,
    /// The union view's plane: "merged view · merged".
    MergedView,
    /// A tile's tooltip.
    Tile(Box<TileInfo>),
    /// A plate's tooltip: the layer, its id, size, changes and instruction.
    Plate {
        /// The layer.
        layer: usize,
        /// Its short id.
        id: String,
        /// Its size, worded.
        size: String,
        /// Paths added, modified, deleted.
        changes: [usize; 3],
        /// Its instruction.
        instruction: String,
    },
    /// A region of the merged plane: the path and the layer providing it.
    Region {
        /// The path.
        path: String,
        /// The layer providing it.
        layer: usize,
    },
    /// The size map's line under the breadcrumb: "12.3 MB in 4,512 files · what the container sees".
    SizesFacts {
        /// The focused directory's bytes, worded.
        bytes: String,
        /// Its non-directory entries.
        files: u64,
        /// Merged or stored.
        mode: strata_core::sizes::SizeMode,
    },
    /// The size map's aggregate of small children: "+12 smaller".
    SizesRest(usize),
    /// Children of 0 bytes, not drawn: "+3 empty".
    SizesEmpty(usize),
    /// A directory whose files hold no bytes.
    SizesNothing,
    /// A size map node's tooltip.
    Size(Box<SizeTip>),
    /// The compare figure's column heading: "A · before" or "B · after".
    CompareSide {
        /// B's (else A's).
        after: bool,
    },
    /// A join between two images' shared layer: "shared".
    Shared,
    /// The size map by change: a legend entry, "added · 1.2 MB" (`None`: unchanged).
    SizesChange {
        /// Added or changed (`None`: the same in both images).
        change: Option<strata_core::compare::Change>,
        /// The bytes, worded.
        bytes: String,
    },
    /// The figure's `<title>`.
    Title {
        /// Which figure.
        view: ViewKind,
        /// The image's name (first tag, or short id).
        image: String,
        /// The focused directory (layers and union).
        focus: Option<String>,
    },
    /// The figure's `<desc>`: what it shows, in a sentence.
    Desc {
        /// Which figure.
        view: ViewKind,
        /// Layers.
        layers: usize,
        /// Copies written under the focus (layers and union), or the number of metadata-only steps.
        written: usize,
        /// Entries visible under the focus (layers and union).
        visible: usize,
    },
}

/// A colour, resolved by the writer from the theme's palette.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Ink {
    /// Nothing.
    None,
    /// The canvas.
    Background,
    /// A panel.
    Surface,
    /// Main text.
    Text,
    /// Secondary text.
    Muted,
    /// Hairlines.
    Line,
    /// Selection and focus.
    Accent,
    /// Deletion.
    Deleted,
    /// A whiteout's face.
    Whiteout,
    /// Ink on a whiteout.
    OnWhiteout,
    /// A layer's own colour.
    LayerStrong(usize),
    /// Ink on a layer's own colour.
    LayerOnStrong(usize),
    /// A layer's face tint.
    LayerFill(usize),
    /// A layer's top-face tint.
    LayerTop(usize),
    /// A layer's side-face tint.
    LayerSide(usize),
    /// A path only in the image shown (the size map by change).
    Added,
    /// A path that changed (the size map by change).
    Changed,
}

/// How a closed shape is painted.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Paint {
    /// Fill.
    pub fill: Ink,
    /// Outline.
    pub stroke: Ink,
    /// Outline width.
    pub stroke_width: f32,
    /// Dash length of the outline (solid when `None`).
    pub dash: Option<f32>,
    /// Opacity of the whole shape.
    pub opacity: f32,
}

impl Paint {
    /// Filled, no outline.
    pub fn fill(fill: Ink) -> Paint {
        Paint { fill, stroke: Ink::None, stroke_width: 0.0, dash: None, opacity: 1.0 }
    }

    /// Filled and outlined.
    pub fn outlined(fill: Ink, stroke: Ink, stroke_width: f32) -> Paint {
        Paint { fill, stroke, stroke_width, dash: None, opacity: 1.0 }
    }

    /// The same, dashed.
    pub fn dashed(self, dash: f32) -> Paint {
        Paint { dash: Some(dash), ..self }
    }

    /// The same, at `opacity`.
    pub fn faded(self, opacity: f32) -> Paint {
        Paint { opacity, ..self }
    }
}

/// Horizontal alignment of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// Starts at the point.
    Start,
    /// Centred on the point.
    Middle,
    /// Ends at the point.
    End,
}

/// A text run.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    /// Where its baseline starts (or is centred, or ends).
    pub at: Point,
    /// What it says.
    pub label: Label,
    /// Font size in px.
    pub size: f32,
    /// Font face.
    pub face: Face,
    /// Bold.
    pub bold: bool,
    /// Alignment.
    pub anchor: Anchor,
    /// Colour.
    pub ink: Ink,
    /// The widest it may be; longer text is cut with `…` (the whole text stays in the tooltip).
    pub max_width: f32,
    /// A class for the element (e.g. `verified`, which tests look for).
    pub class: Option<&'static str>,
    /// Drawn struck through (a deleted copy's name).
    pub strike: bool,
}

/// A primitive.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// A rectangle with rounded corners.
    Rect {
        /// Where.
        rect: Rect,
        /// Corner radius.
        rx: f32,
        /// How.
        paint: Paint,
    },
    /// A closed polygon.
    Polygon {
        /// Its corners.
        points: Vec<Point>,
        /// How.
        paint: Paint,
    },
    /// A straight line (with an arrowhead at `to` when `arrow`).
    Line {
        /// Start.
        from: Point,
        /// End.
        to: Point,
        /// Colour.
        ink: Ink,
        /// Width.
        width: f32,
        /// Dash length (solid when `None`).
        dash: Option<f32>,
        /// An arrowhead at the end.
        arrow: bool,
    },
    /// Text.
    Text(TextRun),
}

/// What activating an item does (click, Enter).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Activate {
    /// Select (or unselect) a layer.
    Layer(usize),
    /// Focus a directory.
    Directory(String),
    /// Select a path (highlights every copy).
    Path(String),
}

/// One thing a figure draws, under one id.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// Unique within the scene and stable across renders of the same image.
    pub id: String,
    /// The layer it belongs to, if any.
    pub layer: Option<usize>,
    /// Its `data-*` hooks, as attribute names (`data-layer-index`) and values.
    pub data: Vec<(&'static str, String)>,
    /// Its primitives, in paint order.
    pub shapes: Vec<Shape>,
    /// Its tooltip.
    pub tooltip: Option<Label>,
    /// What activating it does; activatable items are focusable (Tab, arrows).
    pub activate: Option<Activate>,
    /// Where it sits for the arrow keys: (row, column) in its figure's reading order.
    pub nav: Option<(usize, usize)>,
    /// Drawn as selected (`aria-pressed`, a highlight).
    pub selected: bool,
    /// Where it is, for hit tests and the layout properties.
    pub bounds: Rect,
    /// Items drawn inside it (a plate's tiles, the merged plane's regions), after its own shapes.
    pub children: Vec<Item>,
    /// The `data-*` hooks go on its first rectangle rather than on its group (the size map, whose
    /// rectangles are the nodes).
    pub hooks_on_rect: bool,
}

impl Item {
    /// An item at `bounds` with no shapes yet.
    pub fn new(id: impl Into<String>, bounds: Rect) -> Item {
        Item {
            id: id.into(),
            layer: None,
            data: Vec::new(),
            shapes: Vec::new(),
            tooltip: None,
            activate: None,
            nav: None,
            selected: false,
            bounds,
            children: Vec::new(),
            hooks_on_rect: false,
        }
    }

    /// The value of `data-<name>`, if set (`name` without the prefix).
    pub fn data(&self, name: &str) -> Option<&str> {
        self.data.iter().find(|(k, _)| k.strip_prefix("data-") == Some(name)).map(|(_, v)| v.as_str())
    }
}

/// A figure.
#[derive(Debug, Clone, PartialEq)]
pub struct Scene {
    /// Which figure.
    pub view: ViewKind,
    /// Canvas width.
    pub width: f32,
    /// Canvas height.
    pub height: f32,
    /// The `<title>`.
    pub title: Label,
    /// The `<desc>`.
    pub desc: Label,
    /// What it draws, in paint order.
    pub items: Vec<Item>,
}

impl Scene {
    /// Every item, children after their parent.
    pub fn all(&self) -> impl Iterator<Item = &Item> + '_ {
        self.items.iter().flat_map(|i| std::iter::once(i).chain(i.children.iter()))
    }

    /// The items whose `data-<name>` is set.
    pub fn with_data<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Item> + 'a {
        self.all().filter(move |i| i.data(name).is_some())
    }

    /// The item with this id.
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.all().find(|i| i.id == id)
    }
}

/// Shorthand for a text run with the common defaults (start-anchored, regular, no class).
pub fn text(at: Point, label: Label, size: f32, face: Face, ink: Ink, max_width: f32) -> TextRun {
    TextRun { at, label, size, face, bold: false, anchor: Anchor::Start, ink, max_width, class: None, strike: false }
}
