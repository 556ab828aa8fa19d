//! 文件面板较长的中文消息。

use strata_core::content::diff::Differs;
use strata_core::content::LookupError;
use strata_core::merge::Node;

/// 为什么无法显示这个路径。
pub fn missing(why: &LookupError) -> String {
    match why {
        LookupError::NoSuchLayer { layer, layers } => {
            format!("镜像没有镜像层 {layer}（共 {layers} 层，从 0 开始编号）")
        }
        LookupError::NotFound { path } => format!("{path}：没有这个文件"),
        LookupError::Deleted { path, layer } => format!("{path}：在镜像层 {layer} 中被删除"),
        LookupError::NoCopyInLayer { path, layer } => format!("{path}：镜像层 {layer} 没有它的副本"),
        LookupError::IsDirectory { path } => format!("{path}：是一个目录"),
        LookupError::NotADirectory { path } => format!("{path}：不是目录"),
        LookupError::LinkLoop { path } => format!("{path}：符号链接层级过多（超过 40 层：一个循环）"),
        LookupError::NotAFile { path, kind } => format!("{path}：{} 不含字节", kind.name()),
    }
}

/// 两个副本之间的其他变化。
pub fn meta_change(what: Differs, old: &Node, new: &Node) -> String {
    match what {
        Differs::Content => format!("内容改变了（{} → {} 字节）。", old.size, new.size),
        Differs::Mode => format!("权限改变了：{:04o} → {:04o}。", old.mode & 0o7777, new.mode & 0o7777),
        Differs::Owner => format!("所有者改变了：{}:{} → {}:{}。", old.uid, old.gid, new.uid, new.gid),
        Differs::Type => format!("类型改变了：{} → {}。", old.kind.name(), new.kind.name()),
        Differs::Target => format!(
            "链接目标改变了：{} → {}。",
            old.target.as_deref().unwrap_or(""),
            new.target.as_deref().unwrap_or("")
        ),
    }
}
