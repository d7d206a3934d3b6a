// An example host shop that is not cartlift: plain HTML and JavaScript, its own
// catalog and its own cart (kept on this server, per visitor, behind /api/cart calls as
// in the reference documents' CartConfig example), and the cartlift widget embedded by
// one script tag. Node.js only, no packages.
//
//   node examples/host-page/server.mjs --port 8080 --cartlift http://127.0.0.1:3000 --token clw_...
//
// The catalog is the demo data set's (the UK gift shop cartlift's demo imports), so
// the widget's suggestions are products this shop sells.
import { createServer } from 'node:http';
import { readFileSync, readdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { randomUUID } from 'node:crypto';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const port = Number(arg('port', process.env.HOST_PORT ?? 8080));
const cartlift = (arg('cartlift', process.env.CARTLIFT_URL ?? 'http://127.0.0.1:3000')).replace(/\/$/, '');
const token = arg('token', process.env.CARTLIFT_TOKEN ?? '');
if (!token) {
  console.error('host-page: give the shop\'s widget token: --token clw_... (cartlift shop token demo --label host-page)');
  process.exit(2);
}

// The catalog: each stock code with its latest name and price, and how often it sold.
function parseLine(line) {
  const out = [];
  let cur = '', quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') { cur += '"'; i++; } else if (c === '"') quoted = false; else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { out.push(cur); cur = ''; } else cur += c;
  }
  out.push(cur);
  return out;
}
const dataDir = join(here, '..', '..', 'data');
const file = readdirSync(dataDir).find((f) => f.startsWith('online-retail') && f.endsWith('.csv.gz'));
const catalog = new Map();
for (const line of gunzipSync(readFileSync(join(dataDir, file))).toString('utf8').split('\n').slice(1)) {
  const [invoice, code, name, qty, , price] = parseLine(line);
  if (!code || invoice.startsWith('C') || !(Number(price) > 0) || !(Number(qty) > 0) || !name.trim()) continue;
  const p = catalog.get(code) ?? { code, sold: 0 };
  p.name = name.trim();
  p.price = Number(price);
  p.sold++;
  catalog.set(code, p);
}
const featured = [...catalog.values()].sort((a, b) => b.sold - a.sold).slice(0, 12);
const money = (n) => `£${n.toFixed(2)}`;

// Carts, per visitor (a cookie names the cart), as a shop's backend keeps them.
const carts = new Map();
function cartOf(req, res) {
  const sid = /(?:^|; )host_sid=([\w-]+)/.exec(req.headers.cookie ?? '')?.[1];
  if (sid && carts.has(sid)) return carts.get(sid);
  const id = randomUUID();
  const cart = { lines: [] };
  carts.set(id, cart);
  res.setHeader('Set-Cookie', `host_sid=${id}; Path=/; HttpOnly; SameSite=Lax`);
  return cart;
}
function cartJson(cart) {
  const subtotal = cart.lines.reduce((s, l) => s + l.qty * catalog.get(l.code).price, 0);
  return {
    items: cart.lines.map((l) => {
      const p = catalog.get(l.code);
      return {
        line_item_key: l.key, product_id: p.code, post_id: p.code, title: p.name, formatted_price: money(p.price), qty: l.qty,
        thumbnail: `${cartlift}/art/${encodeURIComponent(p.code)}.svg`, permalink: `/products/${encodeURIComponent(p.code)}`,
        variant_label: null, stock_qty: 99,
      };
    }),
    total_items: cart.lines.reduce((s, l) => s + l.qty, 0),
    formatted_subtotal: money(subtotal),
    formatted_total: money(subtotal),
    currency: 'GBP',
  };
}

const page = (name, fill = {}) =>
  readFileSync(join(here, name), 'utf8').replace(/\{\{(\w+)\}\}/g, (_, k) => fill[k] ?? { CARTLIFT_URL: cartlift, TOKEN: token }[k] ?? '');
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
const card = (p) => `<li class="product"><a href="/products/${encodeURIComponent(p.code)}"><img src="${cartlift}/art/${encodeURIComponent(p.code)}.svg" alt="" width="160" height="160"><span>${esc(p.name)}</span></a><strong>${money(p.price)}</strong><button class="add" data-code="${esc(p.code)}">Add to cart</button></li>`;

async function body(req) {
  let text = '';
  for await (const chunk of req) text += chunk;
  try { return JSON.parse(text || '{}'); } catch { return null; }
}
function send(res, status, type, text) {
  res.writeHead(status, { 'Content-Type': type });
  res.end(text);
}
const json = (res, status, v) => send(res, status, 'application/json', JSON.stringify(v));

createServer(async (req, res) => {
  const url = new URL(req.url, `http://${req.headers.host}`);
  const path = url.pathname;
  try {
    if (req.method === 'GET' && path === '/') return send(res, 200, 'text/html; charset=utf-8', page('index.html', { PRODUCTS: featured.map(card).join('') }));
    if (req.method === 'GET' && path.startsWith('/products/')) {
      const p = catalog.get(decodeURIComponent(path.slice('/products/'.length)));
      if (!p) return send(res, 404, 'text/plain', 'No such product');
      return send(res, 200, 'text/html; charset=utf-8', page('index.html', { PRODUCTS: card(p), TITLE: esc(p.name) }));
    }
    if (req.method === 'GET' && path === '/checkout') return send(res, 200, 'text/html; charset=utf-8', '<!doctype html><title>Checkout</title><h1>Checkout</h1><p>This example shop stops here.</p>');
    if (req.method === 'GET' && (path === '/shop.js' || path === '/style.css')) {
      return send(res, 200, path.endsWith('.js') ? 'text/javascript' : 'text/css', readFileSync(join(here, path.slice(1))));
    }
    if (path === '/api/cart' && req.method === 'GET') return json(res, 200, cartJson(cartOf(req, res)));
    if (path === '/api/cart/add' && req.method === 'POST') {
      const cart = cartOf(req, res);
      const b = await body(req);
      const p = b && catalog.get(String(b.productId));
      const qty = Number(b?.quantity ?? 1);
      if (!p || !Number.isInteger(qty) || qty < 1 || qty > 99) return json(res, 400, { error: 'unknown product or bad quantity' });
      const line = cart.lines.find((l) => l.code === p.code);
      if (line) line.qty = Math.min(99, line.qty + qty); else cart.lines.push({ key: randomUUID().slice(0, 8), code: p.code, qty });
      return json(res, 200, cartJson(cart));
    }
    const m = /^\/api\/cart\/([\w-]+)$/.exec(path);
    if (m && (req.method === 'DELETE' || req.method === 'PATCH')) {
      const cart = cartOf(req, res);
      const line = cart.lines.find((l) => l.key === m[1]);
      if (!line) return json(res, 404, { error: 'no such line' });
      if (req.method === 'DELETE') cart.lines = cart.lines.filter((l) => l !== line);
      else {
        const qty = Number((await body(req))?.quantity);
        if (!Number.isInteger(qty) || qty < 0 || qty > 99) return json(res, 400, { error: 'bad quantity' });
        if (qty === 0) cart.lines = cart.lines.filter((l) => l !== line); else line.qty = qty;
      }
      return json(res, 200, cartJson(cart));
    }
    send(res, 404, 'text/plain', 'Not found');
  } catch (e) {
    console.error(e);
    send(res, 500, 'text/plain', 'host-page failed');
  }
}).listen(port, '127.0.0.1', () => console.log(`host-page: http://127.0.0.1:${port}/ (cartlift at ${cartlift})`));
