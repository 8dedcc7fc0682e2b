// The history database every command that reads or writes it names the same way: `--db FILE`, or
// $RAMPART_DB, or `rampart-history.db` in the current folder.
export const DEFAULT_DATABASE = "rampart-history.db";

export function databaseOption(): [string, string, string] {
  return [
    "--db <file>",
    `the scan history (SQLite; default: $RAMPART_DB, or ${DEFAULT_DATABASE})`,
    process.env.RAMPART_DB ?? DEFAULT_DATABASE,
  ];
}
