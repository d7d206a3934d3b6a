//! The cart widget: the header button, the drawer and (later) its cross-sell section.

mod drawer;

pub use drawer::CartWidget;
