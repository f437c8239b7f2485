// Sleeps for event.ms before answering (deadline tests).
export async function handler(event: { ms: number }): Promise<string> {
  await new Promise((r) => setTimeout(r, event.ms));
  return "awake";
}
