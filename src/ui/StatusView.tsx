import { Box, Text } from 'ink'
import { useEffect, useState } from 'react'
import type { MessageStatusResult } from '../messages/status.js'
import type { MessageState } from '../protocol/status.js'
import { blockTime, phaseChain, seconds } from './status.js'

const PATH: readonly MessageState[] = ['SENT', 'SOURCE_FINALIZED', 'COMMITTED', 'BLESSED', 'SUCCESS']
const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏']

function Spinner() {
  const [frame, setFrame] = useState(0)
  useEffect(() => {
    const timer = setInterval(() => setFrame((f) => (f + 1) % FRAMES.length), 80)
    return () => clearInterval(timer)
  }, [])
  return <Text color="cyan">{FRAMES[frame]}</Text>
}

/** Seconds since `fromSeconds` (a block time), ticking every second while the phase is pending. */
function Elapsed({ fromSeconds }: { readonly fromSeconds: number }) {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1_000)
    return () => clearInterval(timer)
  }, [])
  return <Text color="gray">{seconds(Math.max(0, Math.round(now / 1000 - fromSeconds)))}</Text>
}

/**
 * `ccip status --watch` on a terminal: each phase reached with its chain, block, tx and time
 * taken; the phase in progress with a spinner and the time spent on it so far.
 */
export function StatusView({ status }: { readonly status: MessageStatusResult }) {
  const reached = new Map(status.phases.map((p) => [p.state, p]))
  const failed = status.state === 'FAILURE'
  const steps: readonly MessageState[] = failed ? [...PATH.slice(0, 4), 'FAILURE'] : PATH
  const pending = steps.find((s) => !reached.has(s))
  const last = status.phases[status.phases.length - 1]
  return (
    <Box flexDirection="column">
      <Text>
        Message <Text bold>{status.messageId}</Text> {status.sourceChain} → {status.destChain} (seq{' '}
        {String(status.sequenceNumber)})
      </Text>
      {steps.map((step, i) => {
        const phase = reached.get(step)
        const previous = i === 0 ? undefined : reached.get(steps[i - 1] ?? 'SENT')
        if (phase !== undefined) {
          return (
            <Box key={step} gap={1}>
              <Text color={step === 'FAILURE' ? 'red' : 'green'}>{step === 'FAILURE' ? '✗' : '✓'}</Text>
              <Text>{step.padEnd(16)}</Text>
              <Text color="gray">
                {phaseChain(status, phase)} block {phase.blockNumber} {blockTime(phase.timestamp)}
                {previous === undefined ? '' : ` +${seconds(phase.timestamp - previous.timestamp)}`}
              </Text>
            </Box>
          )
        }
        return (
          <Box key={step} gap={1}>
            {step === pending ? <Spinner /> : <Text color="gray">·</Text>}
            <Text color={step === pending ? undefined : 'gray'}>{step.padEnd(16)}</Text>
            {step === pending && last !== undefined ? <Elapsed fromSeconds={last.timestamp} /> : null}
          </Box>
        )
      })}
    </Box>
  )
}
