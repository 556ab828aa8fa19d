/* Strata embed: live figures of a Docker image in any page.
 *
 *   <script src="https://strata.example/embed.js" defer></script>
 *   <div data-strata-src="image.tar" data-strata-view="layers" data-strata-path="/etc">
 *     <a href="https://strata.example/?src=…">Open the image in Strata</a>
 *   </div>
 *   <strata-figure src="image.tar" view="union"></strata-figure>
 *   const handle = Strata.mount(element, { src: 'image.tar', view: 'stack' }); handle.dispose();
 *
 * Every option of the embed URL can be given: src, view, image, layer, path, select, step, theme
 * (auto|light|dark), lang, player (1 shows the step-through player); on a div as data-strata-NAME,
 * on <strata-figure> as NAME. `src` is read relative to the host page. The element's own content
 * (a link, say) stays when scripts do not run and is hidden while the figure is mounted. Figures
 * load when they come near the viewport, so one in a hidden tab or slide loads when it is shown,
 * and every frame is re-measured when its container changes size. Plain JavaScript, no
 * dependencies.
 */
(function () {
  'use strict';
  if (window.Strata && window.Strata.mount) return;
  var script = document.currentScript;
  var APP = new URL('./', script && script.src ? script.src : location.href).href;
  var SKIP = { 'class': 1, style: 1, id: 1, slot: 1, hidden: 1, title: 1, tabindex: 1, height: 1 };
  var mounted = [];

  /** The options an element asks for: data-strata-* on any element, attributes on <strata-figure>. */
  function optionsOf(el) {
    var o = {};
    Array.prototype.forEach.call(el.attributes, function (a) {
      var name = a.name.toLowerCase();
      if (name.indexOf('data-strata-') === 0) o[name.slice(12)] = a.value;
      else if (el.localName === 'strata-figure' && !SKIP[name] && name.indexOf('aria-') !== 0 && name.indexOf('data-') !== 0) o[name] = a.value;
    });
    return o;
  }

  /** The embed URL for options `o`. */
  function frameUrl(o) {
    var u = new URL(APP);
    u.searchParams.set('embed', '1');
    Object.keys(o).forEach(function (k) {
      if (k === 'title' || k === 'height' || o[k] === undefined || o[k] === null || o[k] === '') return;
      var v = k === 'src' ? new URL(String(o[k]), document.baseURI).href : String(o[k]);
      u.searchParams.set(k, v);
    });
    return u.href;
  }

  function handleOf(win) {
    for (var i = 0; i < mounted.length; i++) if (mounted[i].iframe.contentWindow === win) return mounted[i];
    return null;
  }

  window.addEventListener('message', function (e) {
    var h = handleOf(e.source);
    if (!h || !e.data || typeof e.data.type !== 'string') return;
    if (e.data.type === 'strata:height' && e.data.height > 0) {
      h.iframe.style.height = Math.ceil(e.data.height) + 'px';
    } else if (e.data.type === 'strata:ready') {
      h.element.setAttribute('data-strata-ready', 'true');
      h.element.dispatchEvent(new CustomEvent('strata:ready', { bubbles: true }));
    }
  });

  /** Mounts a figure in `el` now; `options` add to (or override) the element's own. */
  function mount(el, options) {
    if (el.__strata) el.__strata.dispose();
    var o = optionsOf(el);
    Object.keys(options || {}).forEach(function (k) { o[k] = options[k]; });
    var iframe = document.createElement('iframe');
    iframe.src = frameUrl(o);
    iframe.title = o.title || 'Strata: image layers';
    iframe.setAttribute('data-strata-frame', '');
    iframe.style.cssText = 'display:block;width:100%;border:0;overflow:hidden;height:' + (parseInt(o.height, 10) || 240) + 'px';
    var kept = [];
    Array.prototype.forEach.call(el.children, function (c) { kept.push([c, c.style.display]); c.style.display = 'none'; });
    el.appendChild(iframe);
    // A container revealed or resized: ask the frame for its height again.
    var resized = typeof ResizeObserver === 'function' ? new ResizeObserver(function () {
      if (iframe.contentWindow) iframe.contentWindow.postMessage({ type: 'strata:measure' }, '*');
    }) : null;
    if (resized) resized.observe(el);
    var handle = {
      element: el,
      iframe: iframe,
      dispose: function () {
        if (resized) resized.disconnect();
        if (iframe.parentNode) iframe.parentNode.removeChild(iframe);
        kept.forEach(function (k) { k[0].style.display = k[1]; });
        el.removeAttribute('data-strata-ready');
        mounted = mounted.filter(function (m) { return m !== handle; });
        if (el.__strata === handle) el.__strata = null;
      }
    };
    mounted.push(handle);
    el.__strata = handle;
    return handle;
  }

  // Load a figure only when it comes near the viewport (a hidden one: when it is shown).
  var near = typeof IntersectionObserver === 'function' ? new IntersectionObserver(function (entries) {
    entries.forEach(function (en) {
      if (en.isIntersecting && en.target.__strataWaiting) {
        near.unobserve(en.target);
        en.target.__strataWaiting = false;
        mount(en.target);
      }
    });
  }, { rootMargin: '200px' }) : null;

  function upgrade(el) {
    if (el.__strata || el.__strataWaiting) return;
    el.__strataWaiting = true;
    if (near) near.observe(el); else { el.__strataWaiting = false; mount(el); }
  }

  /** Upgrades every `[data-strata-src]` under `root` (the document by default). */
  function scan(root) {
    Array.prototype.forEach.call((root || document).querySelectorAll('[data-strata-src]'), upgrade);
  }

  if (window.customElements && !window.customElements.get('strata-figure')) {
    window.customElements.define('strata-figure', class extends HTMLElement {
      connectedCallback() {
        if (!this.style.display) this.style.display = 'block';
        upgrade(this);
      }
      disconnectedCallback() {
        if (near) near.unobserve(this);
        this.__strataWaiting = false;
        if (this.__strata) this.__strata.dispose();
      }
    });
  }

  window.Strata = { mount: mount, scan: scan };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', function () { scan(); });
  else scan();
})();
