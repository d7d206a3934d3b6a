//! The widget's UI strings in the languages it ships (English and Spanish).

pub use cartlift_contract::Language;

/// Keys of the UI strings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Msg {
    Cart,
    YourCart,
    CloseCart,
    OpenCart,
    EmptyCart,
    Loading,
}

/// The UI text of a message in a language.
pub trait Text {
    fn t(self, msg: Msg) -> &'static str;
}

impl Text for Language {
    fn t(self, msg: Msg) -> &'static str {
        use Language::{En, Es};
        use Msg::*;
        match (self, msg) {
            (En, Cart) => "Cart",
            (Es, Cart) => "Carrito",
            (En, YourCart) => "Your cart",
            (Es, YourCart) => "Tu carrito",
            (En, CloseCart) => "Close cart",
            (Es, CloseCart) => "Cerrar carrito",
            (En, OpenCart) => "Open cart",
            (Es, OpenCart) => "Abrir carrito",
            (En, EmptyCart) => "Your cart is empty.",
            (Es, EmptyCart) => "Tu carrito está vacío.",
            (En, Loading) => "Loading…",
            (Es, Loading) => "Cargando…",
        }
    }
}
