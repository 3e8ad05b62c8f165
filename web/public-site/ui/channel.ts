/** ?ch=… tags where a link was shared (a WeChat group, a poster); a malformed tag is dropped rather than refused. */
export function channelFromUrl(): string | undefined {
  const ch = new URLSearchParams(window.location.search).get('ch')?.trim();
  return ch && /^[\p{L}\p{N}_-]{1,40}$/u.test(ch) ? ch : undefined;
}
