import type { HealthBoard, NodeHealth } from './health.js'

/** Round-robin leadership: each round's leader is the next node, and its round is recorded. */
export class LeaderRotation<N extends { health: NodeHealth }> {
  private round = 0

  constructor(
    private readonly nodes: readonly N[],
    private readonly board: HealthBoard,
  ) {}

  next(): N {
    const leader = this.nodes[this.round % this.nodes.length]!
    this.round += 1
    this.board.round(leader.health)
    return leader
  }
}
