/**
 * GET over node:http(s): Node's global fetch loads undici on first use (~250 ms of a command's
 * start, most of a `ccip status`), where one request needs none of it.
 */
export async function httpGet(url: string, timeoutMs = 5_000): Promise<{ status: number; text: string }> {
  const { get } = url.startsWith('https:') ? await import('node:https') : await import('node:http')
  return new Promise((resolve, reject) => {
    const req = get(url, { timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
      )
      res.on('error', reject)
    })
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)))
    req.on('error', reject)
  })
}
