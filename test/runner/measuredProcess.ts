// Runs a process to its end and measures it from outside: wall time and peak memory (Linux only:
// the kernel's VmHWM, read from /proc while it runs). Used by the hostile-server tests and the
// flood benchmark.

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { constants } from 'node:os';

export interface Measured {
  /** The exit code (128 + n when killed by signal n). */
  code: number;
  stdout: string;
  stderr: string;
  wallMs: number;
  /** The highest resident set size the process reached, in MB (0 when /proc could not be read). */
  peakRssMb: number;
}

/** Runs `command args`, killing it after `limitMs`. */
export function runMeasured(command: string, args: string[], limitMs = 60_000): Promise<Measured> {
  return new Promise((done, fail) => {
    const started = performance.now();
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let peakKb = 0;
    const readPeak = () => {
      try {
        const kb = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0);
        peakKb = Math.max(peakKb, kb);
      } catch {
        // The process has just ended.
      }
    };
    const poll = setInterval(readPeak, 20);
    const killer = setTimeout(() => child.kill('SIGKILL'), limitMs);
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', (error) => {
      clearInterval(poll);
      clearTimeout(killer);
      fail(error);
    });
    child.on('exit', (code, signal) => {
      clearInterval(poll);
      clearTimeout(killer);
      done({ code: code ?? 128 + (signal ? constants.signals[signal] : 0), stdout, stderr, wallMs: performance.now() - started, peakRssMb: peakKb / 1024 });
    });
  });
}
