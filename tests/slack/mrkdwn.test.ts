import { describe, expect, it } from 'vitest';
import { clip, escapeMrkdwn, fromSlackText, stripBotMention } from '../../adapters/slack/mrkdwn.js';

describe('fromSlackText: what the person typed and saw', () => {
  it('turns mentions, channels and links into readable words', () => {
    expect(fromSlackText('ask <@U123|bob> in <#C1|general> about <https://ilo.org|the ILO>')).toBe('ask @bob in #general about the ILO');
    expect(fromSlackText('<@U123> and <#C9> and <https://ilo.org> and <mailto:a@b.org|a@b.org>')).toBe('@U123 and #C9 and https://ilo.org and a@b.org');
  });

  it('turns @channel, @here and @everyone into plain words', () => {
    expect(fromSlackText('<!channel> <!here> <!everyone> <!subteam^S1|@team> hi')).toBe('@channel @here @everyone @team hi');
  });

  it('decodes the three escapes, so a typed "<!channel>" reaches the core as those characters', () => {
    expect(fromSlackText('&lt;!channel&gt; Q&amp;A &lt;b&gt;')).toBe('<!channel> Q&A <b>');
  });

  it('collapses whitespace', () => {
    expect(fromSlackText('  what\n is   this  ')).toBe('what is this');
  });
});

describe('stripBotMention', () => {
  it('removes the bot mention wherever it is, and leaves other people mentioned', () => {
    expect(fromSlackText(stripBotMention('<@UBOT> what about <@UBOT|policy desk> and <@UOTHER>?', 'UBOT'))).toBe('what about and @UOTHER?');
  });
});

describe('escapeMrkdwn', () => {
  it('escapes &, < and >, and turns formatting marks into look-alikes Slack never formats', () => {
    expect(escapeMrkdwn('<!channel> & "q"')).toBe('&lt;!channel&gt; &amp; "q"');
    const shown = escapeMrkdwn('*bold* _it_ ~gone~ `code` ```block```');
    expect(shown).not.toMatch(/[*_~`]/);
    expect(shown).toBe('\u2217bold\u2217 \u02CDit\u02CD \u223Cgone\u223C \u02CBcode\u02CB \u02CB\u02CB\u02CBblock\u02CB\u02CB\u02CB');
  });
});

describe('clip', () => {
  it('never exceeds the limit, ends with … when cut, and never leaves half an escape', () => {
    expect(clip('short', 10)).toBe('short');
    const cut = clip('aaaa &amp; bbbb', 9);
    expect(cut.length).toBeLessThanOrEqual(9);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut).not.toMatch(/&(?!amp;)/);
  });
});
