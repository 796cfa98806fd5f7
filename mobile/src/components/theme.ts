/** One accent colour, neutral greys, red only for what destroys: the dashboard's palette. */
export const colors = {
  accent: '#0b7285',
  accentText: '#ffffff',
  text: '#212529',
  dimmed: '#5c6470',
  border: '#dee2e6',
  background: '#f8f9fa',
  surface: '#ffffff',
  danger: '#c92a2a',
  dangerSoft: '#fff5f5',
  success: '#2b8a3e',
  successSoft: '#ebfbee',
  warning: '#a15c07',
  warningSoft: '#fff9db',
  infoSoft: '#e3fafc',
} as const;

export const space = { xs: 4, sm: 8, md: 16, lg: 24, xl: 32 } as const;
export const radius = 10;
/** Apple's minimum comfortable tap target. */
export const TAP = 44;
