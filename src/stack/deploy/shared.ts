/** The contracts a chain's 1.6 and 2.0 ramps share: one Router, one registry, one RMN, the fee tokens. */
export interface SharedContracts {
  router: string
  rmnRemote: string
  rmnProxy: string
  tokenAdminRegistry: string
  registryModule: string
  link: string
  weth: string
}
