import type { Rectangle } from 'electron';
import type { WindowBounds } from '../security/window-options';

export interface WindowState extends WindowBounds {
  readonly maximized: boolean;
}

export const defaultWindowState: WindowState = { width: 1280, height: 800, maximized: false };

const isSize = (value: unknown, min: number): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= min && value <= 20_000;
const isCoordinate = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= 100_000;

/** Reads the remembered state; anything malformed falls back to the default, never throws. */
export function parseWindowState(json: string | null): WindowState {
  if (!json) return defaultWindowState;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return defaultWindowState;
  }
  if (typeof value !== 'object' || value === null) return defaultWindowState;
  const { x, y, width, height, maximized } = value as Record<string, unknown>;
  if (!isSize(width, 400) || !isSize(height, 300)) return defaultWindowState;
  const position = isCoordinate(x) && isCoordinate(y) ? { x, y } : {};
  return { ...position, width, height, maximized: maximized === true };
}

/**
 * A window remembered on a monitor that is gone (a laptop undocked) would open off-screen: keep the
 * position only if the window's title bar area overlaps one of today's work areas.
 */
export function fitToDisplays(state: WindowState, workAreas: readonly Rectangle[]): WindowState {
  if (state.x === undefined || state.y === undefined) return state;
  const { x, y } = state;
  const visible = workAreas.some(
    (area) =>
      x + 100 > area.x && x < area.x + area.width - 100 && y >= area.y && y < area.y + area.height - 50,
  );
  if (visible) return state;
  return { width: state.width, height: state.height, maximized: state.maximized };
}

export function serializeWindowState(bounds: Rectangle, maximized: boolean): string {
  return JSON.stringify({ x: bounds.x, y: bounds.y, width: bounds.width, height: bounds.height, maximized });
}
