export function readDemoAccounts(): { logins: string[]; password: string | null } | null;
