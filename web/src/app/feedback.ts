import type { App } from 'antd';

type Feedback = ReturnType<typeof App.useApp>;

/**
 * antd's message/modal/notification bound to the app's theme and locale, for code outside
 * components (the query cache's error handler). Filled once by <FeedbackBridge/>.
 */
export const feedback = {} as Feedback;

export function bindFeedback(api: Feedback) {
  Object.assign(feedback, api);
}
