/* cartlift embed loader: <script src="https://CARTLIFT-HOST/widget.js" defer></script>,
   then NeuroonWidget.init({container, token, language, cart}) (also Cartlift.init);
   NeuroonWidget.visitorId() and sessionId() give the anonymous ids it sends, for the
   host's orders.

   This file is all a page pays for until the shopper shows intent: it checks the
   options, draws the search box and the cart button in a shadow root (the host's
   styles cannot reach in, the widget's cannot leak out), and opens the drawer's shell
   with the host cart's lines at once. The widget itself (wasm) is fetched on intent
   (pointer over or focus on the widget, a cart update, openCart()) or, with
   prefetch: 'idle', when the browser is idle; its components then take the shell's
   place, with the same markup and styles. The styles below are style/widget.css,
   put in by the build. */
(function () {
  'use strict';
  var CSS = '__WIDGET_CSS__';
  var me = document.currentScript;
  var origin = me && me.src ? new URL(me.src, location.href).origin : location.origin;
  var TEXT = {
    en: { cart: 'Cart', open: 'Open cart', title: 'Your cart', close: 'Close cart', loading: 'Loading…', empty: 'Your cart is empty.',
      ask: 'Search the shop or ask about your cart', placeholder: 'Search or ask: “add a lantern”, “ship to Spain”', search: 'Search', failed: 'The cart could not be loaded. Please try again.' },
    es: { cart: 'Carrito', open: 'Abrir carrito', title: 'Tu carrito', close: 'Cerrar carrito', loading: 'Cargando…', empty: 'Tu carrito está vacío.',
      ask: 'Busca en la tienda o pregunta por tu carrito', placeholder: 'Busca o pide: «añade un farolillo», «envío a Francia»', search: 'Buscar', failed: 'No se pudo cargar el carrito. Inténtalo de nuevo.' }
  };
  var ICON = '<svg class="cart-icon" aria-hidden="true" viewBox="0 0 24 24" width="20" height="20"><path d="M3 4h2l2.4 10.2a1 1 0 0 0 1 .8h8.9a1 1 0 0 0 1-.8L20 7H6.2" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"></path><circle cx="9.5" cy="19" r="1.5" fill="currentColor"></circle><circle cx="17" cy="19" r="1.5" fill="currentColor"></circle></svg>';
  var REQUIRED = ['onGetCart', 'onAddToCart', 'onRemoveFromCart', 'onUpdateQuantity', 'onCheckout'];
  var OPTIONAL = ['canAddToCart', 'onSetDestinationCountry'];
  var mounted = [];
  var bundle = null;

  /* The visitor's anonymous id (random, in this site's localStorage) and the browser
     session's (sessionStorage): the holdout experiment's unit, and what ties an order
     to the section's clicks. Never personal data. Without storage (a private window
     that refuses it) they last as long as the page. */
  var VISITOR = 'cartlift.visitor', SESSION = 'cartlift.session', kept = {};
  function newId() {
    var b = new Uint8Array(16);
    crypto.getRandomValues(b);
    return Array.prototype.map.call(b, function (x) { return (x < 16 ? '0' : '') + x.toString(16); }).join('');
  }
  function keptId(storage, key) {
    try {
      var s = window[storage], v = s.getItem(key);
      if (!/^[!-~]{1,128}$/.test(v || '')) { v = newId(); s.setItem(key, v); }
      return v;
    } catch (e) {
      return kept[key] || (kept[key] = newId());
    }
  }

  function fail(option, why) {
    console.error('cartlift: init: option "' + option + '" ' + why + '; nothing was mounted.');
    return null;
  }
  function esc(s) {
    return String(s == null ? '' : s).replace(/[&<>"']/g, function (c) { return '&#' + c.charCodeAt(0) + ';'; });
  }

  /* Checks init's options; null (after one console error) when one is wrong. */
  function check(o) {
    if (!o || typeof o !== 'object') return fail('options', 'must be an object');
    var container = typeof o.container === 'string' ? document.querySelector(o.container) : o.container;
    if (!(container instanceof Element)) return fail('container', 'must be a selector of an element on the page, or an element');
    if (typeof o.token !== 'string' || !o.token.trim()) return fail('token', "must be the shop's widget token (a non-empty string)");
    var language = o.language == null ? 'en' : o.language;
    if (typeof language !== 'string') return fail('language', 'must be a string such as "en" or "es"');
    if (!TEXT[language]) {
      console.warn('cartlift: language "' + language + '" is not offered; the widget speaks English.');
      language = 'en';
    }
    var api = o.apiBaseUrl == null ? origin : o.apiBaseUrl;
    try { api = new URL(api, location.href).href.replace(/\/$/, ''); } catch (e) { return fail('apiBaseUrl', 'must be a URL'); }
    if (o.search != null && typeof o.search !== 'boolean') return fail('search', 'must be true or false');
    if (o.prefetch != null && o.prefetch !== 'idle' && o.prefetch !== false) return fail('prefetch', "must be 'idle' or false");
    if (o.visitorId != null && !(typeof o.visitorId === 'string' && /^[!-~]{1,128}$/.test(o.visitorId))) {
      return fail('visitorId', 'must be your anonymous id for the visitor: 1 to 128 visible ASCII characters, no spaces');
    }
    var cart = o.cart, enabled = false, event = 'neuroon:cart-update', count = 0;
    if (cart != null) {
      if (typeof cart !== 'object') return fail('cart', 'must be a CartConfig object');
      if (typeof cart.enabled !== 'boolean') return fail('cart.enabled', 'must be true or false');
      enabled = cart.enabled;
      if (enabled) {
        for (var i = 0; i < REQUIRED.length; i++) {
          if (typeof cart[REQUIRED[i]] !== 'function') return fail('cart.' + REQUIRED[i], 'must be a function');
        }
        for (var j = 0; j < OPTIONAL.length; j++) {
          if (cart[OPTIONAL[j]] != null && typeof cart[OPTIONAL[j]] !== 'function') return fail('cart.' + OPTIONAL[j], 'must be a function when given');
        }
        if (cart.initialCount != null) {
          if (typeof cart.initialCount !== 'number' || cart.initialCount < 0 || cart.initialCount % 1) return fail('cart.initialCount', 'must be a whole number of items');
          count = cart.initialCount;
        }
        if (cart.externalUpdateEvent != null) {
          if (typeof cart.externalUpdateEvent !== 'string' || !cart.externalUpdateEvent) return fail('cart.externalUpdateEvent', 'must be an event name');
          event = cart.externalUpdateEvent;
        }
      }
    }
    return {
      container: container, cart: enabled ? cart : null, prefetch: o.prefetch === 'idle',
      wasm: { token: o.token.trim(), apiBaseUrl: api, language: language, search: o.search !== false, cartEnabled: enabled, initialCount: count, externalUpdateEvent: event, open: false,
        visitorId: o.visitorId || keptId('localStorage', VISITOR), sessionId: keptId('sessionStorage', SESSION) }
    };
  }

  /* The bundle, fetched and compiled once for every widget on the page. */
  function load(api) {
    if (!bundle) {
      bundle = import(api + '/pkg/embed.js').then(function (m) {
        return m.default({ module_or_path: api + '/pkg/embed.wasm' }).then(function () { return m; });
      });
      bundle.catch(function (e) { bundle = null; console.error('cartlift: the widget could not be loaded from ' + api + ': ' + e); });
    }
    return bundle;
  }

  function init(options) {
    var o = check(options);
    if (!o) return null;
    for (var k = 0; k < mounted.length; k++) {
      if (mounted[k].container === o.container) {
        console.error('cartlift: init: this container already has a widget; call destroy() on the handle init returned first. Nothing was mounted.');
        return null;
      }
    }
    var t = TEXT[o.wasm.language], w = o.wasm;
    var host = document.createElement('cartlift-widget');
    var shadow = host.attachShadow({ mode: 'open' });
    var style = document.createElement('style');
    style.textContent = CSS;
    shadow.appendChild(style);
    var shell = document.createElement('div');
    shell.className = 'cl-root cl-embed';
    shell.innerHTML =
      (w.search ? '<div class="assistant assistant-embed" data-testid="assistant-embed"><form class="assistant-form" role="search"><label class="visually-hidden" for="assistant-input-embed">' + esc(t.ask) +
        '</label><input id="assistant-input-embed" type="search" name="q" autocomplete="off" data-testid="assistant-input" placeholder="' + esc(t.placeholder) +
        '"><button type="submit" class="assistant-go" aria-busy="false">' + esc(t.search) + '</button></form></div>' : '') +
      (w.cartEnabled ? '<button class="cart-button" aria-haspopup="dialog" aria-expanded="false" aria-label="' + esc(t.open + ' (' + w.initialCount + ')') +
        '" data-testid="cart-button">' + ICON + '<span class="cart-label">' + esc(t.cart) + '</span><span class="cart-count" data-testid="cart-count" aria-hidden="true">' +
        w.initialCount + '</span></button>' : '') +
      '<div class="toasts" role="status" aria-live="polite"></div>';
    shadow.appendChild(shell);
    o.container.appendChild(host);

    var widget = null, lastCart = null, destroyed = false, asked = false, closeShell = null;
    var handle = { container: o.container, visitorId: w.visitorId, sessionId: w.sessionId };
    var intent = function () { takeOver().catch(function () {}); };

    /* The drawer's shell: the host cart's lines until the components arrive. */
    function openShell() {
      if (!w.cartEnabled || w.open) return;
      w.open = true;
      var button = shell.querySelector('.cart-button');
      button.setAttribute('aria-expanded', 'true');
      var wrap = document.createElement('div');
      wrap.className = 'cl-shell';
      wrap.innerHTML = '<div class="drawer-backdrop"></div><div class="drawer" role="dialog" aria-modal="true" aria-labelledby="cart-drawer-title" data-testid="cart-drawer">' +
        '<header class="drawer-header"><h2 id="cart-drawer-title">' + esc(t.title) + '</h2><button class="icon-button" aria-label="' + esc(t.close) +
        '">×</button></header><div class="drawer-body"><p class="loading">' + esc(t.loading) + '</p></div></div>';
      shell.appendChild(wrap);
      var close = closeShell = function () { w.open = false; wrap.remove(); button.setAttribute('aria-expanded', 'false'); button.focus(); };
      wrap.querySelector('.drawer-backdrop').onclick = close;
      wrap.querySelector('.icon-button').onclick = close;
      wrap.onkeydown = function (e) { if (e.key === 'Escape') close(); };
      wrap.querySelector('.icon-button').focus();
      Promise.resolve().then(function () { return o.cart.onGetCart(); }).then(function (c) {
        if (!c || !Array.isArray(c.items) || !wrap.isConnected) return;
        lastCart = c;
        wrap.querySelector('.drawer-body').innerHTML = c.items.length ? '<ul class="cart-lines">' + c.items.map(function (i) {
          return '<li class="cart-line"><img class="line-image" src="' + esc(i.image) + '" alt="" width="56" height="56"><div class="line-info"><span class="line-name">' +
            esc(i.name) + '</span><span class="line-price">' + esc(i.price) + '</span></div><span class="qty">' + esc(i.quantity) + '</span></li>';
        }).join('') + '</ul>' : '<p class="empty">' + esc(t.empty) + '</p>';
      }, function () { /* the components will say what went wrong */ });
    }

    /* Loads the bundle and puts the components where the shell is; if it cannot
       be loaded, the shell says so. */
    function takeOver() {
      return load(w.apiBaseUrl).then(function (m) {
        if (widget || destroyed) return widget;
        var input = shell.querySelector('input');
        var typed = input ? input.value : '', focused = shadow.activeElement;
        var place = document.createElement('div');
        place.style.display = 'contents';
        shell.before(place);
        w.open = w.open && w.cartEnabled;
        if (lastCart) w.initialCart = lastCart;
        widget = m.mountEmbed(place, w, o.cart);
        shell.remove();
        var next = place.querySelector('input');
        if (next && typed) { next.value = typed; next.dispatchEvent(new Event('input')); }
        // A search sent before the components came is sent again by them.
        if (next && asked) next.form.requestSubmit();
        if (focused && focused.tagName === 'INPUT' && next) next.focus();
        else if (focused && focused.classList.contains('cart-button')) place.querySelector('.cart-button').focus();
        shell.removeEventListener('pointerover', intent);
        shell.removeEventListener('focusin', intent);
        window.removeEventListener(w.externalUpdateEvent, intent);
        return widget;
      }, function (e) {
        var toasts = shell.querySelector('.toasts');
        if (toasts) toasts.innerHTML = '<div class="toast toast-error" data-testid="toast-error">' + esc(t.failed) + '</div>';
        throw e;
      });
    }

    shell.addEventListener('pointerover', intent);
    shell.addEventListener('focusin', intent);
    if (w.cartEnabled) {
      window.addEventListener(w.externalUpdateEvent, intent);
      shell.querySelector('.cart-button').addEventListener('click', function () { openShell(); intent(); });
    }
    var form = shell.querySelector('form');
    if (form) form.addEventListener('submit', function (e) { e.preventDefault(); asked = true; intent(); });
    if (o.prefetch) (window.requestIdleCallback || setTimeout)(function () { load(w.apiBaseUrl); });

    handle.openCart = function () {
      if (widget) widget.openCart(); else { openShell(); intent(); }
    };
    handle.closeCart = function () { if (widget) widget.closeCart(); else if (w.open && closeShell) closeShell(); };
    handle.refreshCart = function () { if (widget) widget.refreshCart(); else if (w.cartEnabled) intent(); };
    handle.destroy = function () {
      destroyed = true;
      if (widget) { widget.destroy(); widget.free(); widget = null; }
      window.removeEventListener(w.externalUpdateEvent, intent);
      host.remove();
      mounted.splice(mounted.indexOf(handle), 1);
    };
    /* Resolves once the components have taken over (tests and measurements use it). */
    handle.ready = function () { return takeOver().then(function () { return handle; }); };
    mounted.push(handle);
    return handle;
  }

  function first(name) {
    return function () { if (mounted[0]) mounted[0][name](); };
  }
  /* The ids the widget sends, for the host's orders (POST /api/admin/orders takes
     visitorId and sessionId, so the lift report can attribute them). */
  function ids(name, storage, key) {
    return function () { return mounted[0] ? mounted[0][name] : keptId(storage, key); };
  }
  var api = { init: init, openCart: first('openCart'), closeCart: first('closeCart'), refreshCart: first('refreshCart'),
    visitorId: ids('visitorId', 'localStorage', VISITOR), sessionId: ids('sessionId', 'sessionStorage', SESSION) };
  window.NeuroonWidget = window.Cartlift = api;
})();
