// The admin pages' one script: product pickers that suggest as the admin types, and
// a confirmation before a delete. The pages work without it (type a product's id or
// whole name; deletes then happen without asking).
(() => {
  const list = document.getElementById('product-choices');
  let timer = 0;
  let asked = '';

  async function suggest(typed) {
    if (typed === asked) return;
    asked = typed;
    const url = `/api/admin_find_products?q=${encodeURIComponent(typed)}`;
    const response = await fetch(url, { headers: { accept: 'application/json' } });
    if (!response.ok || typed !== asked) return;
    const found = await response.json();
    list.replaceChildren(
      ...found.map(({ id, name }) => {
        const option = document.createElement('option');
        option.value = id;
        option.label = name;
        option.textContent = name;
        return option;
      }),
    );
  }

  for (const input of document.querySelectorAll('input[data-picker]')) {
    input.addEventListener('input', () => {
      clearTimeout(timer);
      const typed = input.value.trim();
      if (typed.length < 2) return;
      timer = setTimeout(() => suggest(typed).catch(() => {}), 150);
    });
  }

  for (const form of document.querySelectorAll('form[data-confirm]')) {
    form.addEventListener('submit', (event) => {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  }
})();
