import { Tag } from 'antd';

export function BranchStatusTag({ status, dissolvedOn }: { status: string; dissolvedOn: string | null }) {
  return status === 'active' ? (
    <Tag color="success">正常</Tag>
  ) : (
    <Tag>{dissolvedOn ? `${dissolvedOn} 撤销` : '已撤销'}</Tag>
  );
}
