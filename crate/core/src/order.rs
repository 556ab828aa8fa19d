//! One stable sort shared by every list the page sorts.
//!
//! The standard library's stable sort is compiled again for every element type and comparison it
//! is called with, about 4 KB of WebAssembly each; the page called it with 26 of them, 111 KB of
//! its 2 MB of code before optimisation. [`sort_by`] compiles the standard sort once, over
//! positions with a comparison passed by reference, and then moves the elements into that order
//! (a permutation applied cycle by cycle): the same order as `slice::sort_by`, stable, at the cost
//! of two `usize` per element while it sorts. The merge of a large image keeps the standard sort
//! where a million paths are sorted at once (`merge::visible`).

use std::cmp::Ordering;

/// Sorts `v` by `cmp`, stably: what `v.sort_by(cmp)` does.
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let order = {
        let items: &[T] = v;
        stable_order(items.len(), &mut |a, b| match (items.get(a), items.get(b)) {
            (Some(x), Some(y)) => cmp(x, y),
            _ => Ordering::Equal,
        })
    };
    permute(v, &order);
}

/// Sorts `v` by the key `key` gives each element, stably: what `v.sort_by_key(key)` does.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// The positions `0..n` in the order `cmp` gives them (ties keep their order). Not generic: the
/// one copy of the standard sort in the module.
fn stable_order(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

/// Moves the element at `order[k]` to place `k`, for every `k`.
fn permute<T>(v: &mut [T], order: &[usize]) {
    // Where each element goes.
    let mut dest = vec![0; order.len()];
    for (place, &from) in order.iter().enumerate() {
        if let Some(d) = dest.get_mut(from) {
            *d = place;
        }
    }
    for i in 0..v.len() {
        while let Some(&j) = dest.get(i).filter(|&&j| j != i && j < v.len()) {
            v.swap(i, j);
            dest.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Random lists with many ties, sorted by a key on part of each element: exactly the standard
    /// stable sort's order.
    #[test]
    fn is_the_standard_stable_sort() {
        let mut rng = fastrand::Rng::with_seed(19);
        for _ in 0..500 {
            let v: Vec<(u8, u32)> = (0..rng.usize(0..60)).map(|i| (rng.u8(..6), i as u32)).collect();
            let by = |a: &(u8, u32), b: &(u8, u32)| (a.0 % 3).cmp(&(b.0 % 3)).then(b.0.cmp(&a.0));
            let mut want = v.clone();
            want.sort_by(by);
            let mut got = v.clone();
            sort_by(&mut got, by);
            assert_eq!(got, want);
            let mut want = v.clone();
            want.sort_by_key(|x| x.0);
            let mut got = v;
            sort_by_key(&mut got, |x| x.0);
            assert_eq!(got, want);
        }
    }

    #[test]
    fn owned_elements_are_moved_not_lost() {
        let mut v: Vec<String> = ["pear", "fig", "apple", "fig", "date"].map(String::from).to_vec();
        sort_by(&mut v, |a, b| a.len().cmp(&b.len()));
        assert_eq!(v, ["fig", "fig", "pear", "date", "apple"]);
    }
}
