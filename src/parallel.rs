//! Ordered parallel map for the CPU-bound steps of rendering that are
//! independent per item (parsing template files, parsing the heads of
//! rendered documents). Results come back in input order, so callers keep
//! reporting the first error of a sequential run.

/// Threads spawned here get a deep stack: parsers recurse per nesting level.
const STACK: usize = 64 * 1024 * 1024;

/// Cores to spread CPU-bound work over (at most four: beyond that the
/// splitting costs more than it saves).
pub fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(4))
}

/// `f` over `items` in order, on up to four cores when the items' total
/// `size` reaches `threshold` (below it a thread's start-up costs more than
/// it saves). Items are cut into contiguous runs of about equal size; the
/// first run is done on the calling thread.
pub fn map_ordered<T, R, F>(
    items: &[T],
    size: impl Fn(&T) -> usize,
    threshold: usize,
    f: F,
) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(&T) -> R + Sync,
{
    let total: usize = items.iter().map(&size).sum();
    if total < threshold || items.len() < 2 {
        return items.iter().map(&f).collect();
    }
    // Asked only now: it reads cgroup files, which small charts need not pay.
    let cores = cores();
    if cores < 2 {
        return items.iter().map(&f).collect();
    }
    let share = total.div_ceil(cores);
    let mut runs: Vec<&[T]> = Vec::new();
    let (mut start, mut acc) = (0, 0);
    for (i, item) in items.iter().enumerate() {
        acc += size(item);
        if acc >= share {
            runs.push(&items[start..=i]);
            (start, acc) = (i + 1, 0);
        }
    }
    if start < items.len() {
        runs.push(&items[start..]);
    }
    let f = &f;
    let run_all = move |run: &[T]| -> Vec<R> { run.iter().map(f).collect() };
    std::thread::scope(|scope| {
        let Some((first, rest)) = runs.split_first() else {
            return Vec::new();
        };
        let handles: Vec<_> = rest
            .iter()
            .map(|&run| {
                std::thread::Builder::new()
                    .name("capstan-worker".into())
                    .stack_size(STACK)
                    .spawn_scoped(scope, move || run_all(run))
                    .map_err(|_| run)
            })
            .collect();
        let mut out = run_all(first);
        for h in handles {
            match h {
                Ok(h) => match h.join() {
                    Ok(v) => out.extend(v),
                    Err(panic) => std::panic::resume_unwind(panic),
                },
                // No thread to be had: do the run here.
                Err(run) => out.extend(run_all(run)),
            }
        }
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_order_above_and_below_the_threshold() {
        let items: Vec<usize> = (0..1000).collect();
        let seq: Vec<usize> = items.iter().map(|i| i * 3).collect();
        assert_eq!(map_ordered(&items, |_| 10, 1, |i| i * 3), seq);
        assert_eq!(map_ordered(&items, |_| 10, usize::MAX, |i| i * 3), seq);
        assert_eq!(map_ordered(&items[..1], |_| 10, 1, |i| i * 3), vec![0]);
        assert!(map_ordered(&items[..0], |_| 10, 1, |i| i * 3).is_empty());
        // Uneven sizes: one huge item, many small ones.
        assert_eq!(
            map_ordered(&items, |i| if *i == 7 { 100_000 } else { 1 }, 1, |i| i * 3),
            seq
        );
    }
}
