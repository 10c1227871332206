"""scripts/add-reference: a bib/references.bib entry from a DOI or a PubMed ID (see __main__.py)."""
