/** Makes user text literal inside a LIKE pattern: %, _ and the escape character itself. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}
