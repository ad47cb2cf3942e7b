/*
 * The workbench's own JavaScript: keyboard shortcuts, keeping the result of every
 * action in view, the claim panel's Close, and telling the server which copies of
 * a claim (queue row, highlight) the page shows so an action can update them in
 * place. No inline handlers and no eval: the Content Security Policy allows only
 * this file and htmx. Every page works without it.
 *
 *   j / k    next / previous claim (opens its panel), in the page's order
 *   c d u    mark the current claim Confirmed / Disputed / Unsourced
 *   /        focus the search field
 *   ?        show the shortcuts
 */
(function () {
  "use strict";

  const VERDICT_KEYS = { c: "confirmed", d: "disputed", u: "unsourced" };
  const NOT_TYPING = ["checkbox", "radio", "button", "submit", "reset", "range", "color", "file"];

  let currentId = null; // the claim that j/k moved to or that was last opened
  let waiting = null; // { claim, status }: a verdict asked for before that claim's panel arrived

  // The claims j/k visits, in the page's order: reading order, or the order the
  // server ranked them in (data-nav-rank: contradicted claims first).
  function navItems() {
    const items = Array.from(document.querySelectorAll("[data-claim-nav]"));
    const rank = (item) => (item.dataset.navRank === undefined ? 0 : Number(item.dataset.navRank));
    return items.sort((one, other) => rank(one) - rank(other)); // stable: ties keep page order
  }
  const navItem = (id) =>
    document.querySelector('[data-claim-nav][data-claim="' + CSS.escape(id) + '"]');
  const opener = (item) => (item.matches("a") ? item : item.querySelector("a[data-claim-open]"));
  const panelRegion = () => document.getElementById("panel");
  const panel = () => document.querySelector("#panel [data-claim]");
  const panelClaim = () => (panel() ? panel().dataset.claim : null);

  function isTyping(target) {
    if (!(target instanceof HTMLElement)) return false;
    if (target.isContentEditable || target.matches("textarea, select")) return true;
    return target.matches("input") && !NOT_TYPING.includes(target.type);
  }

  function showCurrent() {
    for (const element of document.querySelectorAll(".is-current")) {
      element.classList.remove("is-current");
    }
    const item = currentId && navItem(currentId);
    if (item) item.classList.add("is-current");
    return item;
  }

  let landing = null; // "first" or "last": the claim to pick once another page of claims arrives

  // Past the last claim of a queue page or an article: the next page or article
  // (rel="next"), and the same backwards with rel="prev".
  function turnPage(step) {
    const link = document.querySelector(step > 0 ? "a[rel=next][data-claims-page]" : "a[rel=prev][data-claims-page]");
    if (!link) return false;
    landing = step > 0 ? "first" : "last";
    if (window.htmx && link.hasAttribute("hx-get")) {
      htmx.ajax("GET", link.getAttribute("hx-get"), { source: link, target: link.getAttribute("hx-target") });
    } else {
      const url = new URL(link.href);
      url.hash = step > 0 ? "" : "last-claim";
      window.location.assign(url.toString());
    }
    return true;
  }

  function move(step) {
    const items = navItems();
    if (items.length === 0) return;
    const index = items.findIndex((item) => item.dataset.claim === currentId);
    const atEdge = index !== -1 && (step > 0 ? index === items.length - 1 : index === 0);
    if (atEdge && turnPage(step)) return;
    const next =
      index === -1
        ? step > 0 ? 0 : items.length - 1
        : Math.min(items.length - 1, Math.max(0, index + step));
    const item = items[next];
    const link = opener(item);
    currentId = item.dataset.claim;
    waiting = null;
    showCurrent();
    if (!link) return;
    link.focus();
    if (panelClaim() === currentId) return;
    if (window.htmx) {
      // Not link.click(): a row htmx swapped in a moment ago may not be wired up yet.
      htmx.ajax("GET", link.getAttribute("hx-get"), { source: link, target: "#panel" });
    } else {
      link.click();
    }
  }

  function decide(status) {
    const id = currentId || panelClaim();
    if (!id) return;
    currentId = id;
    if (panelClaim() !== id) {
      waiting = { claim: id, status: status }; // its panel is on its way
      return;
    }
    const form = document.querySelector("#panel form[data-verdict-form]");
    const button = form && form.querySelector('button[name="status"][value="' + status + '"]');
    if (!button || form.dataset.sent) return; // one verdict per panel; the answer replaces it
    form.dataset.sent = "true";
    if (window.htmx) {
      // Sent for the form (its note, citations, target and sync) rather than by clicking,
      // which works even if htmx has not wired up a panel it swapped in a moment ago.
      htmx.ajax("POST", form.getAttribute("hx-post"), { source: form, values: { status: status } });
    } else {
      button.click();
    }
  }

  // What an action did is at the top of the panel: bring it into view (the panel
  // scrolls inside itself on a desktop, and is a drawer on a phone); a claim just
  // opened starts at its top too.
  function showPanelTop() {
    const region = panelRegion();
    if (!region) return;
    region.scrollTop = 0;
    const result = region.querySelector("[data-result]");
    const target = result || region.querySelector(".claim-panel") || region;
    const box = target.getBoundingClientRect();
    if (box.top < 0 || box.top > window.innerHeight - 40) {
      target.scrollIntoView({ block: "start", behavior: "instant" });
    }
  }

  // The Close link of a panel beside a page (reader or queue), which closing can
  // empty; on the claim's own page Close is a plain link to its article.
  function closable() {
    const region = panelRegion();
    if (!window.htmx || !region || !region.closest(".workspace") || !panel()) return null;
    return region.querySelector("[data-panel-close]");
  }

  function closePanel(link) {
    const region = panelRegion();
    const empty = document.createElement("p");
    empty.className = "panel-empty";
    empty.textContent = "Select a claim to see what the other outlets say about it.";
    region.replaceChildren(empty);
    window.history.replaceState(window.history.state, "", link.href);
    const item = currentId && navItem(currentId);
    if (item) opener(item)?.focus({ preventScroll: true });
  }

  function openShortcuts() {
    const dialog = document.getElementById("shortcuts");
    if (dialog && !dialog.open) dialog.showModal();
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    const dialog = document.getElementById("shortcuts");
    if (dialog && dialog.open) return; // the dialog closes itself on Escape
    if (isTyping(event.target)) {
      if (event.key === "Escape") event.target.blur();
      return;
    }
    if (event.key === "j" || event.key === "k") {
      move(event.key === "j" ? 1 : -1);
    } else if (event.key in VERDICT_KEYS) {
      decide(VERDICT_KEYS[event.key]);
    } else if (event.key === "/") {
      const search = document.querySelector("[data-search]");
      if (!search) return;
      search.focus();
      search.select();
    } else if (event.key === "?") {
      openShortcuts();
    } else if (event.key === "Escape" && closable()) {
      closePanel(closable());
    } else {
      return;
    }
    event.preventDefault();
  });

  document.addEventListener("click", function (event) {
    const link = event.target instanceof Element && event.target.closest("a");
    if (!link) return;
    if (link.matches("[data-panel-close]") && link === closable()) {
      event.preventDefault(); // without JavaScript the link leads to the page without the claim
      closePanel(link);
      return;
    }
    // A claim opened with the mouse becomes the current one too.
    const item = link.closest("[data-claim-nav]");
    if (item) currentId = item.dataset.claim;
  });

  // A suggestion picked from the article or story filter's list puts its id in the
  // field: filter at once, as a choice in a select would (typing waits for Enter or
  // leaving the field).
  document.addEventListener("input", function (event) {
    const field = event.target;
    if (!(field instanceof HTMLInputElement) || !field.matches("[data-lookup]")) return;
    const picked = !(event instanceof InputEvent) || event.inputType === "insertReplacementText";
    const listed = field.list && Array.from(field.list.options).some((o) => o.value === field.value);
    if (picked && listed) field.dispatchEvent(new Event("change", { bubbles: true }));
  });

  document.addEventListener("htmx:configRequest", function (event) {
    const form = event.detail.elt;
    if (!(form instanceof HTMLFormElement) || !form.matches("[data-claim-form]")) return;
    const id = form.dataset.claim;
    if (document.getElementById("claim-row-" + id)) event.detail.formData.append("on_page", "row");
    if (document.getElementById("claim-mark-" + id)) event.detail.formData.append("on_page", "mark");
  });

  document.addEventListener("htmx:afterSettle", function (event) {
    if (landing && event.detail.target && event.detail.target.id === "queue-results") {
      const step = landing === "first" ? 1 : -1;
      landing = null;
      currentId = null;
      move(step);
      return;
    }
    const item = showCurrent();
    const panelSettled = event.detail.target && event.detail.target.id === "panel";
    if (panelSettled) showPanelTop();
    if (waiting && panelSettled && panelClaim() === waiting.claim) {
      const status = waiting.status;
      waiting = null;
      decide(status);
    } else if (waiting && panelClaim() === currentId && !panel().querySelector("form")) {
      waiting = null; // a reader's panel: nothing to decide with
    }
    // A verdict replaced the button that had focus: give it back to the claim.
    const focusLost = !document.activeElement || document.activeElement === document.body;
    if (item && focusLost) opener(item)?.focus({ preventScroll: true });
  });

  const helpButton = document.querySelector("[data-shortcuts-open]");
  if (helpButton) {
    helpButton.hidden = false;
    helpButton.addEventListener("click", openShortcuts);
  }
  currentId = panelClaim();
  showCurrent();
  if (currentId) {
    const item = navItem(currentId);
    if (item) item.scrollIntoView({ block: "nearest" }); // a shared link: the claim in view
  }
  if (!currentId && window.location.hash === "#last-claim") move(-1);
})();
