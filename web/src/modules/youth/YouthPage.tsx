import { Breadcrumb, Card, Flex, Result, Spin, Tabs } from 'antd';
import { Link, useParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getYouth } from '../../../../common/contracts/youth';
import { ApiError, call } from '../../api/client';
import { AttachmentsTab } from './AttachmentsTab';
import { InteractionsTab } from './InteractionsTab';
import { ProfileTab } from './ProfileTab';
import { StageTab } from './StageTab';
import { TimelineList } from './TimelineList';
import { TransferTab } from './TransferTab';
import { YouthHeader } from './YouthHeader';

/** One person: header with the masked numbers, then 基本资料 / 联系记录 / 时间线 / 附件 / 阶段 / 转移. */
export function YouthPage() {
  const id = Number(useParams().id);
  const queryClient = useQueryClient();
  const detail = useQuery({
    queryKey: ['youth', id, 'detail'],
    queryFn: () => call(getYouth, { params: { id } }),
    enabled: id > 0,
    meta: { silent: true },
  });
  // Everything about this person, and the list whose row may show it, is re-read.
  const reload = () => {
    void queryClient.invalidateQueries({ queryKey: ['youth', id] });
    void queryClient.invalidateQueries({ queryKey: ['list', 'youth'] });
    void queryClient.invalidateQueries({ queryKey: ['youth-transfers'] });
  };

  if (detail.isError || !(id > 0)) {
    const gone = detail.error instanceof ApiError && detail.error.status === 404;
    return (
      <Result
        status={gone ? '404' : 'warning'}
        title={gone || !(id > 0) ? '找不到该青年，或不在您的管辖范围内' : detail.error?.message}
        extra={<Link to="/youth">返回青年库</Link>}
      />
    );
  }
  if (!detail.data) return <Spin style={{ display: 'block', margin: 48 }} />;
  const youth = detail.data;
  return (
    <Flex vertical gap={12}>
      <Breadcrumb items={[{ title: <Link to="/youth">青年库</Link> }, { title: youth.name }]} />
      <YouthHeader key={youth.id} youth={youth} />
      <Card size="small" styles={{ body: { paddingTop: 0 } }}>
        <Tabs
          items={[
            { key: 'profile', label: '基本资料', children: <ProfileTab youth={youth} onChanged={reload} /> },
            {
              key: 'contacts',
              label: '联系记录',
              children: <InteractionsTab youthId={id} onChanged={reload} />,
            },
            { key: 'timeline', label: '时间线', children: <TimelineList youthId={id} /> },
            { key: 'attachments', label: '附件', children: <AttachmentsTab youthId={id} /> },
            { key: 'stage', label: '阶段', children: <StageTab youth={youth} onChanged={reload} /> },
            { key: 'transfer', label: '转移', children: <TransferTab youth={youth} onChanged={reload} /> },
          ]}
        />
      </Card>
    </Flex>
  );
}
