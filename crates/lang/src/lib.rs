//! lang (to be written).
