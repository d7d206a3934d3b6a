//! The agent on anything a shopper (or a fuzzer) can type: it understands or
//! declines, and decides against a cart, without panicking. Words the rules look
//! at (numbers, "x", "más", "less"...) are mixed in so the rules run, not only the
//! tokenizer. (proptest; `PROPTEST_CASES` sets how many.)

use cartlift_agent::{decide, understand, CartLine, Memory, ShopWords};
use proptest::prelude::*;

fn utterance() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        Just("0"),
        Just("1"),
        Just("x"),
        Just("x3"),
        Just("+"),
        Just("más"),
        Just("less"),
        Just("more"),
        Just("of"),
        Just("de"),
        Just("please"),
        Just("remove"),
        Just("quita"),
        Just("mug"),
        Just("cesta"),
        Just("two"),
        Just("una"),
        Just("¿"),
        Just("10"),
    ]
    .prop_map(str::to_string);
    prop_oneof![
        "\\PC{0,60}",
        proptest::collection::vec(prop_oneof![word, "\\PC{1,8}"], 0..8).prop_map(|w| w.join(" ")),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn any_utterance_is_understood_or_declined(text in utterance()) {
        let understood = understand(&text, None);
        let cart = [
            CartLine { key: "k1", name: "WHITE METAL LANTERN", quantity: 2 },
            CartLine { key: "k2", name: "ENAMEL MUG", quantity: 1 },
        ];
        decide(&understood, &cart, &Memory::default(), &ShopWords::default());
        decide(&understood, &[], &Memory::default(), &ShopWords::default());
    }
}

#[test]
fn a_lone_number_is_not_a_request_to_change_the_cart() {
    // Found by schemathesis: "0" made the count rule look two words back.
    let understood = understand("0", None);
    decide(&understood, &[], &Memory::default(), &ShopWords::default());
}
