// What the loader produces: documents cut into citable passages.

export interface Passage {
  /** Stable id: document slug / section slug / ordinal within the section. */
  id: string;
  /** Slug of the document it comes from. */
  doc: string;
  /** Document title. */
  document: string;
  /** Headings from the document's top to this passage, joined with " › ". */
  section: string;
  /** Plain text, markup removed, exactly as quoted in answers. */
  text: string;
  /** Printed page label ("4", or "4–5" across a page break); unset for formats without pages. */
  page?: string;
}

export interface SectionInfo {
  path: string;
  passages: number;
}

export interface DocumentInfo {
  slug: string;
  title: string;
  /** Path relative to the seeds folder. */
  file: string;
  publisher?: string;
  year?: number;
  source?: string;
  sections: SectionInfo[];
  passages: number;
  /** Content hash of the file (and its sidecar), to tell edits apart. */
  hash: string;
  /** Which reader read it ("pdf", "docx", "markdown", ...). */
  format?: string;
  /** Number of pages, for formats that have them. */
  pages?: number;
}

export interface Corpus {
  /** The folder that was read. */
  root: string;
  documents: DocumentInfo[];
  passages: Passage[];
  /** One line per file that was skipped or only partly read, naming the file and why. */
  warnings: string[];
  /** Short hash of everything indexed: the edition of the documents. */
  hash: string;
}
