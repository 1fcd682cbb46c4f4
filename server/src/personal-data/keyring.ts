/** One AES-256-GCM key of the personal-data keyring. */
export interface PersonalDataKey {
  id: string;
  key: Buffer;
}
