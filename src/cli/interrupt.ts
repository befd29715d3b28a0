/**
 * SIGINT / SIGTERM / SIGHUP: remove the run's temp files (io/temp-files.ts: atomic-write temps, train's
 * encoded corpus, a collection being created), restore the terminal a progress bar changed (cursor shown,
 * line wrap on, the bar's line cleared), say so in one line, and exit with 128 + the signal number.
 * A second signal while this runs gets the default action.
 */
import { removeTrackedTemps } from '../io/temp-files.js';

const EXIT_CODES = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;

/** Escape sequences: clear the line, show the cursor, enable line wrap. */
const TERMINAL_RESTORE = '\r\x1b[2K\x1b[?25h\x1b[?7h';

const installed: [string, () => void][] = [];

export function handleInterrupts(): void {
  for (const [signal, code] of Object.entries(EXIT_CODES)) {
    const onSignal = (): void => {
      removeTrackedTemps();
      process.stderr.write(`${process.stderr.isTTY === true ? TERMINAL_RESTORE : ''}embedkit: interrupted (${signal}); temporary files removed\n`);
      process.exit(code);
    };
    process.once(signal, onSignal);
    installed.push([signal, onSignal]);
  }
}

/** For a command that stops gracefully on signals itself (`serve`): the handlers above are removed. */
export function releaseInterrupts(): void {
  for (const [signal, onSignal] of installed.splice(0)) process.off(signal, onSignal);
}
