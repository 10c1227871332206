/* Touch screens have no hover: the first tap on a citation shows its reference in
   Material's tooltip (which opens on focus) instead of jumping to the list at the
   bottom of the page; a second tap follows the link. Cancelling `touchend` stops the
   browser from turning the first tap into a click. */
document$.subscribe(function () {
  document.querySelectorAll("a.footnote-ref").forEach(function (ref) {
    ref.addEventListener("touchend", function (event) {
      if (document.activeElement !== ref) {
        event.preventDefault()
        ref.focus()
      }
    }, { passive: false })
  })
})
