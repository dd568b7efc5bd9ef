// The reporters of `scs run` and `scansion`, by the name `--reporter` takes.

import type { Output } from '../output.js';
import { UsageError } from '../usage.js';
import { colorsWanted, palette } from './colors.js';
import { GithubReporter } from './github.js';
import { HumanReporter } from './human.js';
import { JsonReporter } from './json.js';
import { JunitReporter } from './junit.js';
import type { Reporter } from './reporter.js';
import { TapReporter } from './tap.js';

export const reporterNames = ['human', 'json', 'junit', 'tap', 'github'] as const;

/** Throws a UsageError for a name not in `reporterNames`. */
export function makeReporter(name: string, output: Output, settings: { planned: number; jobs: number }): Reporter {
  switch (name) {
    case 'human':
      return new HumanReporter(output.write, palette(output.terminal && colorsWanted(process.stdout)), settings.jobs > 1);
    case 'json':
      return new JsonReporter(output.write);
    case 'junit':
      return new JunitReporter(output.write);
    case 'tap':
      return new TapReporter(output.write, settings.planned);
    case 'github':
      return new GithubReporter(output.write);
    default:
      throw new UsageError(`--reporter must be ${reporterNames.join(', ')}, not "${name}"`);
  }
}
