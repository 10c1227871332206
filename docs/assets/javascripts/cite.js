/* Citations in the reader's own tools (hooks/cite_this_page.py, hooks/reference_downloads.py).

   Access date: "Cite this page" is built with the date of this edition in each
   <time class="cite-accessed">; here it becomes the reader's own date, in the form its
   style uses (data-format). Without JavaScript the edition's date stays, never a "[date]".

   Copy a reference: each reference in a page's list gets a "Copy" button, and the
   "Download these references" box a choice of style (AMA, APA 7, Vancouver, remembered
   in localStorage). The texts come from references/citations.json (data-styles), fetched
   on the first copy only. Nothing here is needed to read or download anything. */
(function () {
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"]
  var STYLES = [["ama", "AMA"], ["apa", "APA 7"], ["vancouver", "Vancouver"]]
  var texts = null

  function pad(n) { return (n < 10 ? "0" : "") + n }

  function formatted(date, format) {
    var y = date.getFullYear(), m = date.getMonth(), d = date.getDate()
    if (format === "long") return MONTHS[m] + " " + d + ", " + y
    if (format === "nlm") return y + " " + MONTHS[m].slice(0, 3) + " " + d
    if (format === "ris") return y + "/" + pad(m + 1) + "/" + pad(d)
    return y + "-" + pad(m + 1) + "-" + pad(d)
  }

  function setAccessDates() {
    var today = new Date()
    document.querySelectorAll("time.cite-accessed").forEach(function (time) {
      time.textContent = formatted(today, time.dataset.format)
      time.setAttribute("datetime", formatted(today, "iso"))
    })
  }

  function chosenStyle() {
    try { return localStorage.getItem("cite-style") || "ama" } catch (e) { return "ama" }
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text)
    var area = document.createElement("textarea")
    area.value = text
    area.setAttribute("readonly", "")
    area.style.position = "fixed"
    area.style.opacity = "0"
    document.body.appendChild(area)
    area.select()
    var done = document.execCommand("copy")
    document.body.removeChild(area)
    return done ? Promise.resolve() : Promise.reject(new Error("copy refused"))
  }

  function load(url) {
    if (texts) return Promise.resolve(texts)
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error(response.status)
      return response.json()
    }).then(function (data) { texts = data; return data })
  }

  function addCopyButtons(box) {
    var status = document.createElement("span")
    status.className = "ref-copy-status"
    status.setAttribute("role", "status")
    var label = document.createElement("label")
    label.className = "ref-style"
    label.textContent = "Copy references as "
    var select = document.createElement("select")
    STYLES.forEach(function (style) {
      var option = document.createElement("option")
      option.value = style[0]
      option.textContent = style[1]
      option.selected = style[0] === chosenStyle()
      select.appendChild(option)
    })
    select.addEventListener("change", function () {
      try { localStorage.setItem("cite-style", select.value) } catch (e) { /* private mode */ }
    })
    label.appendChild(select)
    var line = document.createElement("p")
    line.append(label, " ", status)
    box.appendChild(line)

    document.querySelectorAll("article div.footnote li[id^='fn:'], article ol.bibliography li[id^='ref-']").forEach(function (item, index) {
      if (item.querySelector(".ref-copy")) return
      var key = item.id.replace(/^(fn:|ref-)/, "")
      var button = document.createElement("button")
      button.type = "button"
      button.className = "ref-copy"
      button.textContent = "Copy"
      button.setAttribute("aria-label", "Copy reference " + (index + 1))
      button.addEventListener("click", function () {
        load(box.dataset.styles).then(function (data) {
          var text = data[key] && data[key][select.value]
          if (!text) throw new Error("no text for " + key)
          return copyText(text)
        }).then(function () {
          status.textContent = "Reference " + (index + 1) + " copied (" + select.selectedOptions[0].textContent + ")."
        }).catch(function () {
          status.textContent = "Could not copy; use the downloads above."
        })
      })
      var backlink = item.querySelector("a.footnote-backref")
      var holder = backlink ? backlink.parentNode : item
      holder.insertBefore(button, backlink)
      holder.insertBefore(document.createTextNode(" "), backlink)
    })
  }

  document$.subscribe(function () {
    setAccessDates()
    var box = document.querySelector(".reference-downloads[data-styles]")
    if (box && !box.querySelector(".ref-style")) addCopyButtons(box)
  })
})()
