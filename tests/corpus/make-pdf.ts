// Writes small real PDFs for layouts the samples do not show (no bookmarks, headings in capitals,
// endnotes, "Page N of M" footers), and broken ones (no text layer, a password). Standard fonts
// (Helvetica, Helvetica-Bold), WinAnsi text, positions in points from the bottom-left corner.

export interface Run {
  text: string;
  x: number;
  y: number;
  size?: number;
  bold?: boolean;
  /** Structure role for a tagged PDF (H1, H2, P ...): the run becomes one marked-content element. */
  role?: string;
}

export interface MakePdfOptions {
  /** Bookmarks: title and depth (0 = top), in order. */
  outline?: { title: string; depth: number }[];
  /** Adds a Standard security handler whose user password is not empty: readers must ask for it. */
  password?: boolean;
  /** Draw a grey box instead of text on every page: a scan without a text layer. */
  imageOnly?: boolean;
  /** The same, on these pages only (0-based). */
  imagePages?: number[];
  /** Page labels dictionary: each page's printed label given by the file. */
  labels?: { start: number; prefix?: string }[];
}

/** Lines of body text wrapped at a width, starting at (x, y), 14 pt apart: what a typesetter would do. */
export function paragraph(text: string, x: number, y: number, opts: { size?: number; width?: number; bold?: boolean; leading?: number } = {}): { runs: Run[]; bottom: number } {
  const size = opts.size ?? 11;
  const maxChars = Math.floor((opts.width ?? 460) / (size * 0.5));
  const runs: Run[] = [];
  let line = '';
  let yy = y;
  for (const word of text.split(' ')) {
    if (line && (line + ' ' + word).length > maxChars) {
      runs.push({ text: line, x, y: yy, size, bold: opts.bold });
      yy -= opts.leading ?? size * 1.3;
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) runs.push({ text: line, x, y: yy, size, bold: opts.bold });
  return { runs, bottom: yy };
}

export function makePdf(pages: Run[][], options: MakePdfOptions = {}): Buffer {
  const objects: string[] = [];
  const add = (body: string) => {
    objects.push(body);
    return objects.length;
  };
  const catalogId = add('');
  const pagesId = add('');
  const regular = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const bold = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>');
  const pageIds: number[] = [];
  const tagged = pages.some((runs) => runs.some((r) => r.role));
  const elements: { role: string; page: number; mcid: number }[] = [];
  pages.forEach((runs, p) => {
    let mcid = 0;
    const content = options.imageOnly || options.imagePages?.includes(p)
      ? '0.6 g 50 50 495 740 re f'
      : runs
          .map((r) => {
            const text = `BT /${r.bold ? 'F2' : 'F1'} ${r.size ?? 11} Tf ${r.x} ${r.y} Td (${escape(r.text)}) Tj ET`;
            if (!r.role) return text;
            elements.push({ role: r.role, page: p, mcid });
            return `/${r.role} << /MCID ${mcid++} >> BDC ${text} EMC`;
          })
          .join('\n');
    const stream = add(`<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`);
    pageIds.push(add(`<< /Type /Page /Parent ${pagesId} 0 R /MediaBox [0 0 595 842]${tagged ? ` /StructParents ${p}` : ''} /Resources << /Font << /F1 ${regular} 0 R /F2 ${bold} 0 R >> >> /Contents ${stream} 0 R >>`));
  });
  let structure = '';
  if (tagged) {
    const root = add('');
    const docElem = add('');
    const ids = elements.map((e) => add(`<< /Type /StructElem /S /${e.role} /P ${docElem} 0 R /Pg ${pageIds[e.page]} 0 R /K ${e.mcid} >>`));
    objects[docElem - 1] = `<< /Type /StructElem /S /Document /P ${root} 0 R /K [${ids.map((id) => `${id} 0 R`).join(' ')}] >>`;
    const nums = pages.map((_, p) => `${p} [${elements.map((e, i) => (e.page === p ? `${ids[i]} 0 R` : '')).filter(Boolean).join(' ')}]`).join(' ');
    objects[root - 1] = `<< /Type /StructTreeRoot /K [${docElem} 0 R] /ParentTree << /Nums [${nums}] >> >>`;
    structure = ` /MarkInfo << /Marked true >> /StructTreeRoot ${root} 0 R`;
  }
  objects[pagesId - 1] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pageIds.length} >>`;

  let outlineRef = '';
  if (options.outline?.length) {
    // A flat chain per level is enough for pdf.js to report titles and depths.
    const ids = options.outline.map(() => add(''));
    const root = add('');
    const parentOf = (i: number): number => {
      for (let j = i - 1; j >= 0; j--) if (options.outline![j]!.depth < options.outline![i]!.depth) return ids[j]!;
      return root;
    };
    options.outline.forEach((entry, i) => {
      const parent = parentOf(i);
      const siblings = options.outline!.map((_, k) => k).filter((k) => parentOf(k) === parent);
      const at = siblings.indexOf(i);
      const kids = options.outline!.map((_, k) => k).filter((k) => parentOf(k) === ids[i]);
      const parts = [`/Title (${escape(entry.title)})`, `/Parent ${parent} 0 R`, `/Dest [${pageIds[0]} 0 R /XYZ 0 842 0]`];
      if (at > 0) parts.push(`/Prev ${ids[siblings[at - 1]!]} 0 R`);
      if (at < siblings.length - 1) parts.push(`/Next ${ids[siblings[at + 1]!]} 0 R`);
      if (kids.length) parts.push(`/First ${ids[kids[0]!]} 0 R /Last ${ids[kids[kids.length - 1]!]} 0 R /Count ${kids.length}`);
      objects[ids[i]! - 1] = `<< ${parts.join(' ')} >>`;
    });
    const top = options.outline.map((_, k) => k).filter((k) => parentOf(k) === root);
    objects[root - 1] = `<< /Type /Outlines /First ${ids[top[0]!]} 0 R /Last ${ids[top[top.length - 1]!]} 0 R /Count ${top.length} >>`;
    outlineRef = ` /Outlines ${root} 0 R`;
  }
  const labels = options.labels?.length ? ` /PageLabels << /Nums [${options.labels.map((l, i) => `${i === 0 ? 0 : l.start} << /S /D${l.prefix ? ` /P (${l.prefix})` : ''} /St ${l.start} >>`).join(' ')}] >>` : '';
  objects[catalogId - 1] = `<< /Type /Catalog /Pages ${pagesId} 0 R${outlineRef}${labels}${structure} >>`;
  const encrypt = options.password ? add(`<< /Filter /Standard /V 1 /R 2 /O <${'ab'.repeat(32)}> /U <${'cd'.repeat(32)}> /P -4 >>`) : 0;

  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  const id = '<0123456789abcdef0123456789abcdef>';
  out += `trailer\n<< /Size ${objects.length + 1} /Root ${catalogId} 0 R${encrypt ? ` /Encrypt ${encrypt} 0 R /ID [${id} ${id}]` : ''} >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

function escape(text: string): string {
  // WinAnsi: en dash 0x96, bullet 0x95; everything else here is ASCII.
  return text.replace(/[\\()]/g, (c) => `\\${c}`).replace(/–/g, '\\226').replace(/•/g, '\\225');
}
