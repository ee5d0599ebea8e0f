//! A list kept in shared chunks of [`CHUNK`] items: a copy shares every chunk (a few reference
//! counts, not one per item), and a list made again after an edit shares each chunk the edit did
//! not touch. The wrapped texts of a huge map are kept so ([`super::Prepared::wrapped`]): after
//! an objection is added to 100,000 statements, the texts' list costs a hundred shared chunks,
//! not 100,000 shared texts each counted on memory of its own.

use std::sync::Arc;

/// Items per chunk.
pub const CHUNK: usize = 1024;

/// A list in chunks: every chunk but the last holds exactly [`CHUNK`] items.
#[derive(Clone, Debug, PartialEq)]
pub struct Chunked<T> {
    chunks: Vec<Arc<Vec<T>>>,
    len: usize,
}

impl<T> Default for Chunked<T> {
    fn default() -> Self {
        Self { chunks: Vec::new(), len: 0 }
    }
}

impl<T: Clone> Chunked<T> {
    /// How many items it holds.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The item at `i`.
    pub fn get(&self, i: usize) -> Option<&T> {
        self.chunks.get(i / CHUNK)?.get(i % CHUNK)
    }

    /// The items in order.
    pub fn iter(&self) -> impl Iterator<Item = &T> + '_ {
        self.chunks.iter().flat_map(|c| c.iter())
    }

    /// Adds an item at the end (copying the last chunk first if it is shared).
    pub fn push(&mut self, item: T) {
        if self.len.is_multiple_of(CHUNK) {
            self.chunks.push(Arc::new(Vec::with_capacity(CHUNK)));
        }
        if let Some(last) = self.chunks.last_mut() {
            Arc::make_mut(last).push(item);
            self.len += 1;
        }
    }

    /// The chunk of `other` that starts at `at` (a multiple of [`CHUNK`]), shared whole as this
    /// list's next, when this list ends at `at`; how many items it added (0: none).
    pub fn share(&mut self, other: &Chunked<T>, at: usize) -> usize {
        if self.len != at || !at.is_multiple_of(CHUNK) {
            return 0;
        }
        let Some(chunk) = other.chunks.get(at / CHUNK) else { return 0 };
        self.chunks.push(Arc::clone(chunk));
        self.len += chunk.len();
        chunk.len()
    }

    /// How many items the chunk of this list that starts at `at` holds (0: none starts there).
    pub fn chunk_len(&self, at: usize) -> usize {
        if !at.is_multiple_of(CHUNK) {
            return 0;
        }
        self.chunks.get(at / CHUNK).map_or(0, |c| c.len())
    }
}

impl<T: Clone> FromIterator<T> for Chunked<T> {
    fn from_iter<I: IntoIterator<Item = T>>(items: I) -> Self {
        let mut out = Self::default();
        for item in items {
            out.push(item);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_made_again_shares_the_chunks_it_takes_over_and_reads_as_the_items() {
        let old: Chunked<usize> = (0..2 * CHUNK + 10).collect();
        assert_eq!(old.len(), 2 * CHUNK + 10);
        assert_eq!(old.iter().copied().collect::<Vec<_>>(), (0..2 * CHUNK + 10).collect::<Vec<_>>());
        assert_eq!(old.get(CHUNK + 3), Some(&(CHUNK + 3)));
        assert_eq!(old.get(2 * CHUNK + 10), None);
        // The first two chunks taken over, the last made again with one more item.
        let mut new = Chunked::default();
        assert_eq!(new.share(&old, 1), 0, "not where this list ends");
        assert_eq!(new.share(&old, 0), CHUNK);
        assert_eq!(new.share(&old, CHUNK), CHUNK);
        assert_eq!(new.share(&old, 2 * CHUNK), 10);
        new.push(99);
        assert!(Arc::ptr_eq(&new.chunks[0], &old.chunks[0]));
        assert!(!Arc::ptr_eq(&new.chunks[2], &old.chunks[2]), "the shared last chunk is copied to grow");
        assert_eq!(old.len(), 2 * CHUNK + 10);
        assert_eq!(new.get(2 * CHUNK + 10), Some(&99));
        assert_eq!(new.iter().count(), 2 * CHUNK + 11);
        assert_eq!(old.chunk_len(2 * CHUNK), 10);
        assert_eq!(old.chunk_len(3), 0);
    }
}
