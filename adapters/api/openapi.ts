// The API's OpenAPI 3.1 description, served at GET /api/openapi.json. Written by hand and kept
// true by tests/api/openapi.test.ts: every path is a route, every field is in real responses.

const error = { type: 'object', required: ['error'], properties: { error: { type: 'string' }, errorId: { type: 'string' } } };
const citation = {
  type: 'object',
  required: ['role', 'document', 'section', 'id', 'passage', 'quote'],
  properties: {
    role: { type: 'string', enum: ['answer', 'supporting', 'closest', 'result'] },
    document: { type: 'string', description: 'Document title.' },
    section: { type: 'string', description: 'Section path inside the document.' },
    page: { type: 'string', description: 'Printed page label ("3", or "3–4" across a page break), for documents with pages (PDF); absent otherwise.' },
    id: { type: 'string', description: 'Stable passage id.' },
    passage: { type: 'string', description: 'The full passage.' },
    quote: { type: 'string', description: 'The sentences quoted word for word from the passage.' },
  },
};
const user = { type: 'string', maxLength: 200, description: 'Optional: the person asking (an e-mail or directory id), so rate limits and the question log count people apart.' };
const errors = {
  '400': { description: 'Bad JSON, a missing or wrong field, or a body over 16 KB.', content: { 'application/json': { schema: error } } },
  '401': { description: 'No token, or a wrong one.', content: { 'application/json': { schema: error } } },
};

export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Policy Desk API',
    version: '1',
    description: 'Questions about the policy documents, answered with exact quotes and citations. The same answers as Slack, Discord and `npm run ask -- --json`.',
  },
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'The value of API_TOKEN.' } },
  },
  security: [{ bearer: [] }],
  paths: {
    '/api/ask': {
      post: {
        summary: 'Answer a question, or run a command (help, search …, convention …, sources …).',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: { type: 'object', required: ['text'], properties: { text: { type: 'string', minLength: 1, description: 'A question or a command.' }, user } },
            },
          },
        },
        responses: {
          '429': {
            description: 'Past the rate limit for this caller (RATE_LIMIT_PER_MINUTE): the body is the short note as a reply; the Retry-After header says how many seconds to wait.',
            headers: { 'Retry-After': { schema: { type: 'integer' } } },
          },
          '200': {
            description: 'The reply: the JSON `npm run ask -- --json` prints.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['question', 'answered', 'answer', 'kind', 'title', 'citations', 'fields', 'notes'],
                  properties: {
                    question: { type: 'string', description: 'The question as understood (cleaned).' },
                    answered: { type: 'boolean', description: 'True for confidence high and partial; false when the documents do not cover the question (the citations are then the closest matches).' },
                    answer: { type: 'string', description: 'The quoted answer, or the reply text.' },
                    confidence: { type: 'string', enum: ['high', 'partial', 'none'], description: 'On replies to a question: an answer, the closest passage (may not answer every part), or not covered.' },
                    unmatched: { type: 'array', items: { type: 'string' }, description: "The question's words, as typed, that no passage uses." },
                    kind: { type: 'string', enum: ['answer', 'closest', 'no-answer', 'help', 'list', 'card', 'digest', 'ack', 'error'] },
                    title: { type: 'string' },
                    citations: { type: 'array', items: citation, description: 'Best first.' },
                    fields: { type: 'array', items: { type: 'object', required: ['name', 'value'], properties: { name: { type: 'string' }, value: { type: 'string' } } } },
                    notes: { type: 'array', items: { type: 'string' } },
                    edition: {
                      type: 'object',
                      required: ['hash', 'indexedAt'],
                      properties: { hash: { type: 'string' }, indexedAt: { type: 'string', format: 'date-time' } },
                      description: 'The exact text the reply came from; on replies drawn from the documents (not on help, acknowledgements or errors).',
                    },
                    errorId: { type: 'string', description: 'Set when something went wrong on our side (status 500).' },
                    questionId: { type: 'integer', description: 'For POST /api/feedback on this answer.' },
                  },
                },
              },
            },
          },
          ...errors,
          '500': { description: 'Something went wrong on our side; the body is the reply with its errorId.' },
        },
      },
    },
    '/api/feedback': {
      post: {
        summary: 'Mark an earlier answer helpful or not helpful (one vote per person per answer; a second one replaces the first).',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['questionId', 'helpful'],
                properties: { questionId: { type: 'integer', minimum: 1, description: 'questionId from /api/ask.' }, helpful: { type: 'boolean' }, user },
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'Recorded.',
            content: {
              'application/json': {
                schema: { type: 'object', required: ['recorded', 'title', 'text'], properties: { recorded: { type: 'boolean' }, title: { type: 'string' }, text: { type: 'string' }, errorId: { type: 'string' } } },
              },
            },
          },
          ...errors,
          '404': { description: 'That answer is no longer on record.', content: { 'application/json': { schema: { type: 'object' } } } },
        },
      },
    },
    '/api/openapi.json': {
      get: { summary: 'This description.', security: [], responses: { '200': { description: 'OpenAPI 3.1 JSON.' } } },
    },
  },
} as const;
