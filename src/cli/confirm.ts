/** A yes/no question on the terminal (only asked when stdin and stderr are terminals). */
import { createInterface } from 'node:readline/promises';
import { stopProgress } from './progress.js';

/** Whether a question can be asked: both stdin and stderr are terminals. */
export function canAsk(): boolean {
  return process.stdin.isTTY === true && process.stderr.isTTY === true;
}

/** Asks `question [y/N]` on stderr; true only for an answer starting with y. */
export async function confirm(question: string): Promise<boolean> {
  stopProgress();
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(`${question} [y/N] `);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}
