// Text crossing the Slack boundary, both ways.
// Out: Slack reads `<…>` as a mention or link (`<!channel>` pings everyone), so anything that came
// from a person or a document has its `&`, `<` and `>` escaped, as Slack asks. mrkdwn has no
// escape for its formatting marks (`*bold*`, `_italic_`, `~strike~`, `code`): a question's own
// asterisks would close our bold title early. Those marks become look-alike characters that
// Slack never reads as formatting, so the text shows as typed and our markup stays ours.
// In: Slack hands us text with those escaped and with mentions and links in `<…>` form; the core
// wants what the person saw.

/** Slack's formatting marks and the look-alikes shown in their place. */
const LOOK_ALIKE: Record<string, string> = {
  '*': '\u2217', // ∗ asterisk operator
  _: '\u02CD', // ˍ modifier letter low macron
  '~': '\u223C', // ∼ tilde operator
  '`': '\u02CB', // ˋ modifier letter grave accent
};

/** Escapes text for a mrkdwn field so that it shows literally: it cannot mention, link or format. */
export function escapeMrkdwn(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[*_~`]/g, (mark) => LOOK_ALIKE[mark]!);
}

/** Removes mentions of the bot (`<@U123>` or `<@U123|name>`) wherever they are. */
export function stripBotMention(text: string, botUserId: string | undefined): string {
  if (!botUserId) return text;
  const mention = new RegExp(`<@${escapeRegExp(botUserId)}(?:\\|[^>]*)?>`, 'g');
  return text.replace(mention, ' ');
}

/** Slack's encoded message text → the plain text the person typed and saw. */
export function fromSlackText(text: string): string {
  const decoded = text.replace(/<([^<>]*)>/g, (_whole, inner: string) => readableEntity(inner));
  return decoded
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

function readableEntity(inner: string): string {
  const bar = inner.indexOf('|');
  const target = bar === -1 ? inner : inner.slice(0, bar);
  const label = bar === -1 ? undefined : inner.slice(bar + 1);
  if (target.startsWith('@')) return label ? `@${label.replace(/^@/, '')}` : target;
  if (target.startsWith('#')) return label ? `#${label.replace(/^#/, '')}` : target;
  if (target.startsWith('!')) {
    const special = target.slice(1);
    if (special === 'channel' || special === 'here' || special === 'everyone') return `@${special}`;
    return label ?? '';
  }
  if (label) return label;
  return target.replace(/^mailto:/, '');
}

/** Cuts text to at most max characters, ending with a visible ellipsis when it was cut. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return '…'.slice(0, max);
  let cut = text.slice(0, max - 1);
  // Never leave half an escape (`&am…`) or half a surrogate pair behind.
  const amp = cut.lastIndexOf('&');
  if (amp !== -1 && amp >= cut.length - 5 && !cut.slice(amp).includes(';')) cut = cut.slice(0, amp);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return cut.trimEnd() + '…';
}

/** Prefixes every line with `>` so Slack shows it as a block quote. */
export function blockQuote(escaped: string): string {
  return escaped
    .split('\n')
    .map((line) => `>${line}`)
    .join('\n');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
