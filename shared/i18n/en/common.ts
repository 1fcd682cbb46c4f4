import type ru from '../ru/common';
import type { Translation } from '../types';

// Namespace "common" (English): must have exactly the keys of the Russian file.
export default {
  appName: 'Okno',
  save: 'Save',
  cancel: 'Cancel',
  close: 'Close',
  confirm: 'Confirm',
  edit: 'Edit',
  delete: 'Delete',
  discard: 'Discard',
  copy: 'Copy',
  send: 'Send',
  back: 'Back',
  search: 'Search',
  retry: 'Retry',
  loading: 'Loading…',
  yes: 'Yes',
  no: 'No',
  notSpecified: 'Not specified',
} satisfies Translation<typeof ru>;
