//! 课堂用语（简体中文）：示例、逐步播放的说明、容器层。

use strata_core::container::{Action, Refused};
use strata_core::steps::StepFacts;

/// 示例的标题和一句话说明。
pub fn sample(name: &str) -> (&'static str, &'static str) {
    match name {
        "base" => ("单个基础镜像层", "镜像可以只有一个只读镜像层：它的 ID 就是 docker pull 输出的那一串。"),
        "add-layers" => ("逐层添加", "先是基础镜像，再“添加 Python”，再打“安全补丁”：每次改动都在上面加一层。"),
        "two-layers" => ("两层、六个文件", "两个镜像层各有三个文件：镜像里一共有六个文件。"),
        "replace" => ("上层文件覆盖下层", "顶层的文件 7 是文件 5 的新版本：写入七个，看到六个。"),
        "whiteouts" => (
            "在镜像层中删除",
            "删除一个文件、用 rm -rf 删除一个目录、整个替换一个目录：看 whiteout（删除标记）如何起作用。",
        ),
        "shared-base" => ("共享基础镜像层", "两个镜像基于同一个基础镜像构建：基础镜像层只存一份。"),
        "waste" => ("镜像为什么还是那么大", "一步下载、下一步删除的文件，仍然占着下层镜像层的空间。"),
        _ => ("", ""),
    }
}

/// 一步做了什么。
pub fn caption(facts: &StepFacts, size: &str) -> String {
    match facts {
        StepFacts::Empty => "空镜像：还没有任何镜像层。逐步播放构建过程，看每个镜像层依次叠上去。".to_owned(),
        StepFacts::Metadata { instruction } => format!("{instruction} —— 只修改元数据，不产生镜像层"),
        StepFacts::Layer { instruction, added, modified, deleted, .. } => {
            let mut parts = Vec::new();
            if *added > 0 || (*modified == 0 && *deleted == 0) {
                parts.push(format!("新增 {added} 个文件（{size}）"));
            }
            if *modified > 0 {
                parts.push(format!("覆盖 {modified} 个"));
            }
            if *deleted > 0 {
                parts.push(format!("删除 {deleted} 个"));
            }
            format!("{instruction} —— {}", parts.join("，"))
        }
    }
}

/// 容器中的一个操作做了什么。
pub fn container_caption(action: &Action, size: &str) -> String {
    match action {
        Action::Edit { path } => {
            format!(
                "写时复制（copy-up）：{path} 被整个复制到可写层，并在那里追加了一行（现在 {size}）；下层的副本被遮住。"
            )
        }
        Action::Delete { path } => format!("whiteout（删除标记）：可写层中的标记遮住了 {path} 及其下的一切。"),
        Action::Create { path } => format!("{path} 被写入可写层；镜像层没有任何变化。"),
    }
}

/// 操作无法进行的原因。
pub fn refused(why: &Refused) -> String {
    match why {
        Refused::NotVisible(p) => format!("容器中没有 {p}。"),
        Refused::NotAFile(p) => format!("{p} 不是普通文件：只能编辑文件。"),
        Refused::Exists(p) => format!("{p} 已经存在。"),
        Refused::NoDirectory(p) => format!("没有目录 {p}。"),
        Refused::Root => "不能删除根目录。".to_owned(),
    }
}
