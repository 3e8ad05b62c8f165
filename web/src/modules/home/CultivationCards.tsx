import { useState } from 'react';
import { App, Button, Card, Col, Flex, Progress, Row, Statistic, Typography } from 'antd';
import { FigureCard as Figure } from './FigureCard';
import { DownloadOutlined } from '@ant-design/icons';
import {
  ENDING_PAIRING_DAYS,
  IDLE_PAIRING_DAYS,
  exportHomeFigures,
  type CultivationFigures,
} from '../../../../common/contracts/home';
import { download } from '../../api/client';

/** 培养: training, the mentor programme, events and calls for works in the viewer's scope, exportable as .xlsx. */
export function CultivationCards({ data }: { data: CultivationFigures }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const { trained, mentoring, events, works } = data;
  const exportFigures = async () => {
    setBusy(true);
    try {
      message.success(`已导出：${await download(exportHomeFigures)}`);
    } catch (e) {
      message.error(e instanceof Error ? e.message : '导出失败');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Flex vertical gap={12}>
      <Flex align="center" justify="space-between">
        <Typography.Title level={5} style={{ margin: 0 }}>
          培养（{data.year} 年）
        </Typography.Title>
        <Button size="small" icon={<DownloadOutlined />} loading={busy} onClick={() => void exportFigures()}>
          导出统计
        </Button>
      </Flex>
      <Row gutter={[16, 16]}>
        <Col xs={12} lg={6}>
          <Figure
            title="本年参训"
            value={trained.people}
            suffix="人"
            note={`出勤 ${trained.personTimes} 人次 · 结业 ${trained.completed} 人`}
          />
        </Col>
        <Col xs={12} lg={6}>
          <Card size="small" style={{ height: '100%' }}>
            <Statistic
              title="已结对的重点培养对象"
              value={mentoring.withMentor}
              suffix={`/ ${mentoring.keyTargets} 人`}
            />
            <Progress
              percent={Math.round(mentoring.share * 1000) / 10}
              size="small"
              format={(p) => `${p}%`}
              aria-label="结对覆盖率"
            />
          </Card>
        </Col>
        <Col xs={12} lg={6}>
          <Figure
            title={`${ENDING_PAIRING_DAYS} 天内到期的结对`}
            value={mentoring.endingSoon}
            suffix="对"
            note="请及时办理期满结束或延期"
          />
        </Col>
        <Col xs={12} lg={6}>
          <Figure
            title={`超 ${IDLE_PAIRING_DAYS} 天未记录指导`}
            value={mentoring.idle}
            suffix="对"
            note="已签约或指导中的结对"
            warn
          />
        </Col>
        <Col xs={12} lg={6}>
          <Figure
            title="逾期未完成的跟踪培养"
            value={data.overdueFollowUps}
            suffix="条"
            note="培训结业后的跟踪记录"
            warn
          />
        </Col>
        <Col xs={12} lg={6}>
          <Figure
            title="本年活动"
            value={events.events}
            suffix="场"
            note={`参与 ${events.personTimes} 人次 · ${events.persons} 人${events.tours ? ` · 巡演巡展 ${events.tours} 场、观众 ${events.audience} 人次` : ''}`}
          />
        </Col>
        <Col xs={12} lg={6}>
          <Figure title="本年征集作品" value={works.entries} suffix="件" note={`参与 ${works.entrants} 人`} />
        </Col>
        <Col xs={12} lg={6}>
          <Figure
            title="本年获奖作品"
            value={works.awards}
            suffix="件"
            note={`向上推荐 ${works.recommended} 件`}
          />
        </Col>
      </Row>
    </Flex>
  );
}
