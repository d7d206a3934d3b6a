//! The widget's and the demo shop's UI strings in the languages they ship
//! (English and Spanish).

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
    Subtotal,
    Total,
    Checkout,
    Remove,
    Decrease,
    Increase,
    Quantity,
    FreeShippingMet,
    FreeShippingProgress,
    ShipTo,
    OftenBoughtTogether,
    Add,
    LowStock,
    Bestseller,
    Added,
    ChooseLanguage,
    Home,
    AllProducts,
    Categories,
    Popular,
    Search,
    SearchPlaceholder,
    AddToCart,
    OutOfStock,
    Previous,
    Next,
    NoProducts,
    PlaceOrder,
    OrderPlaced,
    ContinueShopping,
    ProductNotFound,
    GoToCart,
    AskPlaceholder,
    AskLabel,
    Yes,
    No,
    NoThanks,
    EmptyCartConfirm,
    KeepCart,
    SeeAllResults,
    CloseResults,
    Suggested,
    Refine,
    HeroTitle,
    HeroText,
}

/// The UI text of a message in a language.
/// A UI string that follows the shopper's language. Every string of the UI is this
/// one type, so the browser bundle holds one copy of the code that renders and
/// updates them rather than one per string.
pub fn localized(
    language: leptos::prelude::RwSignal<Language>,
    msg: Msg,
) -> leptos::prelude::Signal<&'static str> {
    use leptos::prelude::Get;
    leptos::prelude::Signal::derive(move || language.get().t(msg))
}

/// A UI string followed by a name ("Add Lantern"), in the shopper's language: one
/// type for all such labels, for the same reason as [`localized`].
pub fn localized_for(
    language: leptos::prelude::RwSignal<Language>,
    msg: Msg,
    name: String,
) -> leptos::prelude::Signal<String> {
    use leptos::prelude::Get;
    leptos::prelude::Signal::derive(move || format!("{} {}", language.get().t(msg), name))
}

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
            (En, Subtotal) => "Subtotal",
            (Es, Subtotal) => "Subtotal",
            (En, Total) => "Total",
            (Es, Total) => "Total",
            (En, Checkout) => "Checkout",
            (Es, Checkout) => "Finalizar compra",
            (En, Remove) => "Remove",
            (Es, Remove) => "Quitar",
            (En, Decrease) => "One less",
            (Es, Decrease) => "Uno menos",
            (En, Increase) => "One more",
            (Es, Increase) => "Uno más",
            (En, Quantity) => "Quantity",
            (Es, Quantity) => "Cantidad",
            (En, FreeShippingMet) => "Your order ships free.",
            (Es, FreeShippingMet) => "Tu pedido tiene envío gratis.",
            (En, FreeShippingProgress) => "Progress to free shipping",
            (Es, FreeShippingProgress) => "Progreso hacia el envío gratis",
            (En, ShipTo) => "Ship to",
            (Es, ShipTo) => "Enviar a",
            (En, OftenBoughtTogether) => "Often bought together",
            (Es, OftenBoughtTogether) => "Se compran juntos a menudo",
            (En, Add) => "Add",
            (Es, Add) => "Añadir",
            (En, LowStock) => "Low stock",
            (Es, LowStock) => "Pocas unidades",
            (En, Bestseller) => "Bestseller",
            (Es, Bestseller) => "Más vendido",
            (En, Added) => "Added to your cart",
            (Es, Added) => "Añadido a tu carrito",
            (En, ChooseLanguage) => "Language",
            (Es, ChooseLanguage) => "Idioma",
            (En, Home) => "Home",
            (Es, Home) => "Inicio",
            (En, AllProducts) => "All products",
            (Es, AllProducts) => "Todos los productos",
            (En, Categories) => "Categories",
            (Es, Categories) => "Categorías",
            (En, Popular) => "Popular right now",
            (Es, Popular) => "Lo más vendido",
            (En, Search) => "Search",
            (Es, Search) => "Buscar",
            (En, SearchPlaceholder) => "Search lanterns, mugs, bags…",
            (Es, SearchPlaceholder) => "Busca farolillos, tazas, bolsas…",
            (En, AddToCart) => "Add to cart",
            (Es, AddToCart) => "Añadir al carrito",
            (En, OutOfStock) => "Out of stock",
            (Es, OutOfStock) => "Agotado",
            (En, Previous) => "Previous",
            (Es, Previous) => "Anterior",
            (En, Next) => "Next",
            (Es, Next) => "Siguiente",
            (En, NoProducts) => "No products match.",
            (Es, NoProducts) => "Ningún producto coincide.",
            (En, PlaceOrder) => "Place order",
            (Es, PlaceOrder) => "Realizar pedido",
            (En, OrderPlaced) => "Thank you! Your order is placed:",
            (Es, OrderPlaced) => "¡Gracias! Tu pedido está hecho:",
            (En, ContinueShopping) => "Continue shopping",
            (Es, ContinueShopping) => "Seguir comprando",
            (En, ProductNotFound) => "This product does not exist.",
            (Es, ProductNotFound) => "Este producto no existe.",
            (En, GoToCart) => "View cart",
            (Es, GoToCart) => "Ver carrito",
            (En, AskPlaceholder) => "Search or ask: “add a lantern”, “ship to Spain”",
            (Es, AskPlaceholder) => "Busca o pide: «añade un farolillo», «envío a Francia»",
            (En, AskLabel) => "Search the shop or ask about your cart",
            (Es, AskLabel) => "Busca en la tienda o pregunta por tu carrito",
            (En, Yes) => "Yes",
            (Es, Yes) => "Sí",
            (En, No) => "No",
            (Es, No) => "No",
            (En, NoThanks) => "No, thanks",
            (Es, NoThanks) => "No, gracias",
            (En, EmptyCartConfirm) => "Empty my cart",
            (Es, EmptyCartConfirm) => "Vaciar mi carrito",
            (En, KeepCart) => "Keep my cart",
            (Es, KeepCart) => "Mantener mi carrito",
            (En, SeeAllResults) => "See all results",
            (Es, SeeAllResults) => "Ver todos los resultados",
            (En, CloseResults) => "Close results",
            (Es, CloseResults) => "Cerrar resultados",
            (En, Suggested) => "Suggested for your cart",
            (Es, Suggested) => "Sugerido para tu carrito",
            (En, Refine) => "Refine",
            (Es, Refine) => "Afinar",
            (En, HeroTitle) => "Gifts people buy together",
            (Es, HeroTitle) => "Regalos que se compran juntos",
            (En, HeroText) => "Real orders of a UK gift shop. Add something to your cart and open it: the drawer suggests what shoppers bought with it.",
            (Es, HeroText) => "Pedidos reales de una tienda de regalos británica. Añade algo al carrito y ábrelo: el cajón sugiere lo que otros compraron con ello.",
        }
    }
}

/// "Spend £12.50 more for free shipping".
pub fn spend_more(language: Language, amount: &str) -> String {
    match language {
        Language::En => format!("Spend {amount} more for free shipping"),
        Language::Es => format!("Te faltan {amount} para el envío gratis"),
    }
}

/// "Page 2 of 7".
pub fn page_of(language: Language, page: u32, pages: u32) -> String {
    match language {
        Language::En => format!("Page {page} of {pages}"),
        Language::Es => format!("Página {page} de {pages}"),
    }
}

/// "123 products".
pub fn product_count(language: Language, n: u32) -> String {
    match (language, n) {
        (Language::En, 1) => "1 product".into(),
        (Language::En, n) => format!("{n} products"),
        (Language::Es, 1) => "1 producto".into(),
        (Language::Es, n) => format!("{n} productos"),
    }
}

/// Country names for the destination picker.
pub fn country_name(language: Language, code: &str) -> String {
    let name = match (language, code) {
        (Language::En, "GB") => "United Kingdom",
        (Language::Es, "GB") => "Reino Unido",
        (Language::En, "IE") => "Ireland",
        (Language::Es, "IE") => "Irlanda",
        (Language::En, "FR") => "France",
        (Language::Es, "FR") => "Francia",
        (Language::En, "DE") => "Germany",
        (Language::Es, "DE") => "Alemania",
        (Language::En, "ES") => "Spain",
        (Language::Es, "ES") => "España",
        (Language::En, "NL") => "Netherlands",
        (Language::Es, "NL") => "Países Bajos",
        (Language::En, "US") => "United States",
        (Language::Es, "US") => "Estados Unidos",
        _ => return code.to_string(),
    };
    name.to_string()
}
