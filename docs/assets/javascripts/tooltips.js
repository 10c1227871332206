/* Tooltips for readers without a mouse.

   Citations: touch screens have no hover, so the first tap on a citation shows its
   reference in Material's tooltip (which opens on focus) instead of jumping to the
   list at the bottom of the page; a second tap follows the link. Cancelling
   `touchend` stops the browser from turning the first tap into a click.

   Supporting passage: a citation marker's `data-supports` (hooks/claims_ledger.py) is
   the passage of the source that the sentence rests on; it is added under the reference
   in the marker's own tooltip, which Material builds when the tooltip first opens.

   Abbreviations: <abbr> cannot take keyboard focus, so the first use of each
   abbreviation on a page joins the tab order and shows its expansion on focus.
   Only the first use: every use would bury the page's links under tab stops. */
function addSupport(ref) {
  var tries = 0
  function attempt() {
    var inner = document.querySelector(".md-tooltip2--active .md-tooltip2__inner")
    if (inner && !inner.querySelector(".claim-support")) {
      var note = document.createElement("p")
      note.className = "claim-support"
      note.textContent = ref.dataset.supports
      inner.appendChild(note)
    } else if (!inner && tries++ < 30) {
      requestAnimationFrame(attempt)
    }
  }
  requestAnimationFrame(attempt)
}

document$.subscribe(function () {
  document.querySelectorAll("article a.footnote-ref").forEach(function (ref) {
    if (ref.dataset.supports) {
      ["mouseenter", "focus"].forEach(function (type) {
        ref.addEventListener(type, function () { addSupport(ref) })
      })
    }
    ref.addEventListener("touchend", function (event) {
      if (document.activeElement !== ref) {
        event.preventDefault()
        ref.focus()
      }
    }, { passive: false })
  })

  var seen = {}
  document.querySelectorAll("article abbr[title]").forEach(function (abbr) {
    var name = abbr.textContent
    if (!seen[name]) {
      seen[name] = true
      abbr.tabIndex = 0
    }
  })
})
