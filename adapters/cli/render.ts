// Reply → readable plain text for a terminal (and for logs and pipes: no colours, no markup).

import type { Citation, Reply } from '../../src/types.js';
import { editionLine, editionShown, errorIdLine, leadText, ROLE_WORDS } from '../kit/reply-parts.js';
import { pageLabel } from '../../src/types.js';

const WIDTH = 100;

export function renderText(reply: Reply): string {
  const out: string[] = [];
  const heading = reply.kind === 'answer' ? 'Answer' : reply.title;
  out.push(heading);
  out.push('');
  if (reply.kind === 'answer' || reply.kind === 'closest') {
    // A closest match's lead (it may not answer every part) comes before the quote, once.
    const [best, ...rest] = reply.citations;
    const lead = leadText(reply);
    if (lead) out.push(...wrap(lead), '');
    if (best) out.push(...quoteBlock(best));
    if (rest.length) {
      out.push('', `${ROLE_WORDS.supporting}:`);
      rest.forEach((c, i) => out.push(...quoteBlock(c, `${i + 1}. `)));
    }
  } else {
    if (reply.text) out.push(...wrap(reply.text));
    if (reply.citations.length) {
      out.push('', reply.kind === 'no-answer' ? 'Closest matches:' : reply.kind === 'card' ? 'Where the documents mention it:' : 'Passages:');
      reply.citations.forEach((c, i) => out.push(...quoteBlock(c, `${i + 1}. `)));
    }
  }
  if (reply.fields.length) {
    out.push('');
    for (const f of reply.fields) {
      const lines = f.value.split('\n');
      if (f.name.length + lines[0]!.length < WIDTH - 4 && lines.length === 1) out.push(...wrap(`${f.name}: ${f.value}`, '  ', '      '));
      else {
        out.push(...wrap(f.name, '  ', '  '));
        for (const line of lines) out.push(...wrap(line, '      ', '      '));
      }
    }
  }
  for (const note of reply.notes) out.push('', ...wrap(`Note: ${note}`));
  if (reply.errorId) out.push('', errorIdLine(reply.errorId));
  const edition = editionShown(reply);
  if (edition) out.push('', editionLine(edition));
  return out.join('\n');
}

/** One line per reply, for batch mode: the quote and where it stands, or why there is none. */
export function renderOneLine(reply: Reply): string {
  const best = reply.citations[0];
  const where = (c: Citation) => `${c.document} › ${c.section}${c.page ? `, ${pageLabel(c.page)}` : ''}`;
  if (reply.kind === 'answer' && best) return `${oneLine(best.quote)} — ${where(best)}`;
  if (reply.kind === 'closest' && best) return `Closest (may not answer every part): ${oneLine(best.quote)} — ${where(best)}`;
  if (reply.kind === 'no-answer') return reply.title;
  return oneLine([reply.title, reply.text].filter(Boolean).join(': '));
}

function quoteBlock(c: Citation, prefix = ''): string[] {
  return [...wrap(`${prefix}“${c.quote}”`, '  ', '   ' + ' '.repeat(prefix.length)), ...wrap(`— ${c.document} › ${c.section}${c.page ? `, ${pageLabel(c.page)}` : ''}  [${c.id}]`, '    ', '      ')];
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function wrap(text: string, first = '', rest = first): string[] {
  const lines: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    let indent = lines.length ? rest : first;
    for (const word of para.split(/\s+/).filter(Boolean)) {
      if (line && indent.length + line.length + 1 + word.length > WIDTH) {
        lines.push(indent + line);
        indent = rest;
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    lines.push(indent + line);
  }
  return lines;
}
