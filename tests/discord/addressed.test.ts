import { describe, expect, it } from 'vitest';
import { addressedText, type MessageFacts } from '../../adapters/discord/addressed.js';
import { answerButtons, parseCustomId } from '../../adapters/discord/buttons.js';
import { policyCommand } from '../../adapters/discord/commands.js';

const bot = { userId: '111', roleId: '222' };
const message = (over: Partial<MessageFacts>): MessageFacts => ({
  content: '',
  inGuild: true,
  fromMachine: false,
  mentionedUserIds: [],
  mentionedRoleIds: [],
  ...over,
});

describe('addressedText', () => {
  it('takes a mention of the bot, in either form, and strips it', () => {
    expect(addressedText(message({ content: '<@111> what is GATS Mode 4?', mentionedUserIds: ['111'] }), bot)).toBe('what is GATS Mode 4?');
    expect(addressedText(message({ content: 'hey <@!111>, help', mentionedUserIds: ['111'] }), bot)).toBe('hey , help');
    expect(addressedText(message({ content: '<@111>: sources', mentionedUserIds: ['111'] }), bot)).toBe('sources');
  });

  it("takes a mention of the bot's own role, which the mention picker often offers", () => {
    expect(addressedText(message({ content: '<@&222> help', mentionedRoleIds: ['222'] }), bot)).toBe('help');
    expect(addressedText(message({ content: '<@&333> help', mentionedRoleIds: ['333'] }), bot)).toBeUndefined();
  });

  it('ignores @everyone, @here, other people and replies without a mention in a server', () => {
    expect(addressedText(message({ content: '@everyone what is GATS?' }), bot)).toBeUndefined();
    expect(addressedText(message({ content: '@here help' }), bot)).toBeUndefined();
    expect(addressedText(message({ content: '<@555> what is GATS?', mentionedUserIds: ['555'] }), bot)).toBeUndefined();
    // A reply to the bot lists it as mentioned, but the text does not mention it.
    expect(addressedText(message({ content: 'thanks!', mentionedUserIds: ['111'] }), bot)).toBeUndefined();
    // Inside a code span Discord does not count it as a mention.
    expect(addressedText(message({ content: '`<@111>` is how you mention it' }), bot)).toBeUndefined();
  });

  it('answers everything in a DM, and nothing from bots, webhooks or itself', () => {
    expect(addressedText(message({ content: 'what is GATS Mode 4?', inGuild: false }), bot)).toBe('what is GATS Mode 4?');
    expect(addressedText(message({ content: '<@111> help', mentionedUserIds: ['111'], fromMachine: true }), bot)).toBeUndefined();
  });
});

describe('buttons', () => {
  it('carries the question id in a custom_id Discord accepts, and reads it back', () => {
    const [row] = answerButtons(123456789, { share: true });
    const buttons = row?.components ?? [];
    expect(buttons.map((b) => ('label' in b ? b.label : ''))).toEqual(['Helpful', 'Not helpful', 'Share in channel']);
    const ids = buttons.map((b) => ('custom_id' in b ? b.custom_id : ''));
    for (const id of ids) expect(id.length).toBeLessThanOrEqual(100);
    expect(ids.map(parseCustomId)).toEqual([
      { kind: 'feedback', questionId: 123456789, helpful: true },
      { kind: 'feedback', questionId: 123456789, helpful: false },
      { kind: 'share', questionId: 123456789 },
    ]);
  });

  it('offers no buttons for replies that were not logged questions, and ignores foreign ids', () => {
    expect(answerButtons(undefined, { share: true })).toEqual([]);
    expect(answerButtons(5, { share: false })[0]?.components.map((b) => ('label' in b ? b.label : ''))).toEqual(['Helpful', 'Not helpful']);
    expect(parseCustomId('someone-else:1')).toBeUndefined();
    expect(parseCustomId('pd:share:abc')).toBeUndefined();
  });
});

describe('policyCommand', () => {
  it('describes what can be typed, from the command table, within 100 characters, listing what fits', () => {
    const command = policyCommand([
      { name: 'search', summary: 'Best passages.', usage: 'search <words>' },
      { name: 'sources', summary: 'Documents.', usage: 'sources' },
      { name: 'help', summary: 'This list.', usage: 'help' },
    ]);
    expect(command.name).toBe('policy');
    expect(command.description.length).toBeLessThanOrEqual(100);
    expect(command.options).toEqual([
      expect.objectContaining({ name: 'question', required: true, description: 'A question, or a command (help lists them all): search, sources' }),
    ]);
    const many = policyCommand(Array.from({ length: 30 }, (_, i) => ({ name: `command${i}`, summary: '', usage: `command${i} <x>` })));
    const description = many.options?.[0]?.description ?? '';
    expect(description.length).toBeLessThanOrEqual(100);
    expect(description).toMatch(/^A question, or a command: command0, command1, .*, …$/);
  });
});
