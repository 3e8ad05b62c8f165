import { Alert, Spin, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { REPORT_LEVELS, previewTargets, type CollectionTarget } from '../../../../common/contracts/reports';
import { call } from '../../api/client';
import { useDebounced } from '../../components/useDebounced';

/** Who will have to answer, before the collection is opened: “将向 71 个单位发起：省级 4、市级 67”. */
export function TargetPreview({ target }: { target: CollectionTarget | null }) {
  const key = useDebounced(target ? JSON.stringify(target) : '');
  const preview = useQuery({
    queryKey: ['reports', 'targets', key],
    queryFn: () => call(previewTargets, { body: { target: JSON.parse(key) as CollectionTarget } }),
    enabled: key !== '',
    // A choice with nobody to answer is explained in the panel, not in a toast.
    meta: { silent: true },
  });
  if (!target) {
    return <Alert type="warning" showIcon title="请选择须报送的单位范围" />;
  }
  if (!preview.data) {
    return (
      <Alert
        type="info"
        title={preview.isError ? '无法预览须报送的单位' : <Spin size="small" />}
        description={preview.isError ? preview.error.message : undefined}
      />
    );
  }
  const { count, byLevel, sample } = preview.data;
  if (count === 0) {
    return <Alert type="warning" showIcon title="所选范围内没有须报送的单位，请调整范围" />;
  }
  const parts = (Object.keys(REPORT_LEVELS) as (keyof typeof REPORT_LEVELS)[])
    .filter((l) => byLevel[l] > 0)
    .map((l) => `${REPORT_LEVELS[l]} ${byLevel[l]}`);
  return (
    <Alert
      type="success"
      showIcon
      data-testid="target-preview"
      title={`将向 ${count} 个单位发起：${parts.join('、')}`}
      description={
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {sample.map((u) => u.name).join('、')}
          {count > sample.length ? ` 等 ${count} 个单位` : ''}
        </Typography.Text>
      }
    />
  );
}
