//! 图中的文字（简体中文）。

use crate::format::group_digits;
use crate::format::percent;
use strata_core::sizes::SizeMode;
use strata_core::units::human_bytes;
use strata_diagram::{Label, ViewKind};

fn n(v: usize) -> String {
    group_digits(v as u64)
}

fn kind(k: &str) -> &str {
    match k {
        "file" => "文件",
        "dir" => "目录",
        "symlink" => "符号链接",
        "hardlink" => "硬链接",
        "char" => "字符设备",
        "block" => "块设备",
        "fifo" => "命名管道",
        other => other,
    }
}

/// 为图中的标签配上文字。
pub fn figure(label: &Label) -> String {
    match label {
        Label::Text(t) => t.clone(),
        Label::Image => "镜像".to_owned(),
        Label::ImageFacts { layers, size } => format!("{} 个镜像层 · {size}", n(*layers)),
        Label::NoInstruction => "（没有记录构建指令）".to_owned(),
        Label::NoLayer => "不产生镜像层".to_owned(),
        Label::PlateFacts { size, changes: Some([a, m, d]), shared } => {
            format!("{size} · +{a} ~{m} −{d}{}", if *shared { " · 共享" } else { "" })
        }
        Label::PlateFacts { size, changes: None, .. } => format!("存储大小 {size}"),
        Label::ContainerSees => "容器看到的文件系统".to_owned(),
        Label::Counts { layers, written, visible } => {
            format!("{} 个镜像层 · 写入 {} 个文件 · 可见 {} 个", n(*layers), n(*written), n(*visible))
        }
        Label::More(c) => format!("另有 {} 项", n(*c)),
        Label::GroupFacts { files, bytes, deletes } => {
            let del = if *deletes > 0 { format!(" · −{deletes}") } else { String::new() };
            format!("{} 个文件 · {bytes}{del}", n(*files))
        }
        Label::ReplacedBy(k) => format!("被 L{k} 覆盖"),
        Label::DeletedBy(k) => format!("被 L{k} 删除"),
        Label::WhiteoutOf(p) => format!("whiteout（删除标记）：在下层中删除 {p}"),
        Label::Whiteout => "whiteout 删除标记".to_owned(),
        Label::Opaque => "opaque 不透明目录".to_owned(),
        Label::NothingHere => "此目录下没有变更".to_owned(),
        Label::LowerLayers => "下层镜像层（只读，lowerdir）".to_owned(),
        Label::MergedView => "合并视图（merged）".to_owned(),
        Label::Tile(t) => {
            let fate = match (t.state, t.by) {
                ("replaced", Some(by)) => format!(" · 被镜像层 {by} 覆盖"),
                ("deleted", Some(by)) => format!(" · 被镜像层 {by} 删除"),
                _ => String::new(),
            };
            let made = t.instruction.as_deref().map(|i| format!("：{i}")).unwrap_or_default();
            format!("{} · {} · {} 字节 · {} {} · 镜像层 {}{made}{fate}", t.path, kind(t.kind), group_digits(t.size), t.mode, t.owner, t.layer)
        }
        Label::Plate { layer, id, size, changes: [a, m, d], instruction } => {
            format!("镜像层 {layer} · {id} · {size} · 新增 {a}、修改 {m}、删除 {d} · {instruction}")
        }
        Label::Region { path, layer } => format!("{path}，来自镜像层 {layer}"),
        Label::SizesFacts { bytes, files, mode } => format!(
            "{} 个文件共 {bytes} · {}",
            group_digits(*files),
            match mode {
                SizeMode::Merged => "容器看到的文件",
                SizeMode::Stored => "各镜像层存储的全部副本（斜线：已被覆盖或删除）",
            }
        ),
        Label::SizesRest(v) => format!("另有 {} 个较小的", n(*v)),
        Label::SizesEmpty(v) => format!("另有 {} 个空条目（0 B）", n(*v)),
        Label::SizesNothing => "这里的文件不占任何字节".to_owned(),
        Label::SizesChange { change, bytes } => {
            let word = match change {
                Some(strata_core::compare::Change::Added) => "新增",
                Some(strata_core::compare::Change::Changed) => "已更改",
                _ => "未变",
            };
            format!("{word} · {bytes}")
        }
        Label::CompareSide { after } => if *after { "B · 之后（当前显示）" } else { "A · 之前" }.to_owned(),
        Label::Shared => "共享".to_owned(),
        Label::Size(t) => {
            let what = match t.kind {
                "rest" => format!("{} 中另外 {} 个较小的条目", t.path, group_digits(t.files)),
                "dir" => format!("{}/ · {} 个文件", t.path, group_digits(t.files)),
                _ => t.path.clone(),
            };
            let layer = t.layer.map(|k| format!(" · 镜像层 {k}")).unwrap_or_default();
            let made = t.instruction.as_deref().map(|i| format!("：{i}")).unwrap_or_default();
            let fate = match (t.state, t.by) {
                ("replaced", Some(by)) => format!(" · 被镜像层 {by} 覆盖"),
                ("deleted", Some(by)) => format!(" · 被镜像层 {by} 删除"),
                _ => String::new(),
            };
            format!(
                "{what} · {}（{} 字节）· 占所在目录的 {} · 占整个镜像的 {}{layer}{made}{fate}",
                human_bytes(t.bytes),
                group_digits(t.bytes),
                percent(t.bytes, t.parent),
                percent(t.bytes, t.image)
            )
        }
        Label::Title { view, image, focus } => match (view, focus) {
            (ViewKind::Stack, _) => format!("{image} 的镜像层"),
            (ViewKind::Layers, f) => format!("{image} 的各镜像层及其在 {} 下的文件", f.as_deref().unwrap_or("/")),
            (ViewKind::Union, f) => format!("{image} 的镜像层联合成的文件系统（{}）", f.as_deref().unwrap_or("/")),
            (ViewKind::Sizes, f) => format!("{image} 的字节都在哪里（{}）", f.as_deref().unwrap_or("/")),
            (ViewKind::Compare, _) => format!("{image} 的镜像层"),
        },
        Label::Desc { view: ViewKind::Stack, layers, written, .. } => format!(
            "镜像由 {} 个只读镜像层堆叠而成，基础镜像层在最下面；另有 {} 个只修改元数据的步骤，不产生镜像层。",
            n(*layers),
            n(*written)
        ),
        Label::Desc { view: ViewKind::Layers, layers, written, visible } => format!(
            "{} 个镜像层在这里共写入 {} 个文件，容器能看到其中 {} 个：上层的文件覆盖下层的同名文件，whiteout（删除标记）删除下层的文件。",
            n(*layers),
            n(*written),
            n(*visible)
        ),
        Label::Desc { view: ViewKind::Sizes, written, .. } => format!(
            "矩形树图：每个矩形的面积与其下 {} 个文件的字节数成正比，颜色表示每个副本所在的镜像层。",
            n(*written)
        ),
        Label::Desc { view: ViewKind::Compare, written, .. } => format!(
            "两个镜像并排，基础层在下；它们共享的 {} 个镜像层（diff_id 相同）左右相连。",
            n(*written)
        ),
        Label::Desc { view: ViewKind::Union, layers, .. } => format!(
            "从系统的角度看，{} 个只读镜像层堆叠并合并成一个统一的视图；合并视图中的每个区域都用颜色和编号标出提供它的镜像层。",
            n(*layers)
        ),
    }
}
