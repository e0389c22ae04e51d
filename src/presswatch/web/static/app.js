// presswatch pages: statement highlighting on the article page. No inline handlers (the CSP forbids them).
(function () {
  "use strict";

  function activate(attId, scroll) {
    document.querySelectorAll(".quote.active, .scard.active").forEach(function (el) { el.classList.remove("active"); });
    if (!attId) return;
    document.querySelectorAll('.quote[data-att="' + CSS.escape(attId) + '"]').forEach(function (el) { el.classList.add("active"); });
    var card = document.getElementById(attId);
    if (card && card.classList.contains("scard")) {
      card.classList.add("active");
      if (scroll) card.scrollIntoView({ block: "nearest", behavior: "smooth" });
    }
  }

  function quoteOf(target) {
    return target && target.closest ? target.closest(".quote, .speaker, .cue") : null;
  }

  document.addEventListener("click", function (ev) {
    var q = quoteOf(ev.target);
    if (q && !ev.target.closest("a")) { activate(q.dataset.att, true); return; }
    var card = ev.target.closest && ev.target.closest(".scard");
    if (card && !ev.target.closest("a")) {
      activate(card.dataset.att, false);
      var first = document.querySelector('.quote[data-att="' + CSS.escape(card.dataset.att) + '"]');
      if (first) first.scrollIntoView({ block: "center", behavior: "smooth" });
    }
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && ev.target.classList && ev.target.classList.contains("quote")) activate(ev.target.dataset.att, true);
  });
  document.addEventListener("mouseover", function (ev) {
    var q = quoteOf(ev.target);
    if (q) {
      var card = document.getElementById(q.dataset.att);
      if (card) card.classList.add("hover");
    }
  });
  window.addEventListener("DOMContentLoaded", function () {
    if (location.hash.length > 1) activate(decodeURIComponent(location.hash.slice(1)), true);
  });
})();
