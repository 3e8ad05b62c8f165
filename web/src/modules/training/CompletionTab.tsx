import { App, Button, Flex, Result, Space, Table, Typography } from 'antd';
import { FileExcelOutlined, TrophyOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { exportCompletion, type ClassDetail } from '../../../../common/contracts/training';
import {
  checkCompletion,
  completeClass,
  type completionRow,
} from '../../../../common/contracts/training-enrolment';
import { call, download } from '../../api/client';
import { pct } from './trainingLabels';

type Row = z.infer<typeof completionRow>;

/** 结业: the class's rule applied to each participant, who fails it and why; then 结业 and the list. */
export function CompletionTab({
  cls,
  writable,
  onChanged,
}: {
  cls: ClassDetail;
  writable: boolean;
  onChanged: () => void;
}) {
  const { modal, message } = App.useApp();
  const check = useQuery({
    queryKey: ['training', 'class', cls.id, 'completion'],
    queryFn: () => call(checkCompletion, { params: { id: cls.id } }),
  });
  const rows = check.data?.rows ?? [];
  const passing = rows.filter((r) => r.passes).length;
  const finished = cls.status === 'finished';

  const complete = () =>
    modal.confirm({
      title: '办理结业',
      width: 480,
      content: (
        <>
          <p>
            结业要求：出勤率不低于 {pct(cls.minAttendanceRate)}。符合要求 {passing} 人，不符合{' '}
            {rows.length - passing} 人。
          </p>
          <p>结业后考勤不能再修改，并为结业学员生成跟踪培养任务。</p>
        </>
      ),
      okText: '确认结业',
      onOk: async () => {
        const r = await call(completeClass, { params: { id: cls.id }, body: { version: cls.version } });
        onChanged();
        void check.refetch();
        modal.success({
          title: `${r.completed} 人结业，生成跟踪培养任务 ${r.followUps} 项`,
          content: r.failed.length
            ? `未结业 ${r.failed.length} 人：${r.failed.map((f) => `${f.name}（${f.reason}）`).join('；')}`
            : '全部学员均符合结业要求。',
        });
      },
    });
  const exportList = async () => {
    message.success(`已导出：${await download(exportCompletion, { params: { id: cls.id } })}`);
  };

  return (
    <>
      <Flex justify="space-between" align="center" style={{ marginBottom: 12 }}>
        <Typography.Text>
          {finished
            ? `已结业 ${cls.completedCount} 人${rows.length ? `，未结业 ${rows.length} 人` : ''}。`
            : `结业要求：出勤率不低于 ${pct(cls.minAttendanceRate)}。目前符合 ${passing} 人，不符合 ${rows.length - passing} 人。`}
        </Typography.Text>
        <Space>
          <Button icon={<FileExcelOutlined />} onClick={exportList}>
            导出结业名单
          </Button>
          {writable && !finished && (
            <Button type="primary" icon={<TrophyOutlined />} disabled={!rows.length} onClick={complete}>
              办理结业
            </Button>
          )}
        </Space>
      </Flex>
      {finished && !rows.length ? (
        <Result
          status="success"
          title={`本班已结业，${cls.completedCount} 人结业`}
          subTitle="结业学员的跟踪培养见“跟踪培养”。"
        />
      ) : (
        <Table<Row>
          rowKey="enrolmentId"
          size="middle"
          loading={check.isFetching}
          dataSource={rows}
          pagination={false}
          locale={{ emptyText: '暂无已录取的学员' }}
          columns={[
            { key: 'name', title: '姓名', dataIndex: 'name' },
            { key: 'unit', title: '所在单位', dataIndex: 'unit' },
            { key: 'attended', title: '出勤（节）', render: (_, r) => `${r.attended} / ${r.lessons}` },
            { key: 'rate', title: '出勤率', render: (_, r) => pct(r.attendanceRate) },
            {
              key: 'result',
              title: finished ? '未结业原因' : '检查结果',
              render: (_, r) =>
                r.passes ? (
                  <Typography.Text type="success">符合结业要求</Typography.Text>
                ) : (
                  <Typography.Text type="danger">{r.reason}</Typography.Text>
                ),
            },
          ]}
        />
      )}
    </>
  );
}
