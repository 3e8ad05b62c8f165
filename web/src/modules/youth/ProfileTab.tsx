import { useState } from 'react';
import { Button, Descriptions, Flex, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { GENDERS, type YouthDetail } from '../../../../common/contracts/youth';
import { useCan } from '../../app/session';
import { YouthDialog } from './YouthDialog';

const or = (v: string | null | undefined) => (v ? v : '—');
const multiline = (v: string | null) =>
  v ? <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{v}</Typography.Paragraph> : '—';

/** 基本资料: everything the cadre filled in; 编辑 carries the version read here. */
export function ProfileTab({ youth, onChanged }: { youth: YouthDetail; onChanged: () => void }) {
  const can = useCan();
  const [editing, setEditing] = useState(false);
  const accounts = youth.onlineAccounts
    .map(
      (a) =>
        `${a.platform}：${a.handle}${a.followers !== null ? `（粉丝 ${a.followers.toLocaleString('zh-CN')}）` : ''}`,
    )
    .join('；');
  return (
    <>
      <Flex justify="space-between" align="center" style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">
          登记于 {dayjs(youth.createdAt).format('YYYY-MM-DD')}，最后修改{' '}
          {dayjs(youth.updatedAt).format('YYYY-MM-DD HH:mm')}
        </Typography.Text>
        {can('youth.write') && (
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
            编辑
          </Button>
        )}
      </Flex>
      <Descriptions bordered size="small" column={2} styles={{ label: { width: 140 } }}>
        <Descriptions.Item label="姓名">{youth.name}</Descriptions.Item>
        <Descriptions.Item label="性别">{youth.gender ? GENDERS[youth.gender] : '—'}</Descriptions.Item>
        <Descriptions.Item label="出生日期">
          {or(youth.birthDate)}
          {youth.age !== null && `（${youth.age} 岁）`}
        </Descriptions.Item>
        <Descriptions.Item label="民族">{or(youth.ethnicity)}</Descriptions.Item>
        <Descriptions.Item label="政治面貌">{or(youth.politicalStatus)}</Descriptions.Item>
        <Descriptions.Item label="学历">{or(youth.education)}</Descriptions.Item>
        <Descriptions.Item label="群体类别">{or(youth.category?.label)}</Descriptions.Item>
        <Descriptions.Item label="现居地">{or(youth.residence)}</Descriptions.Item>
        <Descriptions.Item label="从业领域/职业">{or(youth.occupation)}</Descriptions.Item>
        <Descriptions.Item label="签约平台或所属机构">{or(youth.platformOrg)}</Descriptions.Item>
        <Descriptions.Item label="代表作品与成就" span={2}>
          {multiline(youth.worksAchievements)}
        </Descriptions.Item>
        <Descriptions.Item label="网络账号" span={2}>
          {or(accounts)}
        </Descriptions.Item>
        <Descriptions.Item label="来源">{or(youth.source?.label)}</Descriptions.Item>
        <Descriptions.Item label="需求">{or(youth.needs.map((n) => n.label).join('、'))}</Descriptions.Item>
        <Descriptions.Item label="需求说明" span={2}>
          {or(youth.needsText)}
        </Descriptions.Item>
        <Descriptions.Item label="梦想" span={2}>
          {multiline(youth.dream)}
        </Descriptions.Item>
        <Descriptions.Item label="标签">{or(youth.tags.join('、'))}</Descriptions.Item>
        <Descriptions.Item label="监护人同意">{youth.guardianConsent ? '已取得' : '—'}</Descriptions.Item>
        <Descriptions.Item label="备注" span={2}>
          {multiline(youth.remark)}
        </Descriptions.Item>
        {youth.ageWarnings.length > 0 && (
          <Descriptions.Item label="提示" span={2}>
            <Typography.Text type="warning">{youth.ageWarnings.join('；')}</Typography.Text>
          </Descriptions.Item>
        )}
      </Descriptions>
      {editing && (
        <YouthDialog
          youth={youth}
          onSaved={() => {
            setEditing(false);
            onChanged();
          }}
          onConflict={() => {
            setEditing(false);
            onChanged();
          }}
          onClose={() => setEditing(false)}
        />
      )}
    </>
  );
}
