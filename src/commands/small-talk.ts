// Greetings, thanks and goodbyes. People talk to a chat bot as they would to a colleague
// ("hello there, how are you today?", "thanks, that's all for now!"); searched as questions,
// such messages match whatever passage happens to say "today" or "now". A message made only of
// pleasantries gets a friendly word and a pointer to what the bot does instead, and is not a
// question: it is neither answered nor logged, so the digest never lists "thanks" as a gap.

import type { Reply } from '../types.js';
import { notice } from '../reply.js';

export type SmallTalk = 'greeting' | 'thanks' | 'farewell';

// Each phrase, as lower-case words without apostrophes ("what's" is "whats"); a message is small
// talk when it is nothing but these and FILLERS, in any order. Longer phrases are tried first.
const PHRASES: Record<SmallTalk, readonly string[]> = {
  greeting: [
    'hi', 'hello', 'hey', 'hiya', 'howdy', 'yo', 'greetings', 'good morning', 'good afternoon', 'good evening', 'good day', 'morning',
    'how are you', 'how are you doing', 'how is it going', 'hows it going', 'how are things', 'whats up', 'sup', 'nice to meet you',
  ],
  thanks: [
    'thanks', 'thank you', 'thank u', 'thx', 'ty', 'tnx', 'cheers', 'much appreciated', 'appreciated', 'appreciate it', 'great', 'perfect', 'awesome',
    'excellent', 'brilliant', 'nice', 'cool', 'ok', 'okay', 'k', 'got it', 'understood', 'helpful', 'very helpful', 'that helps', 'that was helpful', 'noted',
  ],
  farewell: ['bye', 'goodbye', 'bye bye', 'see you', 'see ya', 'see you later', 'later', 'good night', 'have a nice day', 'have a good day', 'thats all', 'that is all', 'thats it', 'nothing else', 'im done'],
};

// Words that go with a pleasantry without making it a question: "hello there", "thanks so much
// for now", "hi team".
const FILLERS = new Set(['there', 'all', 'everyone', 'everybody', 'team', 'folks', 'guys', 'again', 'so', 'very', 'much', 'a', 'lot', 'for', 'now', 'today', 'the', 'help', 'bot', 'desk', 'policy', 'you', 'and', 'oh', 'well', 'then', 'really', 'indeed']);

const WORDS = Object.entries(PHRASES).flatMap(([kind, phrases]) => phrases.map((p) => ({ kind: kind as SmallTalk, words: p.split(' ') }))).sort((a, b) => b.words.length - a.words.length);

/** What kind of pleasantry a message is, or undefined when it asks or says anything else. */
export function smallTalk(text: string): SmallTalk | undefined {
  // Apostrophes out ("what's" → "whats"), then words only: punctuation and emoji say nothing here.
  const words = text.toLowerCase().replace(/['’]/g, '').match(/[\p{L}\p{N}]+/gu) ?? [];
  if (!words.length || words.length > 12) return undefined;
  let first: SmallTalk | undefined;
  for (let i = 0; i < words.length; ) {
    const phrase = WORDS.find((p) => p.words.every((w, k) => words[i + k] === w));
    if (phrase) {
      first ??= phrase.kind;
      i += phrase.words.length;
    } else if (FILLERS.has(words[i]!)) i++;
    else return undefined;
  }
  return first;
}

/** A first question that any documents answer: the catalog's key issues, or else their headings. */
export const FIRST_QUESTION = 'What are the key issues?';

/** The reply to a pleasantry: a friendly word, and what to ask. */
export function smallTalkReply(kind: SmallTalk): Reply {
  const invite = `Ask me a question about the documents and I'll quote the passage that answers it. To start: "${FIRST_QUESTION}" Type "help" for the commands.`;
  const again = 'Ask again any time; type "help" for the commands.';
  const replies: Record<SmallTalk, [string, string]> = { greeting: ['Hello!', invite], thanks: ["You're welcome.", again], farewell: ['Goodbye.', again] };
  const [title, text] = replies[kind];
  return notice('help', title, text, { confidence: 'none', unmatched: [] });
}
