import { Result, Spin, Typography } from 'antd';
import type { ImportJob } from '../../../../common/contracts/imports';

/** Step 3: writing (one transaction), then what was written, or why nothing was. */
export function ResultStep({ job, what }: { job: ImportJob; what: string }) {
  if (job.status === 'importing') {
    return (
      <Result
        icon={<Spin size="large" />}
        title="正在写入……"
        subTitle="全部写入成功后才生效；中途出错不会留下任何数据。可关闭窗口，导入在后台继续。"
      />
    );
  }
  if (job.status === 'done' && job.result) {
    const { inserted, updated, skipped } = job.result;
    const errors = job.counts?.error ?? 0;
    const left = job.sheets.filter((s) => s.excluded).map((s) => `“${s.name}”`);
    return (
      <Result
        status={errors > 0 ? 'warning' : 'success'}
        title={`导入完成：新增 ${inserted} 人，更新 ${updated} 人`}
        subTitle={
          <Typography.Text type="secondary">
            {skipped > 0 ? `跳过 ${skipped} 行（重复或未选择更新）。` : ''}
            {errors > 0 ? `${errors} 行有错误未导入，请下载错误报告修改后重新上传。` : `全部${what}已写入。`}
            {left.length > 0 ? `未导入工作表 ${left.join('、')}。` : ''}
          </Typography.Text>
        }
      />
    );
  }
  return (
    <Result
      status={job.status === 'interrupted' ? 'warning' : job.status === 'cancelled' ? 'info' : 'error'}
      title={
        job.status === 'interrupted'
          ? '导入中断'
          : job.status === 'cancelled'
            ? '已取消本次导入'
            : '无法导入该文件'
      }
      subTitle={
        job.canRetry
          ? `${job.error ?? '导入中断，未写入任何数据'}。检查结果仍在，点“重新导入”即可继续，无需重新上传。`
          : (job.error ?? '')
      }
    />
  );
}
