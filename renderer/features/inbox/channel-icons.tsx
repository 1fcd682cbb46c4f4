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

const look: Record<Channel, { Icon: typeof ChatIcon; color: string }> = {
  vk: { Icon: ChatIcon, color: '#0077ff' },
  ok: { Icon: ChatIcon, color: '#ee8208' },
  telegram: { Icon: ChatIcon, color: '#229ed9' },
  max: { Icon: ChatIcon, color: '#7b3fe4' },
  email: { Icon: MailIcon, color: '#5f6b7a' },
  portal: { Icon: PortalIcon, color: '#0d4cd3' },
  reception: { Icon: PersonIcon, color: '#2e7d32' },
  phone: { Icon: PhoneIcon, color: '#00897b' },
  post: { Icon: PostIcon, color: '#8d6e63' },
};

export function ChannelIcon({ channel, label }: { channel: Channel; label: string }) {
  const { Icon, color } = look[channel];
  return <Icon role="img" aria-label={label} titleAccess={label} fontSize="small" sx={{ color }} />;
}
