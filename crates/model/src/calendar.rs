//! The NYSE trading calendar (placeholder; filled in by the calendar work).
