// The few Block Kit shapes Policy Desk sends, and the buttons under an answer.
// Declared here rather than imported so the renderer stays a pure function over plain data;
// they are structurally the same as Slack's own types and the compiler checks that where we post.

export interface MrkdwnText {
  type: 'mrkdwn';
  text: string;
  /** Stops Slack turning bare names and URLs in documents into mentions and links. */
  verbatim: true;
}

export interface SectionBlock {
  type: 'section';
  text: MrkdwnText;
}

export interface ContextBlock {
  type: 'context';
  elements: MrkdwnText[];
}

export interface ButtonElement {
  type: 'button';
  action_id: string;
  text: { type: 'plain_text'; text: string };
  value: string;
  style?: 'primary' | 'danger';
}

export interface ActionsBlock {
  type: 'actions';
  block_id: string;
  elements: ButtonElement[];
}

export type SlackBlock = SectionBlock | ContextBlock | ActionsBlock;

/** What a rendered reply is: blocks, and the plain text Slack shows in notifications and old clients. */
export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

export const ACTION = {
  helpful: 'policy_desk_helpful',
  notHelpful: 'policy_desk_not_helpful',
  share: 'policy_desk_share',
} as const;

export const mrkdwn = (text: string): MrkdwnText => ({ type: 'mrkdwn', text, verbatim: true });
export const sectionBlock = (text: string): SectionBlock => ({ type: 'section', text: mrkdwn(text) });
export const contextBlock = (...texts: string[]): ContextBlock => ({ type: 'context', elements: texts.map(mrkdwn) });

/** Buttons carrying the question id, so a click can be tied to its answer. */
export function answerButtons(questionId: number, offer: { share: boolean; feedback: boolean }): ActionsBlock {
  const value = String(questionId);
  const button = (action_id: string, text: string, style?: 'primary'): ButtonElement => ({
    type: 'button',
    action_id,
    text: { type: 'plain_text', text },
    value,
    ...(style ? { style } : {}),
  });
  return {
    type: 'actions',
    block_id: `policy_desk_answer_${value}`,
    elements: [
      ...(offer.share ? [button(ACTION.share, 'Share in channel', 'primary')] : []),
      ...(offer.feedback ? [button(ACTION.helpful, 'Helpful'), button(ACTION.notHelpful, 'Not helpful')] : []),
    ],
  };
}

/** The question id a button carries, or undefined when the value is not one we put there. */
export function questionIdFrom(value: unknown): number | undefined {
  if (typeof value !== 'string' || !/^\d{1,15}$/.test(value)) return undefined;
  const id = Number(value);
  return id > 0 ? id : undefined;
}

/** Characters of text in a block, as Slack counts them against its per-message budget. */
export function textLength(block: SlackBlock): number {
  switch (block.type) {
    case 'section':
      return block.text.text.length;
    case 'context':
      return block.elements.reduce((n, e) => n + e.text.length, 0);
    case 'actions':
      return block.elements.reduce((n, e) => n + e.text.text.length + e.value.length, 0);
  }
}
