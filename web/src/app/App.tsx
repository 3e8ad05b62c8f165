import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter } from 'react-router';
import { bindFeedback } from './feedback';
import { queryClient } from './queryClient';
import { AppRoutes } from './AppRoutes';
import { theme } from './theme';

function FeedbackBridge() {
  bindFeedback(AntApp.useApp());
  return null;
}

export function App() {
  return (
    <ConfigProvider locale={zhCN} theme={theme}>
      <AntApp>
        <FeedbackBridge />
        <QueryClientProvider client={queryClient}>
          {/* Without transitions the old page leaves at once and the new one shows its loading state,
              instead of the previous page lingering, still clickable, while a chunk loads. */}
          <BrowserRouter useTransitions={false}>
            <AppRoutes />
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
