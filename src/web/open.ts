import { spawn } from 'node:child_process'

/**
 * Open `url` in the system browser: `open` on macOS, `xdg-open` elsewhere. Resolves false when
 * neither is there (a server, a container): the caller says where to go instead.
 */
export function openBrowser(url: string): Promise<boolean> {
  const opener = process.platform === 'darwin' ? 'open' : 'xdg-open'
  return new Promise((resolve) => {
    const child = spawn(opener, [url], { stdio: 'ignore', detached: true })
    child.once('error', () => resolve(false))
    child.once('spawn', () => {
      child.unref()
      resolve(true)
    })
  })
}
