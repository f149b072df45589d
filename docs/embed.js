/*
 * Combien paie TikTok: the calculator in any page, from one pasted tag.
 *
 *   <script src="https://SITE/embed.js" data-monthly-views="300000" data-followers="20000" async></script>
 *
 * Each tag is replaced in place by an iframe of SITE/embed/ whose query comes from the tag's
 * data-* attributes (data-monthly-views -> monthly_views; also data-fields, data-theme,
 * data-currency). The embed page validates every value itself; nothing read here is ever
 * written into the page as markup. The iframe's height follows its content through one
 * documented message, accepted only from that iframe and from SITE's origin:
 *   {type: "combien-paie-tiktok:height", version: 1, height: <pixels>}
 */
(() => {
  const script = document.currentScript;
  if (!script || !script.src) return;
  const embedURL = new URL("embed/", script.src);
  const origin = embedURL.origin;
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(script.dataset)) {
    // data-monthly-views arrives as dataset.monthlyViews.
    const key = name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
    if (/^[a-z_]{1,40}$/.test(key) && value.length <= 200) query.set(key, value);
  }
  embedURL.search = query.toString();

  const frame = document.createElement("iframe");
  frame.src = embedURL.href;
  frame.title = "Calculateur de revenus TikTok";
  // Not loading="lazy": a lazy iframe further down the article would load, and take its height, only as
  // the reader reaches it, and the article would jump under their eyes. The widget reports its height
  // as soon as it is parsed (its figures are prerendered), long before Python has started.
  // The frame may run its own scripts and keep its origin (Pyodide fetches its files), open the
  // guide in a new tab, and nothing else: it can never navigate or script the host page.
  frame.setAttribute("sandbox", "allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox");
  frame.setAttribute("referrerpolicy", "no-referrer");
  frame.style.cssText = "display:block;width:100%;border:0;height:720px;overflow:hidden;";
  script.parentNode.insertBefore(frame, script.nextSibling);

  window.addEventListener("message", (event) => {
    if (event.origin !== origin || event.source !== frame.contentWindow) return;
    const data = event.data;
    if (!data || typeof data !== "object" || data.type !== "combien-paie-tiktok:height" || data.version !== 1) return;
    const height = data.height;
    if (typeof height !== "number" || !Number.isFinite(height) || height <= 0 || height > 20000) return;
    frame.style.height = `${Math.ceil(height)}px`;
  });
})();
