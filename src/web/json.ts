/** JSON for the browser: bigints as decimal strings (amounts and sequence numbers exceed 2^53). */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))
}

/**
 * JSON to embed in a <script type="application/json">: chain data (a message's data, a revert
 * reason) could hold `</script>`; escaped, it stays data.
 */
export function embeddedJson(value: unknown): string {
  return jsonText(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
}

/** Text for HTML made on the server (error pages, titles). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}
