// A function whose init code fails (after a top-level await), for the packaged-vs-source matrix.
export function handler(): string {
  return "never";
}

function readConfig(): never {
  throw new RangeError("MATRIX_CONFIG is not set");
}

await new Promise((resolve) => setTimeout(resolve, 1));
readConfig();
