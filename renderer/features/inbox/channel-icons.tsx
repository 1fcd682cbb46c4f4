import { type PaletteMode, useTheme } from '@mui/material/styles';
import { createSvgIcon } from '@mui/material/utils';
import type { Channel } from '../../../shared/model/vocabulary';

// Material Design paths, inline (no icon package in the installer). Social networks share the chat
// bubble and differ by colour: their logos are trademarks the product does not ship.
const icon = (path: string, name: string) => createSvgIcon(<path d={path} />, name);

const ChatIcon = icon('M20 2H4c-1.1 0-2 .9-2 2v18l4-4h14c1.1 0 2-.9 2-2V4c0-1.1-.9-2-2-2z', 'Chat');
const MailIcon = icon(
  'M20 4H4c-1.1 0-2 .9-2 2v12c0 1.1.9 2 2 2h16c1.1 0 2-.9 2-2V6c0-1.1-.9-2-2-2zm0 4-8 5-8-5V6l8 5 8-5v2z',
  'Mail',
);
const PortalIcon = icon(
  'M4 10v7h3v-7H4zm6 0v7h3v-7h-3zM2 22h19v-3H2v3zm14-12v7h3v-7h-3zm-4.5-9L2 6v2h19V6l-9.5-5z',
  'Portal',
);
const PersonIcon = icon(
  'M12 12c2.21 0 4-1.79 4-4s-1.79-4-4-4-4 1.79-4 4 1.79 4 4 4zm0 2c-2.67 0-8 1.34-8 4v2h16v-2c0-2.66-5.33-4-8-4z',
  'Person',
);
const PhoneIcon = icon(
  'M6.62 10.79c1.44 2.83 3.76 5.14 6.59 6.59l2.2-2.2c.27-.27.67-.36 1.02-.24 1.12.37 2.33.57 3.57.57.55 0 1 .45 1 1V20c0 .55-.45 1-1 1-9.39 0-17-7.61-17-17 0-.55.45-1 1-1h3.5c.55 0 1 .45 1 1 0 1.25.2 2.45.57 3.57.11.35.03.74-.25 1.02l-2.2 2.2z',
  'Phone',
);
const PostIcon = icon(
  'M18 2H6c-1.1 0-2 .9-2 2v16c0 1.1.9 2 2 2h12c1.1 0 2-.9 2-2V4c0-1.1-.9-2-2-2zM6 4h5v8l-2.5-1.5L6 12V4z',
  'Post',
);

const icons: Record<Channel, typeof ChatIcon> = {
  vk: ChatIcon,
  ok: ChatIcon,
  telegram: ChatIcon,
  max: ChatIcon,
  email: MailIcon,
  portal: PortalIcon,
  reception: PersonIcon,
  phone: PhoneIcon,
  post: PostIcon,
};

/**
 * Each channel's colour on the light and on the dark background: at least 3:1 against the list's
 * background in both (WCAG 1.4.11, non-text contrast; issue 11, defect 14 — VK and the portal were
 * dark blue on near-black).
 */
export const channelColours: Record<Channel, Record<PaletteMode, string>> = {
  vk: { light: '#0063d1', dark: '#5ea8ff' },
  ok: { light: '#c56a00', dark: '#f5a04a' },
  telegram: { light: '#1a7fb0', dark: '#4fb6e8' },
  max: { light: '#7b3fe4', dark: '#b18cf5' },
  email: { light: '#5f6b7a', dark: '#a3adb8' },
  portal: { light: '#0d4cd3', dark: '#7ea6ff' },
  reception: { light: '#2e7d32', dark: '#6cc070' },
  phone: { light: '#00796b', dark: '#4db6ac' },
  post: { light: '#8d6e63', dark: '#c4a69b' },
};

export function ChannelIcon({ channel, label }: { channel: Channel; label: string }) {
  const Icon = icons[channel];
  const color = channelColours[channel][useTheme().palette.mode];
  return <Icon role="img" aria-label={label} titleAccess={label} fontSize="small" sx={{ color }} />;
}
