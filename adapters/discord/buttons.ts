// The buttons under an answer, and reading them back when clicked.
// The question id travels in the custom_id (max 100 characters), so a click needs no
// state in this process and still works after a restart.

import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent } from 'discord.js';

export type ButtonAction = { kind: 'feedback'; questionId: number; helpful: boolean } | { kind: 'share'; questionId: number };

const PREFIX = 'pd';

export function customIdFor(action: ButtonAction): string {
  return action.kind === 'feedback'
    ? `${PREFIX}:feedback:${action.helpful ? 'yes' : 'no'}:${action.questionId}`
    : `${PREFIX}:share:${action.questionId}`;
}

/** Undefined for anything this bot did not make (or an old, malformed id). */
export function parseCustomId(customId: string): ButtonAction | undefined {
  const feedback = /^pd:feedback:(yes|no):(\d{1,15})$/.exec(customId);
  if (feedback) return { kind: 'feedback', helpful: feedback[1] === 'yes', questionId: Number(feedback[2]) };
  const share = /^pd:share:(\d{1,15})$/.exec(customId);
  if (share) return { kind: 'share', questionId: Number(share[1]) };
  return undefined;
}

/** "Helpful" / "Not helpful", plus "Share in channel" on answers only the asker can see. */
export function answerButtons(questionId: number | undefined, options: { share: boolean }): APIActionRowComponent<APIButtonComponent>[] {
  if (questionId === undefined) return [];
  const button = (label: string, action: ButtonAction, style: ButtonStyle.Primary | ButtonStyle.Secondary): APIButtonComponent => ({
    type: ComponentType.Button,
    style,
    label,
    custom_id: customIdFor(action),
  });
  const buttons = [
    button('Helpful', { kind: 'feedback', questionId, helpful: true }, ButtonStyle.Secondary),
    button('Not helpful', { kind: 'feedback', questionId, helpful: false }, ButtonStyle.Secondary),
  ];
  if (options.share) buttons.push(button('Share in channel', { kind: 'share', questionId }, ButtonStyle.Primary));
  return [{ type: ComponentType.ActionRow, components: buttons }];
}
