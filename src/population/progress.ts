/**
 * Progress of a seed on stderr: a bar redrawn in place on a terminal, otherwise (logs, CI) one line
 * every tenth of the way, so a log file stays short.
 */
export interface SeedProgress {
  readonly done: number;
  readonly total: number;
  readonly elapsedMs: number;
}

const BAR_WIDTH = 30;

function rate(progress: SeedProgress): string {
  const perSecond = progress.elapsedMs > 0 ? (progress.done * 1000) / progress.elapsedMs : 0;
  return `${Math.round(perSecond).toLocaleString("fr-FR")} personnes/s`;
}

export function progressOnStderr(
  stream: NodeJS.WriteStream = process.stderr,
): (progress: SeedProgress) => void {
  let lastTenth = -1;
  return (progress) => {
    const share = progress.total > 0 ? progress.done / progress.total : 1;
    const count = `${progress.done.toLocaleString("fr-FR")} / ${progress.total.toLocaleString("fr-FR")}`;
    if (stream.isTTY) {
      const filled = Math.round(share * BAR_WIDTH);
      const bar = `${"█".repeat(filled)}${"░".repeat(BAR_WIDTH - filled)}`;
      stream.write(`\r${bar} ${Math.floor(share * 100)} % ${count} — ${rate(progress)}`);
      if (progress.done >= progress.total) stream.write("\n");
      return;
    }
    const tenth = Math.floor(share * 10);
    if (tenth === lastTenth) return;
    lastTenth = tenth;
    stream.write(`Population : ${tenth * 10} % (${count}) — ${rate(progress)}\n`);
  };
}
