/** Metadata of an attached file; the bytes live in the server's file store, addressed by `id`. */
export interface AttachmentMeta {
  id: string;
  name: string;
  mimeType: string;
  /** Bytes. */
  size: number;
  /** Hex SHA-256 of the content, once the server has it. */
  sha256?: string;
}

export const maxAttachmentBytes = 100 * 1024 * 1024;
