import { CcipError, ErrorCode, ExitCode } from '../errors.js'

/**
 * Ask for a password on the terminal without echoing it (prompt on stderr, keys from stdin in
 * raw mode). Only call it when a terminal is attached (CommandContext.interactive).
 */
export function promptPassword(question: string): Promise<string> {
  const { stdin, stderr } = process
  return new Promise((resolve, reject) => {
    let value = ''
    stderr.write(question)
    stdin.setRawMode(true)
    stdin.resume()
    stdin.setEncoding('utf8')
    const finish = (error?: CcipError) => {
      stdin.setRawMode(false)
      stdin.pause()
      stdin.off('data', onData)
      stderr.write('\n')
      if (error === undefined) resolve(value)
      else reject(error)
    }
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return finish()
        if (ch === '\u0003') {
          return finish(new CcipError(ErrorCode.Aborted, 'Interrupted', { exitCode: ExitCode.Aborted }))
        }
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1)
        else value += ch
      }
    }
    stdin.on('data', onData)
  })
}
