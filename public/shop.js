// The demo shop's own controls, outside the widget: the buy box of a product page,
// the cart page's lines and the checkout. They are what any host shop has, plain
// JavaScript over the shop's cart endpoints; after a change they fire the cart-update
// event, and the widget (the only Leptos island) re-reads the cart. The pages are
// server-rendered and carry their text in the shopper's language.
(() => {
  const script = document.currentScript;
  const cartEvent = script.dataset.cartEvent;
  const announce = () => window.dispatchEvent(new CustomEvent(cartEvent));

  // The shop's server functions answer JSON; a failure answers a status and a text.
  async function call(name, body) {
    const response = await fetch(`/api/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(text || `${response.status} ${response.statusText}`);
    return JSON.parse(text);
  }

  const say = (el, text, isError) => {
    el.textContent = '';
    const span = document.createElement('span');
    if (isError) span.className = 'error';
    span.textContent = text;
    el.append(span);
    return span;
  };

  // Product page: quantity and "Add to cart".
  for (const box of document.querySelectorAll('[data-buy]')) {
    const button = box.querySelector('button');
    const input = box.querySelector('input');
    const status = document.querySelector('[data-testid="add-status"]');
    button.addEventListener('click', async () => {
      if (button.disabled) return;
      button.disabled = true;
      const max = Number(input.max) || 99;
      const quantity = Math.min(Math.max(Number(input.value) || 1, 1), max);
      try {
        const result = await call('cart_add', { product_id: box.dataset.buy, quantity });
        if (result.success) {
          const done = say(status, `${box.dataset.added} · `);
          const link = document.createElement('a');
          link.href = '/cart';
          link.textContent = box.dataset.goToCart;
          done.append(link);
          announce();
        } else {
          say(status, result.error || '', true);
        }
      } catch (e) {
        say(status, e.message, true);
      } finally {
        button.disabled = false;
      }
    });
  }

  // Cart page: steppers and remove; the lines follow the cart the shop answers.
  const table = document.querySelector('[data-testid="cart-page"]');
  if (table) {
    const section = table.closest('[data-cart-page]');
    const render = (cart) => {
      if (cart.items.length === 0) {
        const empty = document.createElement('p');
        empty.className = 'empty';
        empty.textContent = section.dataset.empty;
        section.replaceChildren(empty);
        return;
      }
      const rows = table.tBodies[0];
      const template = rows.rows[0];
      rows.replaceChildren(
        ...cart.items.map((item) => {
          const row = template.cloneNode(true);
          row.dataset.key = item.key;
          row.querySelector('img').src = item.image || '';
          const link = row.querySelector('a');
          link.href = item.url || '';
          link.textContent = item.name;
          row.querySelector('[data-price]').textContent = item.price;
          row.querySelector('[data-testid="page-quantity"]').textContent = item.quantity;
          row.dataset.quantity = item.quantity;
          return row;
        }),
      );
      section.querySelector('[data-total]').textContent = cart.total;
    };
    table.addEventListener('click', async (ev) => {
      const button = ev.target.closest('button[data-change]');
      if (!button || table.dataset.busy) return;
      const row = button.closest('tr');
      const quantity = Number(row.dataset.quantity);
      const to = { less: quantity - 1, more: quantity + 1, remove: 0 }[button.dataset.change];
      table.dataset.busy = '1';
      try {
        const result = await call('cart_set_quantity', { item_key: row.dataset.key, quantity: Math.max(to, 0) });
        if (result.success && result.cart) {
          render(result.cart);
          announce();
        } else if (!result.success) {
          say(section.querySelector('[role="alert"]'), result.error || '', true);
        }
      } catch (e) {
        say(section.querySelector('[role="alert"]'), e.message, true);
      } finally {
        delete table.dataset.busy;
      }
    });
  }

  // Checkout: closes the cart as an order, then shows its number.
  const place = document.querySelector('[data-testid="place-order"]');
  if (place) {
    const form = place.closest('[data-checkout]');
    place.addEventListener('click', async () => {
      if (place.disabled) return;
      place.disabled = true;
      try {
        const order = await call('cart_checkout', {});
        const placed = document.createElement('p');
        placed.className = 'placed';
        placed.dataset.testid = 'order-placed';
        placed.append(`${form.dataset.placed} `);
        const number = document.createElement('strong');
        number.dataset.testid = 'order-number';
        number.textContent = order;
        placed.append(number);
        const more = document.createElement('a');
        more.href = '/products';
        more.textContent = form.dataset.continue;
        form.replaceChildren(placed, more);
        announce();
      } catch (e) {
        say(form.querySelector('[role="alert"]'), e.message, true);
        place.disabled = false;
      }
    });
  }
})();
