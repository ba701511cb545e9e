/** Where a workload sends its traffic: the published port of the container on the host. */
export interface Endpoint {
  readonly host: string;
  readonly port: number;
}
