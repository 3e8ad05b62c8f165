import { Breadcrumb, Col, Flex, Result, Row, Spin } from 'antd';
import { Link, useParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getSubmission, type SubmissionDetail } from '../../../../common/contracts/reports-submissions';
import { ApiError, call } from '../../api/client';
import { useViewer } from '../../app/session';
import { ConsolidateSection } from './ConsolidateSection';
import { FilesSection } from './FilesSection';
import { ReportEditor, ReportView } from './ReportContent';
import { RosterSection } from './RosterSection';
import { SubmissionHeader } from './SubmissionHeader';
import { SubmissionHistory } from './SubmissionHistory';
import { SubmitBar } from './SubmitBar';
import { submissionKey, useSubmissionDraft } from './useSubmissionDraft';

function Submission({ d }: { d: SubmissionDetail }) {
  const me = useViewer();
  const queryClient = useQueryClient();
  const draft = useSubmissionDraft(d);
  const own = me.unit.id === d.unit.id;
  return (
    <Flex vertical gap={12}>
      <Breadcrumb
        items={[
          {
            title: own ? (
              <Link to="/reports/due">待报送</Link>
            ) : (
              <Link to="/reports/collections">报送任务</Link>
            ),
          },
          { title: <Link to={`/reports/collections/${d.collection.id}`}>{d.collection.title}</Link> },
          { title: d.unit.name },
        ]}
      />
      <SubmissionHeader
        d={d}
        onReviewed={(next) => {
          draft.apply(next);
          void queryClient.invalidateQueries({ queryKey: ['reports', 'collection'] });
        }}
      />
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={17}>
          <Flex vertical gap={12}>
            {d.canEdit ? <ReportEditor d={d} draft={draft} /> : <ReportView d={d} />}
            {d.collection.form === 'roster' && <RosterSection d={d} draft={draft} />}
            {(d.consolidated.length > 0 || d.consolidatable > 0) && (
              <ConsolidateSection d={d} draft={draft} />
            )}
          </Flex>
        </Col>
        <Col xs={24} xl={7}>
          <Flex vertical gap={12}>
            <FilesSection d={d} draft={draft} />
            <SubmissionHistory d={d} />
          </Flex>
        </Col>
      </Row>
      {d.canEdit && <SubmitBar d={d} draft={draft} />}
    </Flex>
  );
}

/** One unit's report in a collection: fill and send it, or read and review it. */
export function SubmissionPage() {
  const id = Number(useParams().id);
  const detail = useQuery({
    queryKey: submissionKey(id),
    queryFn: () => call(getSubmission, { params: { id } }),
    enabled: id > 0,
    // The form edits what was loaded: only the page's own actions (or 重新加载) bring a newer version.
    staleTime: Infinity,
    meta: { silent: true },
  });
  if (detail.isError || !(id > 0)) {
    const gone = detail.error instanceof ApiError && detail.error.status === 404;
    return (
      <Result
        status={gone ? '404' : 'warning'}
        title={gone || !(id > 0) ? '找不到该报告，或不在您的管辖范围内' : detail.error?.message}
        extra={<Link to="/reports/due">返回待报送</Link>}
      />
    );
  }
  if (!detail.data) return <Spin style={{ display: 'block', margin: 48 }} />;
  return <Submission key={detail.data.id} d={detail.data} />;
}
