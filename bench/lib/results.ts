/**
 * Every benchmark prints its figures and appends them to bench/RESULTS.md together with the
 * machine it ran on and the exact command that produced them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const RESULTS_FILE = path.resolve(__dirname, '..', 'RESULTS.md');

/** One line describing this machine: CPU model and count, memory, OS, Node. */
export function machineDescription(): string {
  const cpus = os.cpus();
  const memGiB = (os.totalmem() / 2 ** 30).toFixed(0);
  return `${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${memGiB} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}`;
}

/** The command line that started this script, as a reader would retype it. */
export function commandLine(): string {
  const npmScript = process.env.npm_lifecycle_event;
  const args = process.argv.slice(2).join(' ');
  if (npmScript && npmScript.startsWith('bench')) return `npm run ${npmScript}${args ? ` -- ${args}` : ''}`;
  return `node ${path.relative(process.cwd(), process.argv[1] ?? '')} ${args}`.trim();
}

/**
 * Appends one section to bench/RESULTS.md (or to BENCH_RESULTS_FILE, which the smoke tests set so
 * that a test run never touches the committed results).
 */
export function appendResults(title: string, body: string): string {
  const file = process.env.BENCH_RESULTS_FILE ? path.resolve(process.env.BENCH_RESULTS_FILE) : RESULTS_FILE;
  const section = [
    `## ${title}`,
    '',
    `- When: ${new Date().toISOString()}`,
    `- Machine: ${machineDescription()}`,
    `- Command: \`${commandLine()}\``,
    '',
    body.trim(),
    '',
    '',
  ].join('\n');
  if (!fs.existsSync(file)) fs.writeFileSync(file, '# Benchmark results\n\nEach section was appended by the command it names (see README, "Benchmarks").\n\n');
  fs.appendFileSync(file, section);
  return file;
}

/** A GitHub-flavoured Markdown table. */
export function markdownTable(header: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Percentile (0–100) of a list of numbers (nearest rank). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}
