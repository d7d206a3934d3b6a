// The example shop's own script: its Add buttons and mini-cart talk to its own cart
// API and fire `neuroon:cart-update`; the CartConfig handed to cartlift is the
// reference documents' example, unchanged but for the data shape of this shop.
(function () {
  const countEl = document.getElementById('mini-count');
  const notify = () => window.dispatchEvent(new CustomEvent('neuroon:cart-update'));
  const refreshMini = () => fetch('/api/cart', { credentials: 'include' }).then((r) => r.json()).then((d) => { countEl.textContent = d.total_items; return d; });

  document.addEventListener('click', async (e) => {
    const add = e.target.closest('button.add');
    if (add) {
      await fetch('/api/cart/add', { method: 'POST', credentials: 'include', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ productId: add.dataset.code, quantity: 1 }) });
      await refreshMini();
      notify();
    }
    if (e.target.id === 'mini-empty') {
      const data = await refreshMini();
      for (const line of data.items) await fetch(`/api/cart/${line.line_item_key}`, { method: 'DELETE', credentials: 'include' });
      await refreshMini();
      notify();
    }
  });
  // The widget changes the cart too: keep the mini-cart in step.
  window.addEventListener('neuroon:cart-update', refreshMini);

  refreshMini().then((data) => {
    window.MyShop = { cartCount: data.total_items };
    window.NeuroonWidget.init({
      container: '#neuroon-search',
      token: document.body.dataset.cartliftToken,
      cart: {
        enabled: true,
        initialCount: window.MyShop.cartCount,
        async onGetCart() {
          const r = await fetch('/api/cart', { credentials: 'include' });
          const data = await r.json();
          countEl.textContent = data.total_items; // the shop's own mini-cart follows
          return {
            items: data.items.map((i) => ({
              key: i.line_item_key,
              id: i.product_id,
              externalId: String(i.post_id),
              name: i.title,
              price: i.formatted_price,
              quantity: i.qty,
              image: i.thumbnail,
              url: i.permalink,
              variant: i.variant_label ?? undefined,
              maxQuantity: i.stock_qty,
            })),
            totalItems: data.total_items,
            subtotal: data.formatted_subtotal,
            total: data.formatted_total,
            currency: data.currency,
          };
        },
        async onAddToCart(productId, quantity, externalProductId) {
          const r = await fetch('/api/cart/add', {
            method: 'POST',
            credentials: 'include',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ productId: externalProductId || productId, quantity }),
          });
          if (!r.ok) return { success: false, error: 'Could not add item' };
          return { success: true, cart: await this.onGetCart() };
        },
        async onRemoveFromCart(itemKey) {
          await fetch(`/api/cart/${itemKey}`, { method: 'DELETE', credentials: 'include' });
          return { success: true, cart: await this.onGetCart() };
        },
        async onUpdateQuantity(itemKey, quantity) {
          await fetch(`/api/cart/${itemKey}`, {
            method: 'PATCH',
            credentials: 'include',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ quantity }),
          });
          return { success: true, cart: await this.onGetCart() };
        },
        onCheckout() {
          window.location.href = '/checkout';
        },
      },
    });
  });
})();
