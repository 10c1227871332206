// Independent readers of our citation exports, for tests/test_citation_tools.py.
//
// Reads a JSON list of jobs on stdin and prints a JSON list of results, one process for all
// (loading Zotero's translators takes a second). Each job is {tool, format, file, url}:
//   tool "citation-js":   format "bibtex" | "ris" | "csl-json"; result: CSL-JSON items
//   tool "zotero-import": format "BibTeX" | "RIS" | "CSL JSON" (Zotero's import translator
//                         of that name); result: Zotero items
//   tool "zotero-web":    Zotero's web translators (Embedded Metadata) on the HTML file as
//                         if served at url; result: Zotero items
// Nothing here touches the network: ztractor runs with network "deny" on the given HTML.
//
// ztractor exports only its web extraction; the import translators run on the same Zotero
// runtime it bundles, which this file imports from a copy of ztractor's module with two more
// exports (written beside this file, in the cache, never in node_modules).
import fs from "node:fs"
import path from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"

import { Cite } from "@citation-js/core"
import "@citation-js/plugin-bibtex"
import "@citation-js/plugin-ris"
import "@citation-js/plugin-csl"
import { JSDOM } from "jsdom"
import { extractMetadata } from "ztractor"

// Zotero.Utilities.unescapeHTML uses the browser's document; give the runtime one.
globalThis.document = globalThis.document || new JSDOM("").window.document

const here = path.dirname(fileURLToPath(import.meta.url))
const dist = path.join(here, "node_modules", "ztractor", "dist")

async function zoteroRuntime() {
  const source = fs.readFileSync(path.join(dist, "index.js"), "utf8")
    .replace(/(["'])\.\/shared\//g, (_, quote) => quote + pathToFileURL(path.join(dist, "shared")).href + "/")
  const extended = source + "\nexport { createZoteroRuntime as __runtime, createZoteroHostAdapters as __host, RegistryTranslatorProvider as __Provider };\n"
  const file = path.join(here, ".zotero-runtime.mjs")
  if (!fs.existsSync(file) || fs.readFileSync(file, "utf8") !== extended) fs.writeFileSync(file, extended)
  const module = await import(pathToFileURL(file).href)
  const { TRANSLATORS_REGISTRY: entries } = await import(pathToFileURL(path.join(dist, "shared", "chunk-jhnea0d1.js")).href)
  return { module, entries }
}

let zotero = null

async function zoteroImport(label, text) {
  zotero = zotero || await zoteroRuntime()
  const { module, entries } = zotero
  const DOMParser = new JSDOM("").window.DOMParser
  const host = module.__host({ entries, dependencies: { DOMParser }, network: "deny" })
  const Zotero = module.__runtime(host, DOMParser)
  const provider = new module.__Provider(entries, Zotero)
  const entry = entries.find((e) => e.metadata.label === label)
  if (!entry) throw new Error(`no Zotero translator labelled ${label}`)
  const translate = new Zotero.Translate.Import()
  translate.setTranslatorProvider(provider)
  translate.setString(text)
  translate.setTranslator(provider.toRuntimeTranslator(entry))
  const items = []
  let failure = null
  translate.setHandler("itemDone", (_t, _n, item) => items.push(JSON.parse(JSON.stringify(item))))
  translate.setHandler("error", (_t, error) => { failure = error })
  await translate.translate({ libraryID: false, saveAttachments: false })
  if (failure) throw failure
  return items
}

async function zoteroWeb(html, url) {
  const parseHTMLDocument = (h, u) => new JSDOM(h, { url: u }).window.document
  const result = await extractMetadata({
    url, html, network: "deny", timeout: 30000,
    dependencies: { DOMParser: new JSDOM("").window.DOMParser, parseHTMLDocument },
  })
  if (!result.success) throw new Error(result.error)
  return { translator: result.translator, items: result.items }
}

function citationJs(format, text) {
  const forceType = { bibtex: "@biblatex/text", ris: "@ris/file", "csl-json": "@csl/list+object" }[format]
  const input = format === "csl-json" ? JSON.parse(text) : text
  return new Cite(input, { forceType }).data.map(({ _graph, ...item }) => item)
}

const jobs = JSON.parse(fs.readFileSync(0, "utf8"))
const results = []
for (const job of jobs) {
  const text = fs.readFileSync(job.file, "utf8")
  try {
    let output
    if (job.tool === "citation-js") output = citationJs(job.format, text)
    else if (job.tool === "zotero-import") output = await zoteroImport(job.format, text)
    else if (job.tool === "zotero-web") output = await zoteroWeb(text, job.url)
    else throw new Error(`unknown tool ${job.tool}`)
    results.push({ ok: true, output })
  } catch (error) {
    results.push({ ok: false, error: String(error && error.stack || error) })
  }
}
process.stdout.write(JSON.stringify(results))
