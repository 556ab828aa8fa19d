//! 简体中文。术语依照中文 Docker 图书的用法：镜像、镜像层、只读、基础镜像层、联合文件系统、摘要、
//! 构建历史、元数据；没有定译的词（whiteout、opaque）保留英文并加中文说明。
//!
//! Problems are worded here from their kind; the details that come from libraries (a tar reader's
//! or a JSON parser's own words) are quoted as they are.

use crate::format::{group_digits, Timestamp};
use crate::Strings;
use strata_core::problem::{DigestCheck, NotArchiveReason, NotImageReason};
use strata_core::{Problem, ProblemKind};

/// "2024年1月31日 08:05（UTC）".
fn date(s: &str) -> String {
    match Timestamp::parse(s) {
        Some(t) => format!("{}年{}月{}日 {:02}:{:02}（{}）", t.year, t.month, t.day, t.hour, t.minute, t.zone),
        None => s.to_owned(),
    }
}

fn digest_check(what: DigestCheck) -> &'static str {
    match what {
        DigestCheck::DiffId => "diff_id（未压缩层的摘要）",
        DigestCheck::Blob => "数据块（blob）摘要",
        DigestCheck::FileName => "文件名中的摘要",
        DigestCheck::Config => "镜像配置的摘要",
        DigestCheck::Manifest => "清单（manifest）的摘要",
    }
}

fn not_archive(why: &NotArchiveReason) -> String {
    match why {
        NotArchiveReason::Empty => "文件是空的".to_owned(),
        NotArchiveReason::NotTar => "文件开头的 512 字节不是 tar 文件头".to_owned(),
        NotArchiveReason::CompressedNotTar { compression } => {
            format!("文件经过 {} 压缩，但解压后的内容不是 tar 归档", compression.name())
        }
        NotArchiveReason::BrokenZstd { detail } => format!("zstd 数据流已损坏（{detail}）"),
    }
}

fn not_image(why: &NotImageReason) -> String {
    match why {
        NotImageReason::NoFiles => "归档中没有任何文件".to_owned(),
        NotImageReason::EmptyManifest => "其 manifest.json 中没有列出任何镜像".to_owned(),
        NotImageReason::NoIndex => "没有 index.json".to_owned(),
        NotImageReason::Holds { count, examples } => {
            format!("其中有 {} 个文件，例如 {}", group_digits(*count as u64), examples.join("、"))
        }
    }
}

/// A problem's kind in Chinese (without the image and layer it concerns).
fn kind(k: &ProblemKind) -> String {
    use ProblemKind::*;
    match k {
        NotAnArchive { why } => format!(
            "这不是镜像归档文件：{}。请选择 docker save、podman save 或 skopeo copy 导出的 tar 文件，\
             或打包成 tar 的 OCI 镜像布局（可以用 gzip/xz 压缩）。",
            not_archive(why)
        ),
        NotAnImage { why } => format!(
            "这个 tar 文件不是容器镜像：{}（找不到 manifest.json、index.json 或 repositories）。",
            not_image(why)
        ),
        Truncated { member: Some(m), detail } => format!("归档文件在 {m} 处被截断（{detail}）。"),
        Truncated { member: None, detail } => format!("归档文件被截断（{detail}）。"),
        MemberCut { member, read, size } => format!(
            "归档文件在 {member} 处被截断：它声明有 {} 字节，只读到 {} 字节。",
            group_digits(*size),
            group_digits(*read)
        ),
        BrokenStructure { member: Some(m), detail } => format!("归档文件在 {m} 处被截断：tar 结构已损坏（{detail}）。"),
        BrokenStructure { member: None, detail } => format!("归档文件被截断：tar 结构已损坏（{detail}）。"),
        Io { member: Some(m), detail } => format!("读取 {m} 时出错（{detail}）。"),
        Io { member: None, detail } => format!("读取时出错（{detail}）。"),
        Cancelled => "已取消。".to_owned(),
        BadJson { member, detail } => format!("{member} 不是格式正确的 JSON 文档（{detail}）。"),
        ManifestNotAList => "manifest.json 的格式不对：它应当是一个镜像列表。".to_owned(),
        MissingBlob { member } => format!("归档中缺少被引用的 {member}。"),
        DigestMismatch { what, expected, actual } => {
            format!("{}不匹配：归档声明的是 {expected}，实际内容的摘要却是 {actual}。", digest_check(*what))
        }
        UnsupportedCompression { member: Some(m), compression } => {
            format!("{m}：不支持 {} 压缩的镜像层（OCI 镜像规范不允许这种格式）。", compression.name())
        }
        UnsupportedCompression { member: None, compression } => format!(
            "不支持 {} 压缩的归档文件：请先解压（例如用 bunzip2），或重新用 gzip 压缩后保存。",
            compression.name()
        ),
        BadLayer { member, detail } => format!("{member}：镜像层的 tar 数据已损坏（{detail}）。"),
        CorruptStream { member, compression, detail } => {
            format!("{member}：镜像层的 {} 压缩数据已损坏（{detail}）。", compression.name())
        }
        LayerCountMismatch { config, manifest } => {
            format!("镜像配置列出了 {config} 个 diff_id，而清单中有 {manifest} 个镜像层。")
        }
        HistoryMismatch => {
            "构建历史中产生镜像层的步骤与镜像层数量对不上，部分指令可能对应到了错误的镜像层。".to_owned()
        }
        BadManifest { entry } => format!("manifest.json 的第 {entry} 项没有指定 Config，已跳过。"),
        BadParentChain { id } => format!("镜像 {id} 的父层链出现了循环。"),
        IndexTooDeep { member } => format!("{member}：索引嵌套得太深，没有继续读取。"),
        BadDescriptor { member } => format!("{member}：有一个描述符缺少有效的摘要。"),
        AttestationSkipped { digest } => {
            format!("已跳过证明清单 {}（这是构建溯源信息，不是镜像）。", digest.short())
        }
        AbsentManifest { digest, platform } => match platform {
            Some(p) => format!("{p} 平台的清单（{digest}）不在归档中；只显示归档里已有的镜像。"),
            None => format!("清单 {digest} 不在归档中；只显示归档里已有的镜像。"),
        },
        NoConfigDescriptor { member } => format!("{member} 没有镜像配置描述符，已跳过。"),
        ArtifactSkipped { digest, artifact_type } => {
            format!("已跳过 {}（类型为 {artifact_type} 的 OCI 制品，不是镜像）。", digest.short())
        }
        UnknownEntryType { member, entry_type } => {
            format!("{member}：跳过了一个类型未知（{entry_type:?}）的 tar 条目。")
        }
        EntryEscapesRoot { member, path } => format!("{member}：条目 {path:?} 越出了根目录，已忽略。"),
        MemberEscapesRoot { name } => format!("归档成员 {name:?} 越出了归档的根目录，已跳过。"),
        BadHardlink { member, path } => format!("{member}：硬链接 {path} 的目标为空或越出了根目录，已忽略。"),
        DanglingWhiteout { layer, path } => {
            format!("镜像层 {layer} 用 whiteout（删除标记）删除了 {path}，但下层中并没有这个路径。")
        }
        DanglingHardlink { layer, path, target } => {
            format!("镜像层 {layer}：硬链接 {path} 指向的 {target} 不存在。")
        }
    }
}

/// A problem with the image and layer it concerns.
fn problem(p: &Problem) -> String {
    let at = match (p.image, p.layer) {
        (Some(i), Some(l)) => format!("镜像 {i} 的镜像层 {l}："),
        (Some(i), None) => format!("镜像 {i}："),
        (None, Some(l)) => format!("镜像层 {l}："),
        (None, None) => String::new(),
    };
    // Kinds that name their layer themselves need no prefix.
    let names_layer = matches!(p.kind, ProblemKind::DanglingWhiteout { .. } | ProblemKind::DanglingHardlink { .. });
    if names_layer {
        kind(&p.kind)
    } else {
        format!("{at}{}", kind(&p.kind))
    }
}

/// The Chinese table.
pub static ZH_CN: Strings = Strings {
    title: "Strata",
    tagline: "逐层查看 Docker 镜像的内部结构。文件只在你的浏览器里读取，不会离开本机。",
    open_file: "打开镜像归档…",
    drop_here: "把 docker save 导出的 tar 包拖到这里即可分析",
    sample_note: "当前显示的是内置示例镜像。你也可以打开或拖入自己用 docker save 导出的镜像归档。",
    local_only: "完全在本地运行：不会上传任何数据。",
    language_name: "简体中文",
    language_label: "界面语言",
    cancel: "取消",
    views_label: "视图",
    view_stack: "镜像层堆叠",
    view_files: "文件系统",
    image: "镜像",
    summary_label: "镜像概要",
    image_id: "镜像 ID",
    platform: "平台",
    created: "创建时间",
    total_size: "总大小",
    layers: "镜像层",
    digests: "摘要校验",
    efficiency: "空间效率",
    wasted: "浪费空间（dive 口径）",
    reclaimable: "可回收空间",
    untagged: "<无标签>",
    pending: "…",
    digests_verifying: "… 正在校验摘要",
    digests_ok: "✓ 所有摘要均校验通过",
    digests_mismatch: "✗ 摘要不匹配",
    digests_unchecked: "– 部分摘要无从校验",
    digests_not_checked: "– 未校验摘要（读取已中止）",
    layer_verified: "摘要校验通过",
    layer_mismatch: "摘要不匹配",
    layer_unchecked: "没有可供校验的摘要",
    layer_pending: "尚未校验",
    stack_label: "镜像层（最上层在前）",
    shared: "共享",
    metadata_only: "不产生镜像层",
    layer_changes_label: "所选镜像层的变更",
    uncompressed: "未压缩",
    no_instruction: "（没有记录构建指令）",
    added: "新增",
    modified: "修改",
    deleted: "删除",
    reading_layers: "正在读取各镜像层的文件列表…",
    search: "筛选路径（文本或通配符，例如 *.conf）",
    no_match: "没有符合筛选条件的条目。",
    all_layers: "全部镜像层（合并视图）",
    sort_name: "按名称排序",
    sort_size: "按大小排序",
    layer_filter_label: "按镜像层筛选",
    sort_label: "排序方式",
    tree_label: "合并后的文件系统",
    problems: "问题",
    error_title: "出错了",
    panic_reload: "页面已停止运行。请刷新页面重新开始，并把这条信息反馈给我们。",
    progress_label: "读取进度",
    view_layers: "镜像层与文件",
    view_union: "联合视图",
    stack_as_table: "以表格形式查看镜像层",
    col_layer: "镜像层",
    col_id: "ID（摘要前 12 位）",
    col_size: "大小",
    col_changes: "变更 · 摘要校验",
    col_instruction: "构建指令",
    lift_label: "把镜像层分开",
    lift_apart: "分开",
    lift_together: "合并",
    figure_keys: "用 Tab 键选中镜像层或文件，方向键移动，Enter 打开目录，Backspace 或 Esc 返回上一级。",
    samples_title: "教学示例",
    samples_intro: "每个小镜像只讲本章的一个要点。打开一个，再逐步播放它的构建过程。",
    player_label: "逐步播放构建过程",
    player_first: "第一步",
    player_prev: "上一步",
    player_play: "播放",
    player_pause: "暂停",
    player_next: "下一步",
    player_last: "最后一步",
    present: "演示模式",
    keys_title: "演示模式快捷键",
    key_next: "→  空格  PageDown —— 下一步",
    key_prev: "←  PageUp —— 上一步",
    key_first_last: "Home  End —— 第一步、最后一步",
    key_blackout: "B  . —— 黑屏",
    key_fullscreen: "F —— 全屏",
    key_goto: "G、数字、Enter —— 跳到某一步",
    key_help: "? —— 显示这些快捷键",
    key_leave: "Esc —— 退出演示模式",
    theme_label: "主题",
    theme_auto: "跟随系统",
    theme_light: "浅色",
    theme_dark: "深色",
    share_label: "导出与分享",
    export_svg: "导出 SVG",
    export_png: "导出 PNG",
    export_json: "导出 JSON",
    copy_link: "复制链接",
    link_copied: "链接已复制",
    export_failed: "导出失败",
    open_in_strata: "在 Strata 中打开",
    loading_embed: "正在读取镜像……",
    key_notes: "S —— 打开备注窗口：下一步的说明和计时器",
    notes_title: "演讲者备注",
    notes_now: "当前屏幕",
    notes_next: "下一步",
    notes_end: "这已经是最后一步。",
    notes_waiting: "正在等待演示窗口：请在演示模式下按 S。",
    notes_timer_reset: "重新计时",
    view_container: "运行容器",
    upper_title: "可写层（容器层，upperdir）",
    lower_title: "只读镜像层（lowerdir）",
    merged_title: "容器看到的文件系统（merged）",
    upper_empty: "空的：容器还没有做任何改动。",
    act_edit: "编辑",
    act_delete: "删除",
    act_create: "新建文件",
    act_open: "打开目录",
    state_whiteout: "删除标记（whiteout）",
    state_opaque: "不透明目录（opaque）",
    act_make_again: "重新建立",
    act_undo: "撤销",
    act_reset: "重置",
    act_commit: "提交（commit）",
    act_download: "下载镜像",
    container_intro: "容器在镜像的只读镜像层之上加了一个薄薄的可写层。选一个文件，编辑或删除它，或者新建一个文件。",
    commit_compressed: "提交需要未压缩的 docker save 归档；这个归档整体经过了压缩。",
    file_panel_label: "文件",
    file_history: "历史",
    file_close: "关闭",
    file_download: "下载",
    file_go_target: "转到目标",
    file_show_last: "查看它的最后一个副本",
    file_compare_prev: "与上一版比较",
    file_compare_off: "结束比较",
    file_reading: "正在读取副本…",
    file_empty: "空文件。",
    file_same_text: "两个副本的各行相同。",
    file_visible: "可见",
    view_sizes: "大小",
    sizes_merged: "容器看到的",
    sizes_stored: "存储的全部副本",
    sizes_mode_label: "统计哪些字节",
    sizes_keys: "单击或回车：进入目录 · 退格或 Esc：返回上级 · 方向键：在矩形之间移动",
    sizes_table: "目录中各条目的大小",
    col_path: "路径",
    col_bytes: "字节",
    col_share: "占比",
    waste_title: "浪费（dive 的数字）",
    waste_efficiency: "效率",
    waste_wasted: "浪费的字节",
    waste_layers: "各镜像层：大小，以及其中被上层覆盖或删除的副本的字节数",
    waste_files: "存储了不止一次的文件",
    col_copies: "副本数",
    waste_none: "没有文件存储在多个镜像层中。",
    waste_in_map: "在大小图中查看",
    waste_in_files: "在文件系统中打开",
    view_compare: "比较",
    compare_with: "与之比较（之前）",
    compare_one_image: "这个存档只有一个镜像，这里没有可以与之比较的镜像。",
    compare_layers: "镜像层",
    compare_files: "不同的文件",
    compare_config: "不同的配置",
    compare_before: "之前（A）",
    compare_after: "之后（B，当前显示）",
    compare_same: "两个镜像的文件和配置相同。",
    compare_shared: "共享",
    compare_hashing: "正在读取大小相同的副本以比较其内容…",
    compare_other_open: "与另一个存档比较…",
    compare_other_drop: "或把第二个存档拖到这里：它作为 A（之前），当前显示的镜像仍是 B（之后）",
    compare_within: "在本存档内比较",
    compare_other_reading: "正在读取第二个存档…",
    compare_map: "按变化着色的 B 的大小图",
    compare_map_changed: "只看变化的",
    compare_map_all: "B 的全部",
    menu: "菜单",
    reading: |name, done, total, layers| format!("正在读取 {name}：{done} / {total}，已读完 {layers} 个镜像层"),
    time_left: |s| format!("大约还需 {} 秒", group_digits(s)),
    entries: |n| format!("{} 个条目", group_digits(n as u64)),
    layer_name: |k| format!("镜像层 {k}"),
    stored_size: |size| format!("存储大小 {size}"),
    more_changes: |n| format!("… 另有 {} 项：在“文件系统”视图中按镜像层筛选即可查看全部。", group_digits(n as u64)),
    changes_in_layer: |k| format!("镜像层 {k} 中的变更"),
    up_to_layer: |k| format!("截至镜像层 {k} 的文件系统"),
    problem_count: |n| format!("问题（{n}）"),
    problem,
    cannot_read: kind,
    bad_pattern: |pattern, why| format!("“{pattern}”不是有效的通配符模式（{why}）"),
    fetch_failed: |url, detail| format!("无法获取 {url}（{detail}）"),
    fetch_status: |url, status, text| format!("无法获取 {url}：服务器返回 HTTP {status} {text}"),
    worker_start_failed: |d| format!("无法启动后台分析线程（{d}）"),
    worker_stopped: |d| format!("后台分析线程意外停止（{d}）"),
    handoff_failed: |d| format!("无法把文件交给后台分析线程（{d}）"),
    bad_message: |d| format!("后台分析线程发来了无法识别的消息（{d}）"),
    internal_error: |d| format!("内部错误（请反馈给我们）：{d}"),
    not_a_file: || "后台分析线程收到的不是文件".to_owned(),
    date,
    figure: crate::figure_zh::figure,
    sample_named: |title| format!("正在显示教学示例“{title}”。打开或拖入你自己的 docker save 存档即可查看。"),
    sample: crate::classroom_zh::sample,
    step_of: |k, n| format!("第 {k} 步，共 {n} 步"),
    caption: crate::classroom_zh::caption,
    container_caption: crate::classroom_zh::container_caption,
    made_again: |dir, file| {
        format!(
        "{dir} 被重新建立，成为不透明目录（opaque）：可写层中的不透明标记遮住了镜像层在其中的一切，容器在那里只看到 {file}。"
    )
    },
    refused: crate::classroom_zh::refused,
    container_sizes: |size, virt| format!("大小 {size}（虚拟大小 {virt}）"),
    commit_failed: |d| format!("无法提交：{d}"),
    goto_prompt: |typed| format!("跳到第几步：{typed}_"),
    waste_layer_bar: |k, size, wasted| format!("L{k} · {size} · 被上层遮蔽 {wasted}"),
    compare_copies: |a, ka, b, kb| format!("从 {a} 的副本（镜像层 {ka}）到 {b} 的副本（镜像层 {kb}）"),
    compare_what: |w| match w {
        strata_core::compare::What::Content => "内容",
        strata_core::compare::What::Mode => "权限",
        strata_core::compare::What::Owner => "属主",
        strata_core::compare::What::Type => "类型",
        strata_core::compare::What::Target => "链接目标",
        strata_core::compare::What::Mtime => "修改时间",
    },
    compare_map_removed: |n| format!("{} 个被删除的路径只在 A 中，不在此图里：见上面的列表", n),
    compare_config_same: |n| format!("⋯ 两者相同的 {} 行", group_digits(n as u64)),
    compare_other_from: |name| format!("A（之前）来自 {name}"),
    compare_summary: |a, r, c| {
        format!("新增 {} · 删除 {} · 修改 {}", group_digits(a as u64), group_digits(r as u64), group_digits(c as u64))
    },
    waste_more: |n| format!("显示全部 {} 个", group_digits(n as u64)),
    waste_copy: |k, size, fate| match fate {
        strata_core::copies::Fate::Visible => format!("镜像层 {k} · {size} · 可见"),
        strata_core::copies::Fate::Replaced { by } => format!("镜像层 {k} · {size} · 被镜像层 {by} 覆盖"),
        strata_core::copies::Fate::Deleted { by } => format!("镜像层 {k} · {size} · 被镜像层 {by} 删除"),
    },
    file_copy_of: |layer, size, sha| format!("镜像层 {layer} 的副本 · {size} · sha256 {sha}"),
    file_deleted_in: |layer, by| {
        if by.is_empty() {
            format!("在镜像层 {layer} 中被删除。")
        } else {
            format!("在镜像层 {layer} 中被删除（{by}）。")
        }
    },
    file_no_copy: |layer| format!("镜像层 {layer} 没有这个路径的副本，也没有删除它。"),
    file_missing: crate::file_zh::missing,
    file_too_large: |shown, size| format!("只显示 {size} 中的前 {shown}；请下载完整副本。"),
    file_dir: |n, size| format!("目录：其下有 {} 个条目，文件共 {size}。", group_digits(n as u64)),
    file_link: |target| format!("指向 {target} 的符号链接"),
    file_special: |kind| format!("{kind}：在镜像中不含字节。"),
    file_read_failed: |d| format!("无法读取这个副本：{d}"),
    file_compare: |from, to| format!("从镜像层 {from} 的副本到镜像层 {to} 的副本"),
    file_binary_diff: |a, a_size, a_sha, b, b_size, b_sha| {
        format!("二进制副本：镜像层 {a}：{a_size}，sha256 {a_sha}；镜像层 {b}：{b_size}，sha256 {b_sha}")
    },
    file_meta_change: crate::file_zh::meta_change,
};
