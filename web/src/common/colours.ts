/**
 * Colours for text on white at 4.5:1 or more, as hex: Mantine resolves a shade suffix ("red.9") to a lighter
 * shade in its outline, subtle and light variants, which then fails AA contrast; a hex colour is used as given.
 */
export const DANGER = '#c92a2a';
export const SUCCESS = '#1e6b30';
export const WARNING = '#9c3d00';
