//! Independent items (locales, files, PDFs) shared out between the cores on rayon's pool, the
//! results in the items' order.

use rayon::prelude::*;

/// `work` applied to every item on rayon's pool (one thread per core), results in the order of
/// `items`. Each item is a task of its own (`with_max_len(1)`): a locale or a PDF is big enough
/// that stealing one at a time costs nothing, and items of unequal size leave no core idle. A
/// panic in any task is resumed in the caller.
pub fn map<T: Sync, R: Send>(items: &[T], work: impl Fn(&T) -> R + Sync) -> Vec<R> {
    items.par_iter().with_max_len(1).map(&work).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_keep_the_order_of_the_items() {
        let items: Vec<u64> = (0..500).collect();
        // Unequal work, so threads finish out of order.
        let squares = super::map(&items, |&n| {
            if n % 7 == 0 {
                std::thread::sleep(std::time::Duration::from_micros(200));
            }
            n * n
        });
        assert_eq!(squares, items.iter().map(|n| n * n).collect::<Vec<_>>());
        assert!(super::map(&[] as &[u8], |_| 0).is_empty());
    }
}
