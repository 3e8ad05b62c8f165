import { Col, Flex, Row, Typography } from 'antd';
import { Link } from 'react-router';
import {
  LAPSED_CONTACT_DAYS,
  type CoverageFigures,
  type RegistryFigures,
} from '../../../../common/contracts/home';
import { FigureCard } from './FigureCard';

const Section = ({
  title,
  link,
  children,
}: {
  title: string;
  link?: { to: string; label: string };
  children: React.ReactNode;
}) => (
  <Flex vertical gap={12}>
    <Flex align="center" justify="space-between">
      <Typography.Title level={5} style={{ margin: 0 }}>
        {title}
      </Typography.Title>
      {link && <Link to={link.to}>{link.label}</Link>}
    </Flex>
    <Row gutter={[16, 16]}>{children}</Row>
  </Flex>
);

/** 青年库 and 组织覆盖 in the viewer's scope: who is registered and kept in touch, what is organised. */
export function OverviewCards({
  registry,
  coverage,
  links,
}: {
  registry: RegistryFigures;
  coverage: CoverageFigures;
  links: { youth: boolean; orgs: boolean };
}) {
  return (
    <>
      <Section title="青年库" link={links.youth ? { to: '/youth', label: '进入青年库' } : undefined}>
        <Col xs={12} lg={6}>
          <FigureCard
            title="登记青年"
            value={registry.people}
            suffix="人"
            note={`本月新增 ${registry.addedThisMonth} 人`}
          />
        </Col>
        <Col xs={12} lg={6}>
          <FigureCard
            title="重点培养对象"
            value={registry.keyTargets}
            suffix="人"
            note={
              registry.people
                ? `占登记青年 ${((registry.keyTargets / registry.people) * 100).toFixed(1)}%`
                : undefined
            }
          />
        </Col>
        <Col xs={12} lg={6}>
          <FigureCard
            title={`超 ${LAPSED_CONTACT_DAYS} 天未联系`}
            value={registry.notContacted}
            suffix="人"
            note="含从未联系；联系紧，要经常走访"
            warn
          />
        </Col>
        <Col xs={12} lg={6}>
          <FigureCard
            title="联系点"
            value={coverage.contactPoints}
            suffix="个"
            note="文创园区、企业、行业协会等"
          />
        </Col>
      </Section>
      <Section
        title="组织覆盖"
        link={links.orgs ? { to: '/federation/supervision', label: '覆盖督导' } : undefined}
      >
        <Col xs={12} lg={6}>
          <FigureCard
            title="青年社团"
            value={coverage.societies}
            suffix="个"
            note={`其中团属 ${coverage.leagueSocieties} 个`}
          />
        </Col>
        <Col xs={12} lg={6}>
          <FigureCard
            title="青联会员团体"
            value={coverage.memberGroups}
            suffix="个"
            note="已吸纳，不含共青团"
          />
        </Col>
        <Col xs={12} lg={6}>
          <FigureCard title="团组织" value={coverage.branches} suffix="个" note="流动团支部等，现有" />
        </Col>
        <Col xs={12} lg={6}>
          <FigureCard title="团组织成员" value={coverage.branchMembers} suffix="人" note="在册，不含已离开" />
        </Col>
      </Section>
    </>
  );
}
