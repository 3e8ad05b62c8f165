/** A public page's channel as cadres read it: no channel in the link (stored as 'web') is 直接访问. */
export const channelLabel = (channel: string | null | undefined) =>
  !channel || channel === 'web' ? '直接访问' : channel;
