/* Tooltips for readers without a mouse.

   Citations: touch screens have no hover, so the first tap on a citation shows its
   reference in Material's tooltip (which opens on focus) instead of jumping to the
   list at the bottom of the page; a second tap follows the link. Cancelling
   `touchend` stops the browser from turning the first tap into a click.

   Supporting passage: the passage of the source that a cited sentence rests on
   (hooks/claims_ledger.py) is added under the reference in the marker's own tooltip,
   which Material builds when the tooltip first opens. The passages are only needed
   then, so they wait in the file the reference list names (`data-passages`, beside the
   page), fetched once, on the first preview of the page: hover, focus or tap.

   Locator: a citation such as [@key, p. 12] shows "(p. 12)" after its marker; the
   tooltip is built from the reference list, which has no locator, so it is added too.

   Abbreviations: <abbr> cannot take keyboard focus, so the first use of each
   abbreviation on a page joins the tab order and shows its expansion on focus.
   Only the first use: every use would bury the page's links under tab stops. */
var passageFiles = {}

function passagesOf(list) {
  var url = new URL(list.dataset.passages, location.href).href
  if (!passageFiles[url]) {
    passageFiles[url] = fetch(url).then(function (response) {
      return response.ok ? response.json() : {}
    }).catch(function () {
      delete passageFiles[url]  // offline for a moment: try again on the next preview
      return {}
    })
  }
  return passageFiles[url]
}

/* Add a line under the reference in the tooltip Material is opening for this marker. */
function addNote(className, text) {
  var tries = 0
  function attempt() {
    var inner = document.querySelector(".md-tooltip2--active .md-tooltip2__inner")
    if (inner && !inner.querySelector("." + className)) {
      var note = document.createElement("p")
      note.className = className
      note.textContent = text
      inner.appendChild(note)
    } else if (!inner && tries++ < 30) {
      requestAnimationFrame(attempt)
    }
  }
  requestAnimationFrame(attempt)
}

/* The locator written after this marker, "(p. 12)", without its parentheses. */
function locatorOf(ref) {
  var next = ref.parentNode.nextElementSibling
  if (!next || !next.classList.contains("cite-locator")) return ""
  return next.textContent.replace(/^\(|\)$/g, "")
}

function showLocator(ref) {
  var locator = locatorOf(ref)
  if (locator) addNote("cite-locator-note", "Cited at: " + locator)
}

function showSupport(ref, list) {
  passagesOf(list).then(function (found) {
    var text = found[ref.parentNode.id]
    // Still the marker being previewed: a slow fetch must not label another marker's tooltip.
    if (text && (ref.matches(":hover") || document.activeElement === ref)) addNote("claim-support", text)
  })
}

document$.subscribe(function () {
  var list = document.querySelector("article [data-passages]")
  document.querySelectorAll("article a.footnote-ref").forEach(function (ref) {
    ["mouseenter", "focus"].forEach(function (type) {
      ref.addEventListener(type, function () {
        showLocator(ref)
        if (list) showSupport(ref, list)
      })
    })
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
