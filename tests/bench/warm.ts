// A restart on unchanged documents, in its own process: open the desk from the saved index,
// answer one question, print the timings as one JSON line.

const { openDesk } = await import('../../src/desk.js');
const [docs, data] = process.argv.slice(2);
const opening = performance.now();
const desk = await openDesk({ seedsDir: docs!, dataDir: data! });
const opened = performance.now();
await desk.handle({ type: 'message', text: 'What does GATS Mode 4 cover?', platform: 'test' });
const answered = performance.now();
desk.close();
// performance.now() counts from the process's start: module loading counts, as it does for npm start.
console.log(JSON.stringify({ openMs: opened - opening, firstAnswerMs: answered }));
