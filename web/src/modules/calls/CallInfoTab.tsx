import { Alert, Col, Descriptions, Empty, Row, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import {
  FILE_KINDS,
  type CallAwardLevel,
  type CallCategory,
  type CallCriterion,
  type CallDetail,
} from '../../../../common/contracts/calls';

const time = (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '—');
const title = (text: string) => (
  <Typography.Title level={5} style={{ margin: '20px 0 8px' }}>
    {text}
  </Typography.Title>
);

/** 基本信息: what the call asks for and how it will be judged, as the entrants and judges will see it. */
export function CallInfoTab({ detail: c }: { detail: CallDetail }) {
  const entries = Object.fromEntries(c.entriesByCategory.map((e) => [e.key, e.count]));
  return (
    <>
      {c.status === 'draft' && !c.noticeReady && (
        <Alert
          type="warning"
          showIcon
          title="本单位还没有发布个人信息处理规则，征集暂不能发布"
          description="请先在“线上招募 → 个人信息规则”中发布，投稿页面会向青年展示它。"
          style={{ marginBottom: 12 }}
        />
      )}
      <Descriptions bordered size="small" column={2} styles={{ label: { width: 120 } }}>
        <Descriptions.Item label="征集主题" span={2}>
          <span style={{ whiteSpace: 'pre-wrap' }}>{c.theme || '—'}</span>
        </Descriptions.Item>
        <Descriptions.Item label="参与条件">
          {c.ageMin}–{c.ageMax} 周岁（按截止日计算），
          {c.allowGroups ? `可团体投稿，最多 ${c.maxGroupSize} 人` : '仅限个人投稿'}
        </Descriptions.Item>
        <Descriptions.Item label="公示">
          {c.publicityStartsAt
            ? `${time(c.publicityStartsAt)} 至 ${time(c.publicityEndsAt)}`
            : `评奖后公示 ${c.publicityDays} 天`}
        </Descriptions.Item>
        <Descriptions.Item label="向上推荐">
          {c.parentCallTitle
            ? `${c.parentUnitName}：${c.parentCallTitle}，名额 ${c.parentRecommendQuota ?? 0} 件`
            : '不向上推荐'}
        </Descriptions.Item>
        <Descriptions.Item label="接收下级推荐">
          {c.recommendQuota > 0 ? `每个下级征集可推荐 ${c.recommendQuota} 件` : '不接收'}
        </Descriptions.Item>
        <Descriptions.Item label="创建">
          {c.createdByName ?? '—'}，{time(c.createdAt)}
        </Descriptions.Item>
      </Descriptions>

      {title('作品类别')}
      <Table<CallCategory>
        size="small"
        bordered
        pagination={false}
        rowKey="key"
        dataSource={c.categories}
        columns={[
          { key: 'label', title: '类别', dataIndex: 'label', width: 160 },
          {
            key: 'kinds',
            title: '可提交的文件',
            render: (_, x) => x.kinds.map((k) => <Tag key={k}>{FILE_KINDS[k]}</Tag>),
          },
          {
            key: 'limit',
            title: '数量与大小',
            render: (_, x) => `最多 ${x.maxFiles} 个，每个不超过 ${x.maxMb} MB`,
          },
          { key: 'note', title: '说明', render: (_, x) => x.note || '—' },
          { key: 'entries', title: '已收作品', align: 'right', render: (_, x) => entries[x.key] ?? 0 },
        ]}
      />

      <Row gutter={24}>
        <Col span={15}>
          {title('评分标准')}
          <Table<CallCriterion>
            size="small"
            bordered
            pagination={false}
            rowKey="key"
            dataSource={c.rubric}
            columns={[
              { key: 'label', title: '评分项', dataIndex: 'label', width: 110 },
              { key: 'weight', title: '权重', width: 70, render: (_, x) => `${x.weight}%` },
              { key: 'maxScore', title: '满分', width: 60, dataIndex: 'maxScore' },
              { key: 'description', title: '评分说明', render: (_, x) => x.description || '—' },
            ]}
          />
        </Col>
        <Col span={9}>
          {title('奖项设置')}
          <Table<CallAwardLevel>
            size="small"
            bordered
            pagination={false}
            rowKey="key"
            dataSource={c.awardLevels}
            columns={[
              { key: 'label', title: '奖项', dataIndex: 'label' },
              { key: 'count', title: '名额', align: 'right', render: (_, x) => `${x.count} 名` },
            ]}
          />
        </Col>
      </Row>

      {title('征集规则')}
      {c.rules ? (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 8 }}>
          {c.rules}
        </Typography.Paragraph>
      ) : (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description="还没有填写征集规则：点击右上角“修改”补充投稿要求、评审方式和奖励"
        />
      )}
    </>
  );
}
