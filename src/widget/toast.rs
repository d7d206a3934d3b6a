//! Short messages at the edge of the screen: what a cart operation did, or why it
//! did not. Announced to screen readers, gone after a few seconds.

use leptos::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ToastKind {
    Info,
    Error,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Toast {
    id: u64,
    kind: ToastKind,
    text: String,
}

/// The toasts on screen; cheap to copy into any handler.
#[derive(Clone, Copy)]
pub struct Toasts {
    list: RwSignal<Vec<Toast>>,
    next: StoredValue<u64>,
}

const SHOWN_MS: u32 = 4000;

impl Toasts {
    pub fn new() -> Self {
        Toasts {
            list: RwSignal::new(Vec::new()),
            next: StoredValue::new(0),
        }
    }

    pub fn show(&self, kind: ToastKind, text: impl Into<String>) {
        let id = self.next.get_value();
        self.next.set_value(id + 1);
        self.list.update(|l| {
            l.push(Toast {
                id,
                kind,
                text: text.into(),
            })
        });
        let list = self.list;
        super::after_ms(SHOWN_MS, move || list.update(|l| l.retain(|t| t.id != id)));
    }

    pub fn error(&self, text: impl Into<String>) {
        self.show(ToastKind::Error, text);
    }

    pub fn info(&self, text: impl Into<String>) {
        self.show(ToastKind::Info, text);
    }
}

impl Default for Toasts {
    fn default() -> Self {
        Self::new()
    }
}

#[component]
pub fn ToastList(toasts: Toasts) -> impl IntoView {
    view! {
        <div class="toasts" role="status" aria-live="polite">
            <For each=move || toasts.list.get() key=|t| t.id let:t>
                <div
                    class="toast"
                    class:toast-error=t.kind == ToastKind::Error
                    data-testid=if t.kind == ToastKind::Error { "toast-error" } else { "toast" }
                >
                    {t.text}
                </div>
            </For>
        </div>
    }
}
