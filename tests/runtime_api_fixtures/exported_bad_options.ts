// A function whose exported startOptions are not an object: an init error naming them.
export const startOptions = "raw";

export function handler(): number {
  return 1;
}
