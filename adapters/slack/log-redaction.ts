// A Slack response_url lets anyone post as the app for 30 minutes: never print one. The Slack
// module hands this to the logger (src/log.ts redactions), which applies it to every line.

export function redactResponseUrls(line: string): string {
  return line.replace(/https?:\/\/hooks\.slack(?:-gov)?\.com\/[^\s"'\\<>]+/g, 'https://hooks.slack.com/[redacted]');
}
