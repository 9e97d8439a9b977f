import { startLocalStack } from 'ccipkit'

process.env.CCIPKIT_CACHE = '/tmp/ccipkit-scratch-cache'
const all = []
for (let i = 0; i < 5; i++) {
  const t0 = Date.now()
  const stack = await startLocalStack({ chains: 3, mining: process.argv[2] })
  all.push(Date.now() - t0)
  if (i === 4) {
    const sent = await stack.send({ from: 'alpha', to: 'beta', data: '0x01' })
    console.log((await stack.waitFor(sent.messageId)).state)
  }
  await stack.stop()
}
console.log(all.join(' '))
