"""Citations that readers take into their own tools: BibTeX, RIS, CSL-JSON and CSL styles.

Why a package: the "Cite this page" box, the per-page "Download these references" files
and the bibliography's downloads all export the same records, and each format has rules
of its own (modules below). The hooks that use it stay thin:
hooks/cite_this_page.py, hooks/reference_downloads.py and hooks/bibliography_page.py.

* latex.py    LaTeX field text <-> Unicode, case protection for BibTeX titles
* records.py  bib/ entry -> CSL-JSON item, editorial provenance left behind
* bibtex.py   bib/ entry or page -> BibTeX that classic styles, biber and importers read
* ris.py      CSL-JSON item -> RIS
* downloads.py  the BibTeX, RIS and CSL-JSON files for a list of keys
* styles.py   CSL-JSON item -> AMA, APA 7 and Vancouver text (citeproc-py, the styles in csl/)
* page.py     a page of this site as a citable record
"""
