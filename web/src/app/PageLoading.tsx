import { Spin } from 'antd';

export function PageLoading() {
  return (
    <div className="zm-page-loading">
      <Spin size="large" />
    </div>
  );
}
