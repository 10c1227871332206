/* Tooltips for readers without a mouse.

   Citations: touch screens have no hover, so the first tap on a citation shows its
   reference in Material's tooltip (which opens on focus) instead of jumping to the
   list at the bottom of the page; a second tap follows the link. Cancelling
   `touchend` stops the browser from turning the first tap into a click.

   Abbreviations: <abbr> cannot take keyboard focus, so the first use of each
   abbreviation on a page joins the tab order and shows its expansion on focus.
   Only the first use: every use would bury the page's links under tab stops. */
document$.subscribe(function () {
  document.querySelectorAll("article a.footnote-ref").forEach(function (ref) {
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
