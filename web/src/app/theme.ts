import type { ThemeConfig } from 'antd';

/** The League's red as the brand colour; everything else stays quiet and legible. */
export const BRAND_RED = '#c8161d';

/** Whoever asks the system for less motion gets dialogs, menus and messages without animation. */
const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches;

export const theme: ThemeConfig = {
  token: {
    motion: !reducedMotion,
    colorPrimary: BRAND_RED,
    colorLink: BRAND_RED,
    colorInfo: '#1d5fa8',
    borderRadius: 4,
    fontSize: 14,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: { headerBg: '#ffffff', headerHeight: 56, headerPadding: '0 20px', siderBg: '#ffffff' },
    Menu: { itemBorderRadius: 4 },
    Table: { headerBg: '#f7f7f8' },
  },
};
