// A function that only exports its handler: server/runtime_api_main.ts starts it.
export function handler(event: { n: number }): number {
  return event.n * 2;
}
