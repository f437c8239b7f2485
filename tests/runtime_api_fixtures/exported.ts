// A function that only exports its handler: server/main.ts starts it.
export function handler(event: { n: number }): number {
  return event.n * 2;
}
